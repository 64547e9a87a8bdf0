/** XML envelopes of the query protocol (reference 5.5 and 5.6): one builder, one parser configuration. */
import { XMLParser } from 'fast-xml-parser';
import { XML_NAMESPACE, type Operation, type OperationShapes, type Artifact, type JobType } from './api';
import { errorTypeFor, type ErrorCode } from './errors';

/**
 * An element's content already written as XML, put in as it is: for a long list of small records (a
 * ListJobs page of 1,000), which the generic builder takes element by element.
 */
export class XmlFragment {
  constructor(readonly xml: string) {}
}

/** A value the builder can serialise: lists become `<member>` items, objects become child elements. */
export type XmlValue =
  string | number | boolean | undefined | null | XmlFragment | XmlValue[] | { [name: string]: XmlValue };

const XML_SPECIAL = /[&<>"\r]/;
const XML_SPECIAL_ALL = /[&<>"\r]/g;
const XML_ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** One pass, and none for the common value with nothing to escape (a ListJobs page has thousands). */
export function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (c) => XML_ENTITY[c] as string) : text;
}

/**
 * Appends the element's pieces to `out`, joined once at the end: a ListJobs page is 5,000 elements, and
 * string appends left a rope of them that cost more to flatten when encoded than to build (issue 10).
 */
function writeElement(out: string[], name: string, value: XmlValue): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    out.push(`<${name}>${escapeXml(value)}</${name}>`);
    return;
  }
  if (typeof value !== 'object') {
    out.push(`<${name}>${String(value)}</${name}>`);
    return;
  }
  if (value instanceof XmlFragment) {
    out.push(`<${name}>${value.xml}</${name}>`);
    return;
  }
  out.push(`<${name}>`);
  if (Array.isArray(value)) {
    for (const item of value) writeElement(out, 'member', item);
  } else {
    for (const key of Object.keys(value)) writeElement(out, key, value[key]);
  }
  out.push(`</${name}>`);
}

export function buildResponseXml(
  operation: Operation,
  result: { [name: string]: XmlValue },
  requestId: string,
): string {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${XML_NAMESPACE}">`];
  writeElement(out, `${operation}Result`, result);
  out.push(
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>`,
    `</${operation}Response>`,
  );
  return out.join('');
}

/** RequestId sits beside Error, not inside ResponseMetadata, as in the real service. */
export function buildErrorXml(code: ErrorCode, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${XML_NAMESPACE}">` +
    `<Error><Type>${errorTypeFor(code)}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`
  );
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'member',
});

export class XmlShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlShapeError';
  }
}

type Node = Record<string, unknown>;

function asNode(value: unknown, what: string): Node {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Node;
  if (value === '' || value === undefined) return {};
  throw new XmlShapeError(`expected <${what}> to hold elements`);
}

function text(node: Node, name: string): string | undefined {
  const v = node[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && Object.keys(v as object).length === 0) return '';
  throw new XmlShapeError(`expected <${name}> to hold text`);
}

function requiredText(node: Node, name: string): string {
  const v = text(node, name);
  if (v === undefined) throw new XmlShapeError(`response has no <${name}>`);
  return v;
}

function bool(node: Node, name: string): boolean {
  return text(node, name)?.toLowerCase() === 'true';
}

function int(node: Node, name: string): number {
  const v = text(node, name);
  if (v === undefined || v === '') return 0;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new XmlShapeError(`<${name}> is not an integer: ${v}`);
  return n;
}

function members(node: Node, name: string): Node[] {
  const list = node[name];
  if (list === undefined || list === '' || list === null) return [];
  const items = asNode(list, name).member;
  return Array.isArray(items) ? items.map((m) => asNode(m, 'member')) : [];
}

function artifacts(node: Node): Artifact[] {
  return members(node, 'ArtifactList').map((m) => ({
    Description: text(m, 'Description') ?? '',
    URL: text(m, 'URL') ?? '',
  }));
}

function jobType(node: Node): JobType {
  const v = requiredText(node, 'JobType');
  if (v !== 'Import' && v !== 'Export') throw new XmlShapeError(`unknown JobType ${v}`);
  return v;
}

function optional<T extends Record<string, unknown>>(obj: T): T {
  for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
  return obj;
}

