// A stand-in for the `electron` module, for loading the BUILT main entry (dist/main.mjs) under plain Node.
// It provides exactly the API surface the app's main process uses, nothing more, and models Electron's
// behaviour where the app depends on it. Where it models Electron, the comment cites Electron's docs:
//   app:            https://www.electronjs.org/docs/latest/api/app
//   BrowserWindow:  https://www.electronjs.org/docs/latest/api/browser-window
//   WebFrameMain:   https://www.electronjs.org/docs/latest/api/web-frame-main
//   IpcMainInvokeEvent: https://www.electronjs.org/docs/latest/api/structures/ipc-main-invoke-event
//   protocol:       https://www.electronjs.org/docs/latest/api/protocol
//   ipcMain:        https://www.electronjs.org/docs/latest/api/ipc-main
//   session:        https://www.electronjs.org/docs/latest/api/session
// The host (host.mjs) drives it through `standIn`, which is not part of Electron's API.
import { EventEmitter } from 'node:events';

let ready = false;
let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));

/** What happened, for the test to read: calls in order, with whether the app was ready at the time. */
const log = [];
const record = (what, detail = {}) => log.push({ what, ready, ...detail });

/** app docs: "This method can only be called before app is ready." (enableSandbox, registerSchemesAsPrivileged) */
function beforeReady(name) {
  if (ready) throw new Error(`${name} can only be called before app is ready`);
}
/** protocol docs: "can only be used after the ready event of the app module is emitted"; so are windows and sessions. */
function afterReady(name) {
  if (!ready) throw new Error(`${name} cannot be used before the app is ready`);
}

// ---- app -----------------------------------------------------------------------------------------------

const paths = new Map([['appData', '/stand-in/appData']]);
let appName = 'Electron'; // app docs: getName() defaults to package.json's name; an unnamed app is "Electron"
const heldLocks = new Set();

class App extends EventEmitter {
  setName(name) {
    record('app.setName', { name });
    appName = name;
  }
  getName() {
    return appName;
  }
  setPath(name, value) {
    record('app.setPath', { name, value });
    paths.set(name, value);
  }
  getPath(name) {
    // app docs: userData defaults to the appData directory appended with the app's name.
    if (name === 'userData' && !paths.has('userData')) return `${paths.get('appData')}/${appName}`;
    const p = paths.get(name);
    if (!p) throw new Error(`Failed to get '${name}' path`);
    return p;
  }
  /** app docs: the lock is per user data directory; a second instance with the same one is refused. */
  requestSingleInstanceLock() {
    const dir = this.getPath('userData');
    record('app.requestSingleInstanceLock', { userData: dir, name: appName });
    if (heldLocks.has(dir)) return false;
    heldLocks.add(dir);
    return true;
  }
  enableSandbox() {
    beforeReady('app.enableSandbox');
    record('app.enableSandbox');
  }
  whenReady() {
    return readyPromise;
  }
  isReady() {
    return ready;
  }
  /**
   * app docs: quit() emits 'before-quit' then 'will-quit'; "calling event.preventDefault() will prevent the
   * default behavior, which is terminating the application". Otherwise 'quit' follows and the process ends
   * at once, as Electron's does.
   */
  quit() {
    record('app.quit');
    let prevented = false;
    const event = {
      preventDefault() {
        prevented = true;
      },
    };
    this.emit('before-quit', event);
    if (prevented) return;
    this.emit('will-quit', event);
    if (prevented) return;
    record('quit');
    this.emit('quit', event, 0);
    // Electron ends the process here, whatever the app's promises were still doing. The calls up to here go
    // to stderr (synchronous for a pipe on Linux) for the test to read.
    process.stderr.write(`stand-in quit: ${JSON.stringify(log.map((e) => e.what))}\n`);
    process.exit(0);
  }
}
export const app = new App();

// ---- frames and web contents ----------------------------------------------------------------------------

const standardSchemes = new Set(['http', 'https']);

/**
 * WebFrameMain docs: `origin` is "the current origin of the frame, serialized according to RFC 6454. This
 * may be different from the URL"; pages without a scheme/host/port tuple origin serialize as "null". A
 * scheme registered as privileged `standard` gets a tuple origin (scheme://host), as http does; a blob: URL
 * carries its creator's origin.
 */
function originOf(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return 'null';
  }
  const scheme = u.protocol.slice(0, -1);
  if (scheme === 'blob') return originOf(u.pathname);
  if (standardSchemes.has(scheme)) return `${scheme}://${u.host}`;
  return 'null';
}

/**
 * WebFrameMain docs: `url` is the frame's current URL; `parent` is "null if frame is the top frame in the
 * frame hierarchy"; `top` is the top frame of the hierarchy the frame belongs to.
 */
export class WebFrameMain {
  constructor(url, parent = null) {
    this.url = url;
    this.parent = parent;
    this.frames = [];
    if (parent) parent.frames.push(this);
  }
  get origin() {
    return originOf(this.url);
  }
  get top() {
    return this.parent ? this.parent.top : this;
  }
}

