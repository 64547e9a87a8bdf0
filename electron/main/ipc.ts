/**
 * The only path from the renderer to the contract: typed `handle()` registrations that check the sender
 * frame, then let `dispatch` validate the arguments (zod) before any handler runs.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type { OperationName, Result } from '../shared/contract';
import type { AppCore } from '../shared/handlers';
import { BRIDGE_OPERATIONS, channelOf } from '../shared/ipc-channels';
import { APP_ORIGIN } from './security';

/** Only our own top-level page, loaded from app://, may call in; never an iframe (label preview) or another origin. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

function handle(op: OperationName, core: AppCore): void {
  ipcMain.handle(channelOf(op), async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'Refused', message: 'This window may not call Dockhand.' } };
    }
    return core.dispatch(op, raw);
  });
}

export function registerIpc(core: AppCore): () => void {
  for (const op of BRIDGE_OPERATIONS) handle(op, core);
  return () => {
    for (const op of BRIDGE_OPERATIONS) ipcMain.removeHandler(channelOf(op));
  };
}