export interface ParsedError {
  code: string;
  message: string;
  type: string;
  requestId: string;
}

export function parseXml(xml: string): Node {
  return asNode(parser.parse(xml), 'document');
}

/** Returns the error carried by an ErrorResponse body, or undefined when the body is not one. */
export function parseErrorXml(xml: string): ParsedError | undefined {
  let doc: Node;
  try {
    doc = parseXml(xml);
  } catch {
    return undefined;
  }
  const envelope = doc.ErrorResponse ?? doc.Response;
  if (!envelope) return undefined;
  const root = asNode(envelope, 'ErrorResponse');
  const errors = root.Errors ? asNode(root.Errors, 'Errors').Error : root.Error;
  const error = asNode(Array.isArray(errors) ? errors[0] : errors, 'Error');
  return {
    code: text(error, 'Code') ?? 'Unknown',
    message: text(error, 'Message') ?? '',
    type: text(error, 'Type') ?? 'Sender',
    requestId: text(root, 'RequestId') ?? text(root, 'RequestID') ?? '',
  };
}

export interface ParsedResponse<O extends Operation> {
  result: OperationShapes[O]['output'];
  requestId: string;
}

/** Maps a `<OpResponse>` body to the operation's typed output, converting each field explicitly. */
export function parseResponseXml<O extends Operation>(operation: O, xml: string): ParsedResponse<O> {
  const doc = parseXml(xml);
  const root = asNode(doc[`${operation}Response`], `${operation}Response`);
  if (!doc[`${operation}Response`]) throw new XmlShapeError(`response is not a ${operation}Response`);
  const r = asNode(root[`${operation}Result`], `${operation}Result`);
  const requestId = text(asNode(root.ResponseMetadata, 'ResponseMetadata'), 'RequestId') ?? '';
  return { result: mapResult(operation, r) as OperationShapes[O]['output'], requestId };
}

function mapResult(operation: Operation, r: Node): unknown {
  switch (operation) {
    case 'CreateJob':
      return optional({
        JobId: requiredText(r, 'JobId'),
        JobType: jobType(r),
        Signature: text(r, 'Signature'),
        SignatureFileContents: text(r, 'SignatureFileContents'),
        WarningMessage: text(r, 'WarningMessage'),
        ArtifactList: artifacts(r),
      });
    case 'CancelJob':
      return { Success: bool(r, 'Success') };
    case 'GetShippingLabel':
      return optional({ ShippingLabelURL: requiredText(r, 'ShippingLabelURL'), Warning: text(r, 'Warning') });
    case 'GetStatus':
      return optional({
        JobId: requiredText(r, 'JobId'),
        JobType: jobType(r),
        LocationCode: requiredText(r, 'LocationCode'),
        LocationMessage: text(r, 'LocationMessage') ?? '',
        ProgressCode: requiredText(r, 'ProgressCode'),
        ProgressMessage: text(r, 'ProgressMessage') ?? '',
        Carrier: text(r, 'Carrier'),
        TrackingNumber: text(r, 'TrackingNumber'),
        LogBucket: text(r, 'LogBucket'),
        LogKey: text(r, 'LogKey'),
        ErrorCount: int(r, 'ErrorCount'),
        Signature: text(r, 'Signature'),
        SignatureFileContents: text(r, 'SignatureFileContents'),
        CurrentManifest: text(r, 'CurrentManifest') ?? '',
        CreationDate: requiredText(r, 'CreationDate'),
        ArtifactList: artifacts(r),
      });
    case 'ListJobs':
      return {
        Jobs: members(r, 'Jobs').map((m) => ({
          JobId: requiredText(m, 'JobId'),
          CreationDate: requiredText(m, 'CreationDate'),
          IsCanceled: bool(m, 'IsCanceled'),
          JobType: jobType(m),
        })),
        IsTruncated: bool(r, 'IsTruncated'),
      };
    case 'UpdateJob':
      return optional({
        Success: bool(r, 'Success'),
        WarningMessage: text(r, 'WarningMessage'),
        ArtifactList: artifacts(r),
      });
    default: {
      const never: never = operation;
      throw new XmlShapeError(`unknown operation ${String(never)}`);
    }
  }
}
