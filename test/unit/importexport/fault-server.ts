/**
 * A small scripted node:http endpoint for the client's unit tests: each request is handed to a handler
 * that may answer, fail, drop the connection or stall, and every request is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseQueryString, type QueryParams } from '../../../electron/protocol/query';
import { buildErrorXml, buildResponseXml, type XmlValue } from '../../../electron/protocol/xml';
import type { ErrorCode } from '../../../electron/protocol/errors';
import type { Operation } from '../../../electron/protocol/api';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  params: QueryParams;
}

export type Reply =
  | { kind: 'ok'; operation: Operation; result: { [name: string]: XmlValue } }
  | { kind: 'error'; status: number; code: string; message?: string; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'drop' }
  | { kind: 'stall' };

export interface FaultServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFaultServer(
  handler: (req: RecordedRequest, index: number) => Reply,
): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const stalled = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        params: parseQueryString(body).params,
      };
      requests.push(rec);
      const reply = handler(rec, requests.length - 1);
      switch (reply.kind) {
        case 'ok':
          res.writeHead(200, { 'content-type': 'text/xml' });
          res.end(buildResponseXml(reply.operation, reply.result, `req-${requests.length}`));
          return;
        case 'error':
          res.writeHead(reply.status, { 'content-type': 'text/xml', ...reply.headers });
          res.end(
            buildErrorXml(reply.code as ErrorCode, reply.message ?? reply.code, `req-${requests.length}`),
          );
          return;
        case 'raw':
          res.writeHead(reply.status, reply.headers ?? {});
          res.end(reply.body);
          return;
        case 'drop':
          req.socket.destroy();
          return;
        case 'stall':
          stalled.add(res);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const res of stalled) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const STATUS_RESULT = {
  JobId: 'ABCDE',
  JobType: 'Import',
  LocationCode: 'NotReceived',
  LocationMessage: 'AWS has not received your device.',
  ProgressCode: 'Pending',
  ProgressMessage: 'The specified job has not started.',
  ErrorCount: 0,
  CurrentManifest: 'manifestVersion: 2.0\nbucket: b\n',
  CreationDate: '2010-09-21T16:22:10Z',
  ArtifactList: [],
};
