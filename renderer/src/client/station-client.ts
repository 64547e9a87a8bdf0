/**
 * The contract over the station's HTTP (one POST per call) and WebSocket (events). The token comes from
 * the URL fragment, which browsers never send to a server, and is then removed from the address bar.
 */
import type {
  ContractClient,
  EventName,
  EventPayloads,
  OperationArgs,
  OperationName,
  OperationResults,
  Result,
} from '../../../electron/shared/contract';

export const TOKEN_HEADER = 'x-dockhand-token';
export const TOKEN_SUBPROTOCOL_PREFIX = 'dockhand.token.';
/** Reconnect the events socket after this long when the station restarts or the network blips. */
const RECONNECT_DELAY_MS = 1_000;

export function tokenFromHash(hash: string): string | undefined {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(hash);
  return m?.[1];
}

type Listener = (payload: unknown) => void;

export function createStationClient(baseUrl: string, token: string): ContractClient {
  const listeners = new Map<EventName, Set<Listener>>();
  let socket: WebSocket | undefined;

  const connect = (): void => {
    const wsUrl = new URL('events', baseUrl.endsWith('/') ? baseUrl : baseUrl + '/');
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(wsUrl.href, [TOKEN_SUBPROTOCOL_PREFIX + token]);
    socket = ws;
    ws.onmessage = (msg) => {
      try {
        const frame = JSON.parse(String(msg.data)) as { event: EventName; payload: unknown };
        for (const l of listeners.get(frame.event) ?? []) l(frame.payload);
      } catch {
        /* a malformed frame is dropped; the next one is independent */
      }
    };
    ws.onclose = () => {
      if (socket === ws) setTimeout(connect, RECONNECT_DELAY_MS);
    };
  };

  return {
    async call<K extends OperationName>(op: K, args: OperationArgs<K>): Promise<Result<OperationResults[K]>> {
      try {
        const res = await fetch(new URL(`api/${op}`, baseUrl.endsWith('/') ? baseUrl : baseUrl + '/'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(args),
        });
        return (await res.json()) as Result<OperationResults[K]>;
      } catch (err) {
        return {
          ok: false,
          error: {
            code: 'StationUnreachable',
            message: `The station did not answer (${(err as Error).message}); check that dockhand station is still running.`,
          },
        };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (!socket) connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}
