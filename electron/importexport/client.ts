/**
 * The Import/Export API client: SigV2-signed Query API POSTs, typed errors, retries with full-jitter backoff,
 * clock-skew correction, and a CreateJob that never creates two jobs for one call.
 */
import http from 'node:http';
import type https from 'node:https';
import { createRequire } from 'node:module';
import {
  API_VERSION,
  SHIPPING_ADDRESS_FIELDS,
  type CreateJobInput,
  type CreateJobOutput,
  type GetShippingLabelInput,
  type ListJobsInput,
  type ListJobsOutput,
  type Operation,
  type OperationShapes,
} from '../protocol/api';
import { canonicalQueryString, encodeList, type QueryParams } from '../protocol/query';
import { signQueryRequest } from '../protocol/sigv2';
import { parseErrorXml, parseResponseXml } from '../protocol/xml';
import { CreateJobOutcomeUnknownError, ImportExportError, NetworkError, TimeoutError } from './errors';
import {
  carriesToken,
  judgeCandidate,
  newRequestToken,
  requestTokenIn,
  stampRequestToken,
} from './request-token';
import { redactParams, redactResponseBody } from './redact';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  backoffDelayMs,
  createJobOutcomeUnknown,
  isRetryable,
  isRetryableResponse,
} from './retry-policy';
import type { ClientConfig, ImportExportClient } from './types';

export { ImportExportError, NetworkError, TimeoutError, CreateJobOutcomeUnknownError } from './errors';

