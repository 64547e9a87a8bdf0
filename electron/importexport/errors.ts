/** The client's typed failures: what the service said, or why no answer came. */

/** The service answered with an error envelope (or an HTTP failure without one). */
export class ImportExportError extends Error {
  readonly code: string;
  readonly requestId: string;
  readonly httpStatus: number;
  readonly retryable: boolean;

  constructor(init: {
    code: string;
    message: string;
    requestId: string;
    httpStatus: number;
    retryable: boolean;
  }) {
    super(init.message);
    this.name = 'ImportExportError';
    this.code = init.code;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable;
  }
}

/** The connection failed. `sent` is false only when the request provably never left (refused, no such host). */
export class NetworkError extends Error {
  readonly code = 'NetworkError';
  readonly retryable = true;
  constructor(
    message: string,
    readonly sent: boolean,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** No complete answer within the per-attempt timeout; the request may or may not have been acted on. */
export class TimeoutError extends Error {
  readonly code = 'TimeoutError';
  readonly retryable = true;
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * CreateJob's outcome stayed unknown and the look-up for the job could not settle it either; retrying
 * blindly could create a second job, so we stop and tell the user how to check.
 */
export class CreateJobOutcomeUnknownError extends Error {
  readonly code = 'CreateJobOutcomeUnknown';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'CreateJobOutcomeUnknownError';
  }
}

export type ClientError = ImportExportError | NetworkError | TimeoutError | CreateJobOutcomeUnknownError;

export function isClientError(err: unknown): err is ClientError {
  return (
    err instanceof ImportExportError ||
    err instanceof NetworkError ||
    err instanceof TimeoutError ||
    err instanceof CreateJobOutcomeUnknownError
  );
}
