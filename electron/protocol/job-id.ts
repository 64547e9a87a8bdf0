/** Job ids: 5 characters from 1-9 and A-Z without O (reference section 1). */

export const JOB_ID_ALPHABET = '123456789ABCDEFGHIJKLMNPQRSTUVWXYZ';
export const JOB_ID_LENGTH = 5;
const JOB_ID_PATTERN = new RegExp(`^[${JOB_ID_ALPHABET}]{${JOB_ID_LENGTH}}$`);

/** Ids are case-insensitive; this is the canonical upper-case form. */
export function normalizeJobId(value: string): string {
  return value.trim().toUpperCase();
}

export function isJobId(value: string): boolean {
  return JOB_ID_PATTERN.test(normalizeJobId(value));
}

/** Builds an id from random bytes (one byte per character; rejection sampling keeps it uniform). */
export function jobIdFromRandom(nextByte: () => number): string {
  const limit = 256 - (256 % JOB_ID_ALPHABET.length);
  let id = '';
  while (id.length < JOB_ID_LENGTH) {
    const b = nextByte();
    if (b < limit) id += JOB_ID_ALPHABET[b % JOB_ID_ALPHABET.length];
  }
  return id;
}

export const VALIDATE_ONLY_SUFFIX = '-VALIDATE-ONLY';
