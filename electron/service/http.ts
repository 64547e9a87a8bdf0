/** The HTTP front of the endpoint: request parsing, auth, dispatch, XML envelopes. Never a 500 for bad input. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCEPTED_VERSIONS, isOperation } from '../protocol/api';
import { httpStatusFor, type ErrorCode } from '../protocol/errors';
import { normalizeJobId } from '../protocol/job-id';
import { QueryDecodeError, parseQueryString, type QueryParams } from '../protocol/query';
import { buildErrorXml, buildResponseXml, type XmlValue } from '../protocol/xml';
import { authenticate } from './auth';
import { SIGV4_ALGORITHM, authenticateSigV4, hasSigV4Query } from './auth-sigv4';
import { isSignedForS3 } from './s3/sigv4';
import { artifactDownload, labelDownload, type Download } from './downloads';
import type { ManifestRules } from './manifest-rules';
import { OPERATION_HANDLERS } from './operations';
import { OperationError, type BucketOwner } from './operations/context';
import type { JobStore } from './store';
import type { AccountConfig } from './types';

/** Largest request body we read. A manifest is a few KiB; 1 MiB is generous (our choice). */
export const MAX_BODY_BYTES = 1024 * 1024;
export const XML_CONTENT_TYPE = 'text/xml';

export interface EndpointDeps {
  store: JobStore;
  accounts: ReadonlyMap<string, AccountConfig>;
  buckets: ReadonlyMap<string, BucketOwner>;
  endpointSecret: string;
  /**
   * The manifest rules (protocol/manifest and its YAML parser), loaded by the first request that reads a
   * manifest: an endpoint started for one GetStatus never pays for them (issue 10).
   */
  loadRules: () => Promise<ManifestRules>;
  createJobDailyQuota: number;
  now: () => Date;
  log: (line: string) => void;
  /** The service's own URL, used when the Host header cannot serve as one. */
  url: () => string;
  /** The S3 REST API (service/s3): gets every request whose path is not `/` nor a download. */
  s3?: (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>;
}

/** The operations whose handlers call ctx.rules; the others get RULES_NOT_LOADED. */
const OPERATIONS_READING_MANIFESTS: ReadonlySet<string> = new Set([
  'CreateJob',
  'UpdateJob',
  'GetShippingLabel',
]);

/**
 * The operations whose handlers read a stored job (findOwnJob): they wait for the shared look for other
 * processes' commits (store/read-cache.ts). Another operation skips that turn; one missing here still reads
 * correctly, its getJob looking for itself.
 */
const OPERATIONS_READING_JOBS: ReadonlySet<string> = new Set([
  'GetStatus',
  'UpdateJob',
  'CancelJob',
  'GetShippingLabel',
]);

function rulesNotLoaded(): never {
  throw new Error(
    'manifest rules were not loaded for this operation; add it to OPERATIONS_READING_MANIFESTS',
  );
}
const RULES_NOT_LOADED: ManifestRules = {
  readManifest: rulesNotLoaded,
  bucketsOf: rulesNotLoaded,
  checkCustoms: rulesNotLoaded,
  validateAddress: rulesNotLoaded,
};

class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = httpStatusFor(code),
  ) {
    super(message);
  }
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  // Encoded once: byteLength and then end(string) each walked a ListJobs page's 140 KB (issue 10).
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': XML_CONTENT_TYPE, 'Content-Length': bytes.length });
  res.end(bytes);
}

function sendError(
  res: ServerResponse,
  requestId: string,
  code: ErrorCode,
  message: string,
  status?: number,
): void {
  sendXml(res, status ?? httpStatusFor(code), buildErrorXml(code, message, requestId));
}

type BodyResult = { ok: true; bytes: Buffer } | { ok: false };

