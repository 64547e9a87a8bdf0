export { writeSignature, readSignature, verifySignature } from './write-signature';
export type {
  WriteSignatureOptions,
  WriteSignatureResult,
  SignatureOnDrive,
  SignatureVerification,
} from './write-signature';
export { flushAndUnmount } from './flush-and-unmount';
export type { UnmountResult } from './flush-and-unmount';
export { SignatureWriteError, codeForErrno } from './errors';
export type { SignatureWriteErrorCode } from './errors';
