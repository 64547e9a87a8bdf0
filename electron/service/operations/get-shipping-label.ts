/** GetShippingLabel: one prepaid label for one or more of the caller's open jobs (reference 8.3). */
import { randomBytes, randomUUID } from 'node:crypto';
import { SHIPPING_ADDRESS_FIELDS, type ShippingAddress } from '../../protocol/api';
import { decodeList } from '../../protocol/query';
import { isExpiredByAge } from '../job-view';
import {
  OperationError,
  checkApiVersion,
  findOwnJob,
  refuseClosedJob,
  type OperationHandler,
} from './context';

/** UPS-style tracking numbers: `1Z` + 16 upper-case letters and digits. The exact format is our choice. */
export function generateTrackingNumber(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPRSTUVWXY';
  let out = '1Z';
  for (const b of randomBytes(16)) out += alphabet[b % alphabet.length];
  return out;
}

export const getShippingLabel: OperationHandler = async (params, ctx) => {
  checkApiVersion(params);
  const rawIds = decodeList(params, 'jobIds');
  if (rawIds.length === 0) {
    throw new OperationError(
      'InvalidParameterException',
      'jobIds must name at least one job (jobIds.member.1)',
    );
  }
  const now = ctx.now().getTime();
  const jobs = rawIds.map((raw) => findOwnJob(ctx, raw));
  for (const job of jobs) refuseClosedJob(job, now, isExpiredByAge);
  const jobIds = [...new Set(jobs.map((j) => j.id))];

  const address: ShippingAddress = {};
  for (const field of SHIPPING_ADDRESS_FIELDS) {
    const v = params[field];
    if (v !== undefined) address[field] = v;
  }
  const problem = ctx.rules.validateAddress(address);
  if (problem) throw new OperationError('InvalidAddressException', problem.message);

  const id = randomUUID();
  ctx.store.insertLabel({
    id,
    account: ctx.account.accessKeyId,
    jobIds,
    address: address as Record<string, string>,
    tracking: generateTrackingNumber(),
    createdAt: now,
  });
  ctx.log(`GetShippingLabel ${id} for ${jobIds.join(',')}`);
  // Served unauthenticated like a pre-signed S3 URL; the random UUID is what keeps it private.
  return { ShippingLabelURL: `${ctx.baseUrl}/labels/${id}.pdf` };
};