/** Reads the body up to the cap; past it, keeps draining (so the client can read our answer) but keeps nothing. */
function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { ok: false } : { ok: true, bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

function parseParams(text: string, where: string): QueryParams {
  let parsed;
  try {
    parsed = parseQueryString(text);
  } catch (err) {
    if (err instanceof QueryDecodeError) {
      throw new HttpError(
        'MalformedQueryString',
        `The ${where} is not valid form encoding${err.parameter ? ` (parameter ${err.parameter})` : ''}: ${err.message}`,
      );
    }
    throw err;
  }
  if (parsed.duplicates.length > 0) {
    throw new HttpError(
      'MalformedQueryString',
      `Parameter ${parsed.duplicates[0]} appears more than once in the ${where}; send each parameter once`,
    );
  }
  return parsed.params;
}

const HOST_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

function baseUrlFor(req: IncomingMessage, deps: EndpointDeps): string {
  const host = req.headers.host;
  return host && HOST_PATTERN.test(host) ? `http://${host}` : deps.url();
}

async function sendDownload(res: ServerResponse, requestId: string, d: Download): Promise<void> {
  switch (d.kind) {
    case 'pdf':
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': d.bytes.byteLength,
        'Content-Disposition': `inline; filename="${d.fileName}"`,
        'Cache-Control': 'private, no-store',
      });
      res.end(Buffer.from(d.bytes));
      return;
    case 'not-found':
      sendError(res, requestId, 'InvalidParameterValue', 'No such document; request a new URL', 404);
      return;
    default: {
      const never: never = d;
      throw new Error(`unknown download ${String(never)}`);
    }
  }
}

const ARTIFACT_PATH = /^\/artifacts\/([A-Za-z0-9]{5})\/signature\.pdf$/;
const LABEL_PATH = /^\/labels\/([0-9a-f-]{36})\.pdf$/;

/** The clock may fail (tests inject failures through it); the request then still gets its 500 envelope. */
function serviceDate(deps: EndpointDeps): Date {
  try {
    return deps.now();
  } catch {
    return new Date();
  }
}

