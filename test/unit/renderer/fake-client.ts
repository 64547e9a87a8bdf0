/**
 * A fake of the contract, typed from it: each test gives the handlers it needs; anything else answers a
 * NotInFake error (so a component calling something unexpected fails visibly). Events are emitted by hand.
 */
import type {
  ContractClient,
  ContractError,
  EventName,
  EventPayloads,
  OperationArgs,
  OperationName,
  OperationResults,
} from '../../../electron/shared/contract';

export type FakeHandlers = {
  [K in OperationName]?: (args: OperationArgs<K>) => OperationResults[K] | Promise<OperationResults[K]>;
};

export class FakeError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

export interface FakeClient extends ContractClient {
  calls: Array<{ op: OperationName; args: unknown }>;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  listenerCount(event: EventName): number;
}

export function fakeClient(handlers: FakeHandlers): FakeClient {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const calls: FakeClient['calls'] = [];
  return {
    calls,
    async call(op, args) {
      calls.push({ op, args });
      const h = handlers[op] as ((a: unknown) => unknown) | undefined;
      if (!h) return { ok: false, error: { code: 'NotInFake', message: `${op} is not faked in this test` } };
      try {
        return { ok: true, value: (await h(args)) as never };
      } catch (err) {
        if (err instanceof FakeError) return { ok: false, error: err.error };
        throw err;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** DOM facts without jest-dom: what a user (or assistive technology) would perceive. */
export const checked = (el: HTMLElement): boolean => (el as HTMLInputElement).checked;
export const disabled = (el: HTMLElement): boolean => (el as HTMLButtonElement).disabled;
export function description(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}
