/** The `aws importexport` commands: what they take and how they are used (no implementation here). */
import type { CommandSpec, OptionSpecs } from '../spec';

const MANIFEST_HELP =
  'The manifest: file://PATH reads a YAML file (relative to the working directory), anything else is the ' +
  'manifest text itself. A manifest without accessKeyId gets the signing key filled in.';

export const createJobOptions = {
  'job-type': {
    type: 'string',
    value: 'TYPE',
    help: 'Import or Export.',
    required: true,
    choices: ['Import', 'Export'],
  },
  manifest: { type: 'string', value: 'file://PATH', help: MANIFEST_HELP, required: true, complete: 'file' },
  'validate-only': {
    type: 'boolean',
    help: 'Ask the service to check the manifest and create nothing.',
  },
  'no-validate-only': {
    type: 'boolean',
    help: 'Create the job (what happens when neither flag is given).',
    defaultText: 'create the job',
  },
  'manifest-addendum': { type: 'string', value: 'TEXT', help: 'Extra manifest text the service appends.' },
  'api-version': { type: 'string', value: 'VERSION', help: 'The APIVersion parameter, e.g. 2.0.' },
  'write-signature': {
    type: 'string',
    value: 'MOUNTPOINT',
    help: "After creating, write the job's SIGNATURE file to the drive mounted there (identity checked first).",
    complete: 'directory',
  },
  'allow-duplicate-device': {
    type: 'boolean',
    help: "Create the job even though the local journal holds a live job for the manifest's deviceId.",
    defaultText: 'refuse (exit 252) and name the existing job',
  },
} as const satisfies OptionSpecs;

export const createJob: CommandSpec = {
  name: 'create-job',
  summary: 'Create an import or export job from a manifest (file://manifest.yaml)',
  description:
    'Lints the manifest locally first (nothing is sent while it has errors), then calls CreateJob. One run ' +
    'creates at most one job, even when the network fails half-way: the request carries a token in the ' +
    "manifest's generator field and only a job carrying that token is taken for this run's job. Refused " +
    'when the local journal already holds a live job for the same deviceId, unless --allow-duplicate-device.',
  options: createJobOptions,
  examples: [
    {
      title: 'Create an import job',
      command: 'dockhand create-job --job-type Import --manifest file://manifest.yaml',
    },
    {
      title: 'Check a manifest with the service without creating anything',
      command: 'dockhand create-job --job-type Import --manifest file://manifest.yaml --validate-only',
    },
  ],
  load: () => import('../commands/create-job'),
};

export const getStatusOptions = {
  'job-id': { type: 'string', value: 'ID', help: 'The job.', required: true, complete: 'job-id' },
} as const satisfies OptionSpecs;

export const getStatus: CommandSpec = {
  name: 'get-status',
  summary: 'Show where a job and its device are (location, progress, tracking)',
  options: getStatusOptions,
  examples: [
    { title: "A job's status", command: 'dockhand get-status --job-id LSTFW' },
    {
      title: 'Only the progress code, for a script',
      command: 'dockhand get-status --job-id LSTFW --query ProgressCode --output text',
    },
  ],
  load: () => import('../commands/get-status'),
};

export const listJobsOptions = {
  'max-jobs': {
    type: 'string',
    value: 'N',
    help: 'Stop after N jobs; the output then names NextMarker to go on from.',
    defaultText: 'every job (all pages)',
  },
  marker: {
    type: 'string',
    value: 'ID',
    help: 'Start after this job id (the NextMarker of an earlier listing).',
    complete: 'job-id',
  },
} as const satisfies OptionSpecs;

export const listJobs: CommandSpec = {
  name: 'list-jobs',
  summary: 'List your jobs, newest first (all pages unless --max-jobs is given)',
  options: listJobsOptions,
  examples: [
    { title: 'Every job as a table', command: 'dockhand list-jobs --output table' },
    {
      title: 'Job ids, one line, tab-separated',
      command: "dockhand list-jobs --query 'Jobs[].JobId' --output text",
    },
  ],
  load: () => import('../commands/list-jobs'),
};

export const updateJobOptions = {
  'job-id': { type: 'string', value: 'ID', help: 'The job.', required: true, complete: 'job-id' },
  'job-type': createJobOptions['job-type'],
  manifest: createJobOptions.manifest,
  'validate-only': createJobOptions['validate-only'],
  'no-validate-only': {
    type: 'boolean',
    help: 'Update the job (what happens when neither flag is given).',
    defaultText: 'update the job',
  },
  'api-version': createJobOptions['api-version'],
} as const satisfies OptionSpecs;

export const updateJob: CommandSpec = {
  name: 'update-job',
  summary: "Replace a job's manifest before its device is processed",
  description: 'The manifest is linted locally as for create-job. Only possible while the job is Pending.',
  options: updateJobOptions,
  examples: [
    {
      title: 'Replace the manifest',
      command: 'dockhand update-job --job-id LSTFW --job-type Import --manifest file://manifest.yaml',
    },
  ],
  load: () => import('../commands/update-job'),
};

export const cancelJobOptions = getStatusOptions;

export const cancelJob: CommandSpec = {
  name: 'cancel-job',
  summary: 'Cancel a job whose device has not been processed yet',
  options: cancelJobOptions,
  examples: [{ title: 'Cancel a job', command: 'dockhand cancel-job --job-id LSTFW' }],
  load: () => import('../commands/cancel-job'),
};

const address = (help: string, value = 'TEXT') => ({ type: 'string', value, help }) as const;

export const getShippingLabelOptions = {
  'job-ids': {
    type: 'string',
    multiple: true,
    value: 'ID[,ID...]',
    help: 'The jobs the label is for; repeat the flag or separate ids with commas.',
    required: true,
    complete: 'job-id',
  },
  name: address('Return address: the person.'),
  company: address('Return address: the company (required by GetShippingLabel).'),
  'phone-number': address('Return address: a phone number with at least 7 digits.', 'PHONE'),
  country: address('Return address: the country, e.g. USA.', 'COUNTRY'),
  'state-or-province': address('Return address: state or province (required in the US and Canada).', 'CODE'),
  city: address('Return address: the city.'),
  'postal-code': address('Return address: the postal code.', 'CODE'),
  street1: address('Return address: the first street line.'),
  street2: address('Return address: a second street line.'),
  street3: address('Return address: a third street line.'),
  save: {
    type: 'string',
    value: 'FILE',
    help: 'Save the label PDF to FILE.',
    complete: 'file',
  },
  print: { type: 'boolean', help: 'Print the label through the OS print system.' },
  printer: {
    type: 'string',
    value: 'NAME',
    help: 'The printer for --print.',
    defaultText: 'the printer used last, else the system default',
  },
} as const satisfies OptionSpecs;

export const getShippingLabel: CommandSpec = {
  name: 'get-shipping-label',
  summary: 'Get the prepaid UPS label for one or more jobs; save or print it',
  description:
    'Address fields not given are taken from the return address remembered from the last label or job.',
  options: getShippingLabelOptions,
  examples: [
    {
      title: 'Save the label as a PDF',
      command:
        'dockhand get-shipping-label --job-ids LSTFW --name "Jane Roe" --company "Example Corp." ' +
        '--street1 "123 Any Street" --city Anytown --state-or-province WA --postal-code 91011 ' +
        '--country USA --phone-number 206-555-1111 --save label.pdf',
    },
    {
      title: 'Print it with the remembered address',
      command: 'dockhand get-shipping-label --job-ids LSTFW --print',
    },
  ],
  load: () => import('../commands/get-shipping-label'),
};
