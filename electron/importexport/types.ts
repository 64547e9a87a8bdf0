/** The API client's agreed surface; implemented in ./client.ts. */
import type {
  CancelJobOutput,
  CreateJobInput,
  CreateJobOutput,
  GetShippingLabelInput,
  GetShippingLabelOutput,
  GetStatusOutput,
  ListJobsInput,
  ListJobsOutput,
  UpdateJobInput,
  UpdateJobOutput,
} from '../protocol/api';
import type { SignatureMethod } from '../protocol/sigv2';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientConfig {
  /** e.g. `http://127.0.0.1:4567` or `https://importexport.amazonaws.com` */
  endpoint: string;
  credentials: Credentials;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts for retryable failures (network errors, 5xx, Throttling), the first included. */
  maxAttempts?: number;
  signatureMethod?: SignatureMethod;
  /** Receives one line per request/response with secrets redacted (the CLI's --debug). */
  debug?: (line: string) => void;
  /** Injectable for tests: the backoff wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests: the jitter source, in [0, 1). */
  random?: () => number;
  /** Injectable for tests: the local clock the request timestamps derive from. */
  now?: () => Date;
}

export interface ImportExportClient {
  readonly endpoint: string;
  createJob(input: CreateJobInput): Promise<CreateJobOutput>;
  getStatus(jobId: string): Promise<GetStatusOutput>;
  listJobs(input?: ListJobsInput): Promise<ListJobsOutput>;
  /** Every page, following Marker while IsTruncated; stops after `limit` jobs when given. */
  listJobPages(options?: { pageSize?: number; limit?: number }): AsyncIterable<ListJobsOutput>;
  updateJob(input: UpdateJobInput): Promise<UpdateJobOutput>;
  cancelJob(jobId: string): Promise<CancelJobOutput>;
  getShippingLabel(input: GetShippingLabelInput): Promise<GetShippingLabelOutput>;
}
