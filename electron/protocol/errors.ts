/** Error codes with their HTTP status (reference 6.1 and 6.2). */

export const SERVICE_ERROR_STATUS = {
  InvalidJobIdException: 400,
  ExpiredJobIdException: 400,
  CanceledJobIdException: 400,
  UnableToCancelJobIdException: 400,
  UnableToUpdateJobIdException: 400,
  InvalidAccessKeyIdException: 400,
  InvalidVersionException: 400,
  MissingParameterException: 400,
  InvalidParameterException: 400,
  InvalidAddressException: 400,
  InvalidManifestFieldException: 400,
  MissingManifestFieldException: 400,
  NoSuchBucketException: 400,
  MissingCustomsException: 400,
  InvalidCustomsException: 400,
  InvalidFileSystemException: 400,
  MultipleRegionsException: 400,
  BucketPermissionException: 400,
  MalformedManifestException: 400,
  CreateJobQuotaExceededException: 400,
  InvalidClientTokenIdException: 403,
} as const;

/**
 * Generic query-protocol errors. Their use by this service is unconfirmed (reference 6.2); we follow the
 * usual AWS names and statuses.
 */
export const GENERIC_ERROR_STATUS = {
  SignatureDoesNotMatch: 403,
  IncompleteSignature: 400,
  MissingAuthenticationToken: 403,
  InvalidClientTokenId: 403,
  RequestExpired: 400,
  Throttling: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  InvalidAction: 400,
  MissingAction: 400,
  MalformedQueryString: 400,
  InvalidParameterValue: 400,
  MethodNotAllowed: 405,
  RequestEntityTooLarge: 413,
} as const;

export type ServiceErrorCode = keyof typeof SERVICE_ERROR_STATUS;
export type GenericErrorCode = keyof typeof GENERIC_ERROR_STATUS;
export type ErrorCode = ServiceErrorCode | GenericErrorCode;

export function httpStatusFor(code: ErrorCode): number {
  return code in SERVICE_ERROR_STATUS
    ? SERVICE_ERROR_STATUS[code as ServiceErrorCode]
    : GENERIC_ERROR_STATUS[code as GenericErrorCode];
}

/** `Sender` for client faults; `Receiver` for our own (the latter is unconfirmed for this service). */
export function errorTypeFor(code: ErrorCode): 'Sender' | 'Receiver' {
  return httpStatusFor(code) >= 500 ? 'Receiver' : 'Sender';
}

export function isErrorCode(value: string): value is ErrorCode {
  return value in SERVICE_ERROR_STATUS || value in GENERIC_ERROR_STATUS;
}

/** The real service's wording (reference 5.6). */
export function noSuchJobMessage(jobId: string): string {
  return `No such job ${jobId} for your account`;
}
