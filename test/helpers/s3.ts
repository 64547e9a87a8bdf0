/** S3 clients for the embedded endpoint: the current @aws-sdk/client-s3, path style, no retries. */
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { AccountConfig, RunningService } from '../../electron/service/types';

export function s3Client(
  service: Pick<RunningService, 'url'>,
  account: Pick<AccountConfig, 'accessKeyId' | 'secretAccessKey'>,
  region = 'us-east-1',
): S3Client {
  return new S3Client({
    endpoint: service.url,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    maxAttempts: 1,
  });
}

export interface S3Failure {
  name: string;
  status: number;
  headers: Record<string, string | undefined>;
}

/** Awaits an S3 call that must fail; returns its error name, status and the response headers. */
export async function s3Failure(promise: Promise<unknown>): Promise<S3Failure> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof S3ServiceException) {
      const response = (err as { $response?: { headers?: Record<string, string> } }).$response;
      return { name: err.name, status: err.$metadata.httpStatusCode ?? 0, headers: response?.headers ?? {} };
    }
    throw err;
  }
  throw new Error('expected the S3 call to fail');
}
