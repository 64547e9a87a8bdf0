/**
 * The sandboxed preload: one narrow function per contract operation and a typed event subscription,
 * exposed as `window.dockhand`. Never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName } from '../shared/contract';
import { BRIDGE_EVENTS, BRIDGE_OPERATIONS, channelOf, EVENT_CHANNEL } from '../shared/ipc-channels';

const bridge: Record<string, unknown> = {};
for (const op of BRIDGE_OPERATIONS) {
  // Arguments cross as structured clones; main validates them before any handler runs.
  bridge[op] = (args: unknown) => ipcRenderer.invoke(channelOf(op), args);
}

bridge.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  if (!(BRIDGE_EVENTS as readonly string[]).includes(event) || typeof listener !== 'function') {
    throw new TypeError(`dockhand.on: unknown event "${String(event)}"`);
  }
  const handler = (_e: IpcRendererEvent, frame: { event: string; payload: unknown }) => {
    if (frame?.event === event) listener(frame.payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('dockhand', bridge);