/** Connection errors that prove the request never reached a server. */
const NOT_SENT_ERRNOS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Page size for the CreateJob look-up; the service's maximum (reference 4.5). */
const LOOKUP_PAGE_SIZE = 100;
/** How much of a response body a --debug line shows. */
const DEBUG_BODY_MAX_CHARS = 4_000;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Output<O extends Operation> = OperationShapes[O]['output'];

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * node:https, loaded only for an https:// endpoint: with TLS under it, it cost ~5 ms of every command's
 * start-up, which the embedded endpoint (http://127.0.0.1) never uses.
 */
function transportFor(protocol: string): typeof http | typeof https {
  return protocol === 'https:' ? (createRequire(import.meta.url)('node:https') as typeof https) : http;
}

export function createClient(config: ClientConfig): ImportExportClient {
  const url = new URL(config.endpoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `Endpoint ${config.endpoint} must start with http:// or https:// (e.g. https://importexport.amazonaws.com)`,
    );
  }
  const endpoint = config.endpoint.replace(/\/+$/, '');
  const path = url.pathname || '/';
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = Math.max(1, config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const sleep = config.sleep ?? defaultSleep;
  const random = config.random ?? Math.random;
  const localNow = config.now ?? (() => new Date());
  const debug = config.debug;
  const transport = transportFor(url.protocol);
  // Keep-alive: a CLI run or a status poll makes several calls in a row; idle sockets are unref'd by Node.
  const agent = new transport.Agent({ keepAlive: true });
  /** Service time minus our time, learnt from the Date header of a RequestExpired answer. */
  let clockOffsetMs = 0;
  const serviceNow = (): Date => new Date(localNow().getTime() + clockOffsetMs);

  function post(body: string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        if (timedOut) {
          reject(
            new TimeoutError(
              `No answer from ${endpoint} within ${timeoutMs} ms; check the endpoint URL and your network`,
              timeoutMs,
            ),
          );
          return;
        }
        const errno = (err as NodeJS.ErrnoException).code ?? '';
        reject(
          new NetworkError(
            `Could not reach ${endpoint}: ${errno || err.message}; check the endpoint URL and your network`,
            !NOT_SENT_ERRNOS.has(errno),
            err,
          ),
        );
      };
      const req = transport.request(
        url,
        {
          method: 'POST',
          agent,
          signal: controller.signal,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('aborted', () => fail(new Error('connection closed mid-response')));
          res.on('end', () => {
            clearTimeout(timer);
            if (!res.complete) {
              fail(new Error('connection closed mid-response'));
              return;
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  }

  /** One signed request; throws the typed error. Learns the clock offset from a RequestExpired answer. */
  async function attempt<O extends Operation>(operation: O, params: QueryParams): Promise<Output<O>> {
    const signed = signQueryRequest({
      host: url.host,
      path,
      params: { Action: operation, Version: API_VERSION, ...params },
      accessKeyId: config.credentials.accessKeyId,
      secretAccessKey: config.credentials.secretAccessKey,
      sessionToken: config.credentials.sessionToken,
      signatureMethod: config.signatureMethod,
      now: serviceNow(),
    });
    const started = Date.now();
    debug?.(`-> POST ${endpoint}${path} ${operation} ${JSON.stringify(redactParams(signed))}`);
    const res = await post(canonicalQueryString(signed)).catch((err: unknown) => {
      debug?.(`<- ${operation} failed after ${Date.now() - started} ms: ${(err as Error).message}`);
      throw err;
    });
    debug?.(
      `<- ${res.status} ${operation} ${Date.now() - started} ms ${redactResponseBody(res.body).slice(0, DEBUG_BODY_MAX_CHARS)}`,
    );
    if (res.status >= 200 && res.status < 300) {
      try {
        return parseResponseXml(operation, res.body).result;
      } catch (err) {
        throw new ImportExportError({
          code: 'InvalidResponse',
          message: `${endpoint} answered ${operation} with a body that is not a ${operation}Response (${(err as Error).message}); is the endpoint URL an Import/Export endpoint?`,
          requestId: headerRequestId(res.headers),
          httpStatus: res.status,
          retryable: false,
        });
      }
    }
    const parsed = parseErrorXml(res.body);
    const code = parsed?.code ?? `Http${res.status}`;
    if (code === 'RequestExpired') {
      const serverDate = Date.parse(String(res.headers.date ?? ''));
      if (Number.isFinite(serverDate)) clockOffsetMs = serverDate - localNow().getTime();
    }
    throw new ImportExportError({
      code,
      message:
        parsed?.message || `${endpoint} answered HTTP ${res.status} without an Import/Export error body`,
      requestId: parsed?.requestId || headerRequestId(res.headers),
      httpStatus: res.status,
      retryable: isRetryableResponse(res.status, code),
    });
  }

  /**
   * An attempt, repeated once after a RequestExpired that taught us the service's clock: the request was
   * rejected before any action, so repeating it is always safe.
   */
  async function attemptWithClockFix<O extends Operation>(
    operation: O,
    params: QueryParams,
  ): Promise<Output<O>> {
    try {
      return await attempt(operation, params);
    } catch (err) {
      if (err instanceof ImportExportError && err.code === 'RequestExpired') {
        debug?.(`   clock offset now ${clockOffsetMs} ms from the service's Date header; retrying once`);
        return await attempt(operation, params);
      }
      throw err;
    }
  }

  async function call<O extends Operation>(operation: O, params: QueryParams): Promise<Output<O>> {
    for (let n = 1; ; n++) {
      try {
        return await attemptWithClockFix(operation, params);
      } catch (err) {
        if (!isRetryable(err) || n >= maxAttempts) throw err;
        const wait = backoffDelayMs(n, random);
        debug?.(
          `   ${operation} attempt ${n}/${maxAttempts} failed (${errorCode(err)}); retrying in ${wait} ms`,
        );
        await sleep(wait);
      }
    }
  }

  async function listJobs(input: ListJobsInput = {}): Promise<ListJobsOutput> {
    const params: QueryParams = {};
    if (input.MaxJobs !== undefined) params.MaxJobs = String(input.MaxJobs);
    if (input.Marker !== undefined) params.Marker = input.Marker;
    if (input.APIVersion !== undefined) params.APIVersion = input.APIVersion;
    return call('ListJobs', params);
  }

  async function* listJobPages(
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<ListJobsOutput> {
    let remaining = options.limit ?? Infinity;
    let marker: string | undefined;
    while (remaining > 0) {
      const want = Math.min(remaining, options.pageSize ?? Infinity);
      const page = await listJobs({
        MaxJobs: Number.isFinite(want) ? want : undefined,
        Marker: marker,
      });
      const jobs = page.Jobs.slice(0, Number.isFinite(remaining) ? remaining : undefined);
      remaining -= jobs.length;
      const more = page.IsTruncated && jobs.length > 0;
      yield { Jobs: jobs, IsTruncated: more || page.Jobs.length > jobs.length };
      if (!more) return;
      marker = jobs[jobs.length - 1]?.JobId;
    }
  }

  /**
   * Looks for the job an unanswered CreateJob may have made: the one whose CurrentManifest carries this
   * call's token. Never a job made before the call, however identical its manifest (issue 11).
   */
  async function findCreatedJob(
    jobType: CreateJobInput['JobType'],
    token: string,
    sentAtMs: number,
  ): Promise<CreateJobOutput | undefined> {
    for await (const page of listJobPages({ pageSize: LOOKUP_PAGE_SIZE })) {
      for (const job of page.Jobs) {
        const verdict = judgeCandidate(job, jobType, sentAtMs);
        if (verdict === 'too-old') return undefined;
        if (verdict === 'skip') continue;
        const status = await call('GetStatus', { JobId: job.JobId });
        if (status.JobType === jobType && carriesToken(status.CurrentManifest, token)) {
          const out: CreateJobOutput = {
            JobId: status.JobId,
            JobType: status.JobType,
            ArtifactList: status.ArtifactList,
          };
          if (status.Signature !== undefined) out.Signature = status.Signature;
          if (status.SignatureFileContents !== undefined) {
            out.SignatureFileContents = status.SignatureFileContents;
          }
          return out;
        }
      }
    }
    return undefined;
  }

  async function createJob(input: CreateJobInput): Promise<CreateJobOutput> {
    // A real create carries a request token in its generator (the caller's, so its journal records the
    // manifest as sent, else one of ours); every attempt of this call sends the same one.
    let token = input.ValidateOnly ? undefined : requestTokenIn(input.Manifest);
    let manifest = input.Manifest;
    if (!input.ValidateOnly && token === undefined) {
      token = newRequestToken();
      manifest = stampRequestToken(manifest, token);
    }
    const params: QueryParams = {
      JobType: input.JobType,
      Manifest: manifest,
      ValidateOnly: String(input.ValidateOnly),
    };
    if (input.ManifestAddendum !== undefined) params.ManifestAddendum = input.ManifestAddendum;
    if (input.APIVersion !== undefined) params.APIVersion = input.APIVersion;
    // A validate-only call stores nothing, so it retries like any read.
    if (input.ValidateOnly || token === undefined) return call('CreateJob', params);
    for (let n = 1; ; n++) {
      const sentAtMs = serviceNow().getTime();
      try {
        return await attemptWithClockFix('CreateJob', params);
      } catch (err) {
        const unknown = createJobOutcomeUnknown(err);
        if (!unknown && (!isRetryable(err) || n >= maxAttempts)) throw err;
        // Give a slow service time to finish what it may be doing before we look for the job.
        await sleep(backoffDelayMs(n, random));
        if (unknown) {
          debug?.(`   CreateJob outcome unknown (${errorCode(err)}); looking for the job before retrying`);
          let found: CreateJobOutput | undefined;
          try {
            found = await findCreatedJob(input.JobType, token, sentAtMs);
          } catch (lookupErr) {
            throw new CreateJobOutcomeUnknownError(
              `CreateJob got no clear answer (${errorCode(err)}) and looking for the job failed too ` +
                `(${errorCode(lookupErr)}). A job may have been created: run "dockhand list-jobs" before trying again.`,
              lookupErr,
            );
          }
          if (found) {
            debug?.(`   found job ${found.JobId} created by the unanswered request; not retrying`);
            return found;
          }
          if (n >= maxAttempts) throw err;
          debug?.(`   no job was created; retrying CreateJob (attempt ${n + 1}/${maxAttempts})`);
        }
      }
    }
  }

  return {
    endpoint,
    createJob,
    getStatus: (jobId) => call('GetStatus', { JobId: jobId }),
    listJobs,
    listJobPages,
    updateJob: (input) => {
      const params: QueryParams = {
        JobId: input.JobId,
        Manifest: input.Manifest,
        JobType: input.JobType,
        ValidateOnly: String(input.ValidateOnly),
      };
      if (input.APIVersion !== undefined) params.APIVersion = input.APIVersion;
      // UpdateJob replaces the manifest wholesale, so repeating it after an unknown outcome is harmless.
      return call('UpdateJob', params);
    },
    // Cancelling twice answers CanceledJobIdException at worst, which the caller can read as done.
    cancelJob: (jobId) => call('CancelJob', { JobId: jobId }),
    getShippingLabel: (input) => call('GetShippingLabel', shippingLabelParams(input)),
  };
}

export function shippingLabelParams(input: GetShippingLabelInput): QueryParams {
  const params: QueryParams = encodeList('jobIds', input.jobIds);
  for (const field of SHIPPING_ADDRESS_FIELDS) {
    const v = input[field];
    if (v !== undefined) params[field] = v;
  }
  if (input.APIVersion !== undefined) params.APIVersion = input.APIVersion;
  return params;
}

function headerRequestId(headers: http.IncomingHttpHeaders): string {
  const v = headers['x-amzn-requestid'] ?? headers['x-amz-request-id'];
  return typeof v === 'string' ? v : '';
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : String(err);
}
