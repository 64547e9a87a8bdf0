/**
 * Exit codes as the AWS CLI documents them ("Return codes", AWS CLI v2 user guide), so scripts written for
 * `aws importexport` read ours the same way.
 */
export const EXIT = {
  OK: 0,
  /** The command line could not be parsed: unknown command or option, missing or invalid value. */
  USAGE: 252,
  /** Configuration or credentials are missing or invalid (settings file, profile, keychain). */
  CONFIG: 253,
  /** The service answered with an error. */
  SERVICE: 254,
  /** Anything else: a local failure, a network error, a device problem. */
  OTHER: 255,
  /** Interrupted by Ctrl-C (SIGINT), as shells report it. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
