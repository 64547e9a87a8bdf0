/** The loading station's SIGNATURE check (reference 3), pure: file text (or none) and the job in, a verdict out. */
import { normalizeJobId } from '../../protocol/job-id';
import { SignatureFileError, parseSignatureFile } from '../../protocol/signature-file';

export type SignatureVerdict =
  { ok: true } | { ok: false; progressCode: 'MissingSignature' | 'InvalidSignature'; reason: string };

export function checkSignature(
  text: string | undefined,
  job: { id: string; signature: string | null },
): SignatureVerdict {
  if (text === undefined) {
    return { ok: false, progressCode: 'MissingSignature', reason: 'no SIGNATURE file in the device root' };
  }
  let parsed;
  try {
    parsed = parseSignatureFile(text);
  } catch (err) {
    if (err instanceof SignatureFileError)
      return { ok: false, progressCode: 'InvalidSignature', reason: err.message };
    throw err;
  }
  if (normalizeJobId(parsed.jobId) !== job.id) {
    return {
      ok: false,
      progressCode: 'InvalidSignature',
      reason: `SIGNATURE is for job ${parsed.jobId}, not ${job.id}`,
    };
  }
  if (job.signature === null || parsed.signature !== job.signature) {
    return {
      ok: false,
      progressCode: 'InvalidSignature',
      reason: `SIGNATURE's signature does not match job ${job.id}`,
    };
  }
  return { ok: true };
}