export async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: EndpointDeps,
): Promise<void> {
  const requestId = randomUUID();
  const startedMs = Date.now();
  let operationName = '-';
  res.setHeader('x-amzn-RequestId', requestId);
  // The service's own clock, so clients can correct their skew after RequestExpired (and tests can skew it).
  res.setHeader('Date', serviceDate(deps).toUTCString());
  // One line per request on the log (never parameters: they can hold manifests with passwords).
  res.on('finish', () =>
    deps.log(
      `${req.method ?? '?'} ${operationName} ${res.statusCode} ${Date.now() - startedMs}ms ${requestId}`,
    ),
  );
  try {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'GET' || method === 'HEAD') {
      const artifact = ARTIFACT_PATH.exec(path);
      if (artifact) {
        operationName = 'artifact';
        const token = parseParams(rawQuery, 'query string').token ?? '';
        const jobId = normalizeJobId(artifact[1] as string);
        return await sendDownload(
          res,
          requestId,
          await artifactDownload(deps.store, await deps.loadRules(), jobId, token),
        );
      }
      const label = LABEL_PATH.exec(path);
      if (label)
        return await sendDownload(res, requestId, await labelDownload(deps.store, label[1] as string));
      // GET / signed for S3 is ListBuckets (the Import/Export API signs for importexport or uses SigV2).
      if (path === '/' && deps.s3 && isSignedForS3(req.headers, rawQuery)) {
        operationName = 'S3';
        return await deps.s3(req, res, requestId);
      }
      if (path === '/' && rawQuery === '') {
        const body =
          'dockhand Import/Export endpoint (API 2010-06-01): POST signed Query API requests to /\n';
        res.writeHead(200, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
        });
        res.end(method === 'HEAD' ? undefined : body);
        return;
      }
    }
    // The Import/Export API lives on `/` only; other paths are S3. POST there is S3's multipart upload when
    // signed for S3; an unsigned POST elsewhere keeps the Import/Export API's 404.
    if (path !== '/' && deps.s3 && (method !== 'POST' || isSignedForS3(req.headers, rawQuery))) {
      operationName = 'S3';
      return await deps.s3(req, res, requestId);
    }
    if (path !== '/') {
      req.resume();
      return sendError(
        res,
        requestId,
        'InvalidAction',
        `No such resource ${path.slice(0, 100)}; send requests to /`,
        404,
      );
    }
    if (method !== 'POST' && method !== 'GET') {
      req.resume();
      res.setHeader('Allow', 'GET, POST');
      return sendError(
        res,
        requestId,
        'MethodNotAllowed',
        `${method} is not allowed; use POST (or GET) on /`,
      );
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close');
      req.resume();
      return sendError(
        res,
        requestId,
        'RequestEntityTooLarge',
        `Request body of ${declared} bytes is larger than ${MAX_BODY_BYTES} bytes`,
      );
    }
    const body = method === 'POST' ? await readBody(req) : ({ ok: true, bytes: Buffer.alloc(0) } as const);
    if (!body.ok) {
      return sendError(
        res,
        requestId,
        'RequestEntityTooLarge',
        `Request body is larger than ${MAX_BODY_BYTES} bytes`,
      );
    }
    const uriParams = parseParams(rawQuery, 'query string');
    const bodyParams = parseParams(body.bytes.toString('utf8'), 'request body');
    for (const [name, value] of Object.entries(uriParams)) {
      if (name in bodyParams && bodyParams[name] !== value) {
        throw new HttpError(
          'MalformedQueryString',
          `Parameter ${name} has different values in the query string and the body; send it once`,
        );
      }
    }
    const sigV4Header = (req.headers.authorization ?? '').startsWith(SIGV4_ALGORITHM);
    const hasSigV2 = 'Signature' in bodyParams || 'Signature' in uriParams;
    const auth =
      (sigV4Header || hasSigV4Query(rawQuery)) && !hasSigV2
        ? authenticateSigV4(
            { method, path, rawQuery, headers: req.headers, body: body.bytes },
            deps.accounts,
            deps.now(),
          )
        : authenticate(
            { method, host: req.headers.host ?? '', path, bodyParams, uriParams, sigV4Header },
            deps.accounts,
            deps.now(),
          );
    if (!auth.ok) return sendError(res, requestId, auth.code, auth.message);

    const params = { ...uriParams, ...bodyParams };
    if (params.Version !== undefined && !ACCEPTED_VERSIONS.includes(params.Version)) {
      throw new HttpError(
        'InvalidParameterValue',
        `Version ${params.Version} is not supported; use ${ACCEPTED_VERSIONS.join(' or ')}`,
      );
    }
    const operation = params.Action ?? params.Operation;
    if (operation === undefined || operation === '') {
      throw new HttpError('MissingAction', 'Request has no Action (or Operation) parameter');
    }
    if (!isOperation(operation)) {
      throw new HttpError(
        'InvalidAction',
        `${operation.slice(0, 100)} is not an operation of AWS Import/Export`,
      );
    }
    operationName = operation;
    const handler = OPERATION_HANDLERS[operation];
    // Requests arriving together share one look for commits other processes made (store/read-cache.ts).
    const commitsChecked = OPERATIONS_READING_JOBS.has(operation) && (await deps.store.commitsChecked());
    const result = await handler(params, {
      store: deps.store,
      account: auth.account,
      buckets: deps.buckets,
      now: deps.now,
      endpointSecret: deps.endpointSecret,
      baseUrl: baseUrlFor(req, deps),
      rules: OPERATIONS_READING_MANIFESTS.has(operation) ? await deps.loadRules() : RULES_NOT_LOADED,
      createJobDailyQuota: deps.createJobDailyQuota,
      log: deps.log,
      commitsChecked,
    });
    // Nothing is answered before what it wrote is on disk (shared with concurrent requests: group commit).
    await deps.store.durable();
    sendXml(res, 200, buildResponseXml(operation, result as { [name: string]: XmlValue }, requestId));
  } catch (err) {
    if (err instanceof OperationError || err instanceof HttpError) {
      const status = err instanceof HttpError ? err.status : undefined;
      if (!res.headersSent) return sendError(res, requestId, err.code, err.message, status);
      return;
    }
    deps.log(
      `InternalFailure ${requestId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    if (!res.headersSent) {
      sendError(
        res,
        requestId,
        'InternalFailure',
        `The endpoint failed to process the request (request id ${requestId})`,
      );
    } else {
      res.destroy();
    }
  }
}
