/**
 * The same checks the SIGNATURE write makes (electron/signature/write.ts), before a copy starts and before
 * it resumes: is this still the drive the person chose, and may Dockhand write to it at all?
 */
import {
  eligibilityContextFor,
  ineligibleReasons,
  listDrives,
  verifyIdentity,
  type Drive,
  type DriveIdentity,
} from '../drives/index';
import { CopyError } from './errors';

export async function checkDriveForCopy(
  identity: DriveIdentity,
  list: () => Promise<Drive[]> = listDrives,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Drive> {
  if (!identity.mountpoint) {
    throw new CopyError('NotMounted', `${identity.device} is not mounted; mount it, then choose it again.`);
  }
  const check = await verifyIdentity(identity, list);
  if (!check.ok) {
    const code =
      check.mismatch.code === 'gone'
        ? 'DeviceGone'
        : check.mismatch.code === 'read-only'
          ? 'ReadOnly'
          : 'DifferentDrive';
    throw new CopyError(code, check.mismatch.message);
  }
  const reasons = ineligibleReasons(check.drive, await eligibilityContextFor(undefined, env));
  if (reasons.length > 0) {
    const code = reasons.some((r) => r.code === 'read-only') ? 'ReadOnly' : 'NotEligible';
    throw new CopyError(
      code,
      `Dockhand will not copy to ${identity.device}: ${reasons.map((r) => r.message).join(' ')}`,
    );
  }
  return check.drive;
}
