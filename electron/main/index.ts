/**
 * Electron main: one instance, one sandboxed window on app://dockhand, the contract over IPC, and desktop
 * notifications when a job changes state. The same handlers serve the station host.
 */
import { app, BrowserWindow, Notification, shell } from 'electron';
import type { Emit, EventName, EventPayloads } from '../shared/contract';
import { createAppCore, type AppCore } from '../shared/handlers';
import { EVENT_CHANNEL } from '../shared/ipc-channels';
import { isAllowedExternalUrl } from '../shared/tracking-links';
import { appPaths } from '../app-paths';
import { packageInfo, runtimeLayout } from '../runtime-layout';
import { registerIpc } from './ipc';
import {
  APP_ORIGIN,
  denyAllPermissions,
  guardWebContents,
  registerAppScheme,
  serveRenderer,
} from './security';

/** The build puts main, preload and the renderer side by side in dist/ (electron/runtime-layout.ts). */
const { preloadFile: PRELOAD_FILE, rendererDir: RENDERER_DIR } = runtimeLayout();
const WINDOW_WIDTH_PX = 1200;
const WINDOW_HEIGHT_PX = 800;
const MIN_WIDTH_PX = 1024;
const MIN_HEIGHT_PX = 700;

let win: BrowserWindow | null = null;
let core: AppCore | null = null;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: WINDOW_WIDTH_PX,
    height: WINDOW_HEIGHT_PX,
    minWidth: MIN_WIDTH_PX,
    minHeight: MIN_HEIGHT_PX,
    show: false,
    title: 'Dockhand',
    webPreferences: {
      preload: PRELOAD_FILE,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  guardWebContents(w.webContents);
  w.once('ready-to-show', () => w.show());
  w.on('closed', () => {
    win = null;
  });
  void w.loadURL(`${APP_ORIGIN}/index.html`);
  return w;
}

const emit: Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
  win?.webContents.send(EVENT_CHANNEL, { event, payload });
  if (event === 'jobs.changed' && Notification.isSupported()) {
    const change = payload as EventPayloads['jobs.changed'];
    const note = new Notification({ title: `Dockhand: job ${change.jobId}`, body: change.message });
    // A returned device's notification opens the carrier's tracking page (allow-listed https only).
    note.on('click', () => {
      if (change.trackingUrl && isAllowedExternalUrl(change.trackingUrl))
        void shell.openExternal(change.trackingUrl);
      else win?.show();
    });
    note.show();
  }
};

// Before anything asks for a path or the lock: the name Electron files things under (an unnamed app is
// "Electron", sharing ~/.config/Electron and its single-instance lock with every other unnamed app), and
// Chromium's profile under our own data directory, so each DOCKHAND_HOME is one instance.
app.setName(packageInfo().productName);
app.setPath('userData', appPaths().electronUserDataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    // Electron ends the process right after 'will-quit': hold it until the embedded endpoint and the journal
    // are closed, then quit again (core is null by then, so the second pass goes through).
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  void app.whenReady().then(async () => {
    denyAllPermissions();
    serveRenderer(RENDERER_DIR);
    core = await createAppCore({ host: 'electron', emit });
    registerIpc(core, () => win?.webContents ?? null);
    win = createWindow();
  });
}
