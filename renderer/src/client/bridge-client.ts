/** The contract over Electron's preload bridge: one function per operation, plus event subscription. */
import type {
  ContractClient,
  EventName,
  EventPayloads,
  OperationArgs,
  OperationName,
  OperationResults,
  Result,
} from '../../../electron/shared/contract';

export type DockhandBridge = {
  [K in OperationName]: (args: OperationArgs<K>) => Promise<Result<OperationResults[K]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

declare global {
  interface Window {
    dockhand?: DockhandBridge;
  }
}

export function createBridgeClient(bridge: DockhandBridge): ContractClient {
  return {
    call<K extends OperationName>(op: K, args: OperationArgs<K>): Promise<Result<OperationResults[K]>> {
      const fn = bridge[op] as (a: OperationArgs<K>) => Promise<Result<OperationResults[K]>>;
      return fn(args);
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
