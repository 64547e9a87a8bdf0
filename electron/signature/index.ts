export { readSignature, verifySignature, writeSignature } from './write';
export type { WriteSignatureInput, WriteSignatureResult } from './write';
export { flushAndUnmount } from './unmount';
export type { UnmountResult } from './unmount';
export { SignatureWriteError, type SignatureWriteErrorCode } from './errors';
