/** Wire-level constants of AWS Import/Export, API 2010-06-01 (reference section 0 and 5). */

export const API_VERSION = '2010-06-01';
/** Versions an endpoint accepts in `Version`; the DG's samples send 2010-06-03 (reference section 0, inferred). */
export const ACCEPTED_VERSIONS: readonly string[] = ['2010-06-01', '2010-06-03'];
export const XML_NAMESPACE = 'http://importexport.amazonaws.com/doc/2010-06-01/';
export const SERVICE_NAME = 'importexport';

export const OPERATIONS = [
  'CreateJob',
  'CancelJob',
  'GetShippingLabel',
  'GetStatus',
  'ListJobs',
  'UpdateJob',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export function isOperation(value: string): value is Operation {
  return (OPERATIONS as readonly string[]).includes(value);
}

export const JOB_TYPES = ['Import', 'Export'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export function isJobType(value: string): value is JobType {
  return (JOB_TYPES as readonly string[]).includes(value);
}

/**
 * `APIVersion` names the version of the client tool (reference 5.1). Which values the real service took is
 * unconfirmed; we accept these and answer InvalidVersionException for anything else.
 */
export const KNOWN_CLIENT_API_VERSIONS: readonly string[] = [
  '1.0',
  '2.0',
  '2010-06-01',
  '2010-06-03',
  '2012-01-14',
];

/** ListJobs MaxJobs bounds (confirmed) and our default when it is omitted (unconfirmed: the DG names none). */
export const MAX_JOBS_LIMIT = 1000;
export const DEFAULT_MAX_JOBS = 1000;

export interface Artifact {
  Description: string;
  URL: string;
}

export interface CreateJobInput {
  JobType: JobType;
  Manifest: string;
  ValidateOnly: boolean;
  ManifestAddendum?: string;
  APIVersion?: string;
}
export interface CreateJobOutput {
  JobId: string;
  JobType: JobType;
  Signature?: string;
  SignatureFileContents?: string;
  WarningMessage?: string;
  ArtifactList: Artifact[];
}

export interface CancelJobInput {
  JobId: string;
  APIVersion?: string;
}
export interface CancelJobOutput {
  Success: boolean;
}

export interface ShippingAddress {
  name?: string;
  company?: string;
  phoneNumber?: string;
  country?: string;
  stateOrProvince?: string;
  city?: string;
  postalCode?: string;
  street1?: string;
  street2?: string;
  street3?: string;
}
export interface GetShippingLabelInput extends ShippingAddress {
  jobIds: string[];
  APIVersion?: string;
}
export interface GetShippingLabelOutput {
  ShippingLabelURL: string;
  Warning?: string;
}

export interface GetStatusInput {
  JobId: string;
  APIVersion?: string;
}
export interface GetStatusOutput {
  JobId: string;
  JobType: JobType;
  LocationCode: string;
  LocationMessage: string;
  ProgressCode: string;
  ProgressMessage: string;
  Carrier?: string;
  TrackingNumber?: string;
  LogBucket?: string;
  LogKey?: string;
  ErrorCount: number;
  Signature?: string;
  SignatureFileContents?: string;
  CurrentManifest: string;
  CreationDate: string;
  ArtifactList: Artifact[];
}

export interface ListJobsInput {
  MaxJobs?: number;
  Marker?: string;
  APIVersion?: string;
}
export interface JobSummary {
  JobId: string;
  CreationDate: string;
  IsCanceled: boolean;
  JobType: JobType;
}
export interface ListJobsOutput {
  Jobs: JobSummary[];
  IsTruncated: boolean;
}

export interface UpdateJobInput {
  JobId: string;
  Manifest: string;
  JobType: JobType;
  ValidateOnly: boolean;
  APIVersion?: string;
}
export interface UpdateJobOutput {
  Success: boolean;
  WarningMessage?: string;
  ArtifactList: Artifact[];
}

export interface OperationShapes {
  CreateJob: { input: CreateJobInput; output: CreateJobOutput };
  CancelJob: { input: CancelJobInput; output: CancelJobOutput };
  GetShippingLabel: { input: GetShippingLabelInput; output: GetShippingLabelOutput };
  GetStatus: { input: GetStatusInput; output: GetStatusOutput };
  ListJobs: { input: ListJobsInput; output: ListJobsOutput };
  UpdateJob: { input: UpdateJobInput; output: UpdateJobOutput };
}

/** GetShippingLabel's address parameters are lowerCamelCase on the wire (reference 5.3). */
export const SHIPPING_ADDRESS_FIELDS = [
  'name',
  'company',
  'phoneNumber',
  'country',
  'stateOrProvince',
  'city',
  'postalCode',
  'street1',
  'street2',
  'street3',
] as const satisfies readonly (keyof ShippingAddress)[];
