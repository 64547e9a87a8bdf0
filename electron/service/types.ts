/** The embedded endpoint's agreed surface; implemented in ./index.ts. */

export interface BucketConfig {
  name: string;
  region: string;
}

export interface AccountConfig {
  accessKeyId: string;
  secretAccessKey: string;
  buckets: BucketConfig[];
}

export interface ServiceConfig {
  accounts: AccountConfig[];
  /** CreateJob calls per account per UTC day; default 50 (reference section 1). */
  createJobDailyQuota?: number;
}

export interface ServiceOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  dataDir: string;
  /** A config object, or the path of a YAML config file. Without it, a demo account is created and kept. */
  config?: ServiceConfig | string;
  /** Injectable clock for tests of expiry, quotas and clock skew. */
  now?: () => Date;
  /** Log lines (the CLI sends them to stderr). */
  log?: (line: string) => void;
}

export interface RunningService {
  /** `http://HOST:PORT` */
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** The accounts in force (from config, or the demo account). */
  accounts: AccountConfig[];
  close(): Promise<void>;
}
