/** The object store's refusals, each named by the S3 error code it answers as. */
export class ObjectStoreError extends Error {
  constructor(
    readonly code:
      | 'InvalidBucketName'
      | 'InvalidKey'
      | 'BadDigest'
      | 'XAmzContentSHA256Mismatch'
      | 'NoSuchUpload'
      | 'InvalidPart'
      | 'InvalidPartOrder'
      | 'EntityTooSmall'
      | 'InvalidRequest',
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}
