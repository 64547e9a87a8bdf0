export { readSignature, verifySignature, writeSignature } from './write';
export type { WriteSignatureInput, WriteSignatureResult } from './write';
export { flushAndUnmount } from './unmount';
export type { UnmountResult } from './unmount';
export { SignatureWriteError, type SignatureWriteErrorCode } from './errors';
export { signatureBackupDir } from './write';
export {
  DEVICE_TEMP_PREFIX,
  describeLeftover,
  findLeftovers,
  leftoverKind,
  removeLeftovers,
  type Leftover,
  type LeftoverKind,
  type RemoveLeftoversResult,
} from './leftovers';
