/**
 * A fault-injecting HTTP proxy in front of the real embedded endpoint. Requests are forwarded unchanged
 * (Host header included, so SigV2 signatures still verify); a `fault` hook picks, per request, whether to
 * pass it through or to break it before or after the endpoint has acted on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseQueryString, type QueryParams } from '../../../electron/protocol/query';

export type Fault =
  | 'pass'
  /** The connection drops before the endpoint sees the request. */
  | 'drop-before'
  /** 503 ServiceUnavailable without forwarding. */
  | 'unavailable-before'
  /** The endpoint acts, then the connection drops before the answer arrives. */
  | 'drop-after'
  /** The endpoint acts, then the client gets a 500 InternalFailure instead of the answer. */
  | 'error-after'
  /** The endpoint acts, and the answer never comes (the client times out). */
  | 'stall-after';

export interface ProxiedRequest {
  params: QueryParams;
  index: number;
}

export interface FaultProxy {
  url: string;
  /** Actions the proxy saw, in order. */
  actions: string[];
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  fault: (req: ProxiedRequest) => Fault;
}

const INTERNAL_FAILURE_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>' +
  '<Message>injected</Message></Error><RequestId>proxy</RequestId></ErrorResponse>';
const UNAVAILABLE_XML = INTERNAL_FAILURE_XML.replace('InternalFailure', 'ServiceUnavailable');

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(upstream: URL, req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'content-length': String(body.length), connection: 'close' },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(upstreamUrl: string, options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const actions: string[] = [];
  const held = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const params = parseQueryString(body.toString('utf8')).params;
      actions.push(params.Action ?? '');
      const fault = options.fault({ params, index: actions.length - 1 });
      if (fault === 'drop-before') {
        req.socket.destroy();
        return;
      }
      if (fault === 'unavailable-before') {
        res.writeHead(503, { 'content-type': 'text/xml' }).end(UNAVAILABLE_XML);
        return;
      }
      forward(upstream, req, body).then(
        (up) => {
          switch (fault) {
            case 'pass': {
              const headers = { ...up.headers };
              delete headers['transfer-encoding'];
              delete headers.connection;
              res.writeHead(up.status, headers).end(up.body);
              return;
            }
            case 'drop-after':
              req.socket.destroy();
              return;
            case 'error-after':
              res.writeHead(500, { 'content-type': 'text/xml' }).end(INTERNAL_FAILURE_XML);
              return;
            case 'stall-after':
              held.add(res);
              return;
          }
        },
        () => req.socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actions,
    close: async () => {
      for (const res of held) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
