/**
 * The only path from the renderer to the contract: typed `handle()` registrations that check the sender
 * frame, then let `dispatch` validate the arguments (zod) before any handler runs.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { OperationName, Result } from '../shared/contract';
import type { AppCore } from '../shared/handlers';
import { BRIDGE_OPERATIONS, channelOf } from '../shared/ipc-channels';
import { APP_HOST, APP_SCHEME } from './security';

/** What the check reads of a WebFrameMain: its URL and whether it is a top-level frame. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Is `url` a page of ours (app://dockhand/...)? Scheme and host are compared explicitly: in the main
 * process `new URL('app://dockhand/x').origin` is the string "null" (a non-special scheme has an opaque
 * origin in the WHATWG URL parser), so an origin comparison would refuse everything, or, compared with
 * "null", accept every opaque origin (data:, blob:, file:...).
 */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === '' &&
    u.port === ''
  );
}

/**
 * Only our own window's top-level page, loaded from app://dockhand, may call in: never an iframe (the label
 * preview is one), another scheme or another host, and never another window's contents.
 */
export function isTrustedSender(
  frame: SenderFrame | null,
  sender: WebContents | null,
  ourContents: WebContents | null,
): boolean {
  // senderFrame is null once the frame has navigated away or been destroyed: nobody to trust.
  if (!frame || frame.parent !== null) return false;
  if (!ourContents || sender !== ourContents) return false;
  return isAppUrl(frame.url);
}

export const REFUSED: Result<never> = {
  ok: false,
  error: { code: 'Refused', message: 'This window may not call Dockhand.' },
};

function handle(op: OperationName, core: AppCore, ourContents: () => WebContents | null): void {
  ipcMain.handle(channelOf(op), async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, event.sender, ourContents())) return REFUSED;
    return core.dispatch(op, raw);
  });
}

/** `ourContents` names the one window whose page may call (null while there is none). */
export function registerIpc(core: AppCore, ourContents: () => WebContents | null): () => void {
  for (const op of BRIDGE_OPERATIONS) handle(op, core, ourContents);
  return () => {
    for (const op of BRIDGE_OPERATIONS) ipcMain.removeHandler(channelOf(op));
  };
}