let nextContentsId = 1;

class WebContents extends EventEmitter {
  constructor(preferences) {
    super();
    this.id = nextContentsId++;
    this.preferences = preferences;
    /** webContents docs: mainFrame is "the top frame of the page's frame hierarchy". */
    this.mainFrame = new WebFrameMain('');
    this.sent = [];
    this.windowOpenHandler = undefined;
    this.loaded = undefined;
  }
  /** Sends to the renderer: arguments are serialised with the structured clone algorithm (ipc docs). */
  send(channel, ...args) {
    this.sent.push({ channel, args: structuredClone(args) });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  /** Loads a URL the way Chromium would for our scheme: through the handler protocol.handle registered. */
  async loadURL(url) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = schemeHandlers.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    const response = await handler(new Request(url));
    this.loaded = { url, status: response.status, headers: Object.fromEntries(response.headers) };
    this.mainFrame.url = url;
    this.emit('did-finish-load');
  }
}

export class BrowserWindow extends EventEmitter {
  static windows = [];
  constructor(options = {}) {
    super();
    afterReady('new BrowserWindow');
    this.options = options;
    this.webContents = new WebContents(options.webPreferences ?? {});
    this.visible = false;
    this.destroyed = false;
    BrowserWindow.windows.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
    // BrowserWindow docs: 'ready-to-show' is emitted once the page has rendered for the first time.
    this.webContents.once('did-finish-load', () => this.emit('ready-to-show'));
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.visible = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  close() {
    this.destroyed = true;
    this.emit('closed');
    BrowserWindow.windows = BrowserWindow.windows.filter((w) => w !== this);
    // app docs: 'window-all-closed' is emitted when all windows have been closed.
    if (BrowserWindow.windows.length === 0) app.emit('window-all-closed');
  }
}

// ---- protocol, session, ipcMain, Notification, shell -----------------------------------------------------

const schemeHandlers = new Map();
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    beforeReady('protocol.registerSchemesAsPrivileged');
    record('protocol.registerSchemesAsPrivileged', { schemes });
    for (const s of schemes) if (s.privileges?.standard) standardSchemes.add(s.scheme);
  },
  /** protocol docs: handler(request: GlobalRequest) returns a Response or a Promise of one. */
  handle(scheme, handler) {
    afterReady('protocol.handle');
    if (schemeHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    record('protocol.handle', { scheme });
    schemeHandlers.set(scheme, handler);
  },
};

const permissionHandlers = {};
const defaultSession = {
  setPermissionRequestHandler(h) {
    permissionHandlers.request = h;
  },
  setPermissionCheckHandler(h) {
    permissionHandlers.check = h;
  },
  setDevicePermissionHandler(h) {
    permissionHandlers.device = h;
  },
};
export const session = {
  get defaultSession() {
    afterReady('session.defaultSession');
    return defaultSession;
  },
};

const invokeHandlers = new Map();
export const ipcMain = {
  /** ipcMain docs: a second handler for the same channel is an error. */
  handle(channel, listener) {
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, listener);
  },
  removeHandler(channel) {
    invokeHandlers.delete(channel);
  },
};

const notifications = [];
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    notifications.push(this.options);
  }
}

const openedExternal = [];
export const shell = {
  async openExternal(url) {
    openedExternal.push(url);
  },
};

export default { app, BrowserWindow, Notification, ipcMain, protocol, session, shell };

// ---- the host's side (not Electron API) ------------------------------------------------------------------

export const standIn = {
  log,
  notifications,
  openedExternal,
  permissionHandlers,
  /** Electron emits 'ready' after the main script's first run; the host calls this after importing it. */
  emitReady() {
    ready = true;
    app.emit('ready');
    resolveReady();
  },
  windows: () => BrowserWindow.windows,
  /** Another window's contents, not the app's: its top frame may show any URL. */
  foreignContents: (url) => {
    const contents = new WebContents({});
    contents.mainFrame.url = url;
    return contents;
  },
  /** A request as Chromium would make it for a page or asset under a handled scheme. */
  async fetch(url) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = schemeHandlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url));
  },
  /**
   * ipcRenderer.invoke from `frame` of `contents`: the handler gets an IpcMainInvokeEvent whose senderFrame
   * is that WebFrameMain ("may be null if accessed after the frame has either navigated or been destroyed")
   * and whose sender is the WebContents; arguments and the result cross as structured clones. A handler
   * that throws rejects the renderer's promise.
   */
  async invoke(contents, frame, channel, args) {
    const listener = invokeHandlers.get(channel);
    if (!listener) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    const event = { type: 'frame', sender: contents, senderFrame: frame, processId: 1, frameId: 1 };
    try {
      return structuredClone(await listener(event, structuredClone(args)));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${err}`, { cause: err });
    }
  },
  channels: () => [...invokeHandlers.keys()],
};
