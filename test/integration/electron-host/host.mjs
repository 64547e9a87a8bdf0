// The child process that plays Electron: resolves 'electron' to the stand-in, loads the BUILT main entry
// given on the command line, emits 'ready', and then answers the test's requests over the IPC channel
// (node's child_process one, unrelated to Electron's). Usage: node host.mjs DIST_DIR
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

register('./resolve-electron.mjs', import.meta.url);
const { standIn, WebFrameMain } = await import('./stand-in-electron.mjs');

const distDir = path.resolve(process.argv[2]);
await import(pathToFileURL(path.join(distDir, 'main.mjs')).href);
standIn.emitReady();

const send = (message) => process.send(message);

async function until(predicate, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

try {
  await until(() => standIn.windows()[0]?.webContents.loaded, 'the window to load its page');
} catch (err) {
  send({ type: 'failed', message: String(err), log: standIn.log });
  process.exit(1);
}
const win = standIn.windows()[0];

// The sandboxed preload, run as Electron runs it: a function of (require, module, exports) whose require
// knows only 'electron' (a sandboxed preload gets a short list of modules; ours needs just this one).
const events = [];
const listeners = new Map();
const exposed = {};
{
  const originalSend = win.webContents.send.bind(win.webContents);
  win.webContents.send = (channel, ...args) => {
    originalSend(channel, ...args);
    for (const l of listeners.get(channel) ?? []) l({ sender: null }, ...structuredClone(args));
  };
  const ipcRenderer = {
    invoke: (channel, args) => standIn.invoke(win.webContents, win.webContents.mainFrame, channel, args),
    on(channel, l) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), l]);
    },
    removeListener(channel, l) {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((x) => x !== l),
      );
    },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      exposed[key] = api;
    },
  };
  const sandboxRequire = (id) => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${id} (a sandboxed preload may not require it)`);
  };
  const module = { exports: {} };
  const code = readFileSync(win.options.webPreferences.preload, 'utf8');
  const wrapper = vm.runInNewContext(
    `(function (require, module, exports) {\n${code}\n})`,
    {},
    {
      filename: win.options.webPreferences.preload,
    },
  );
  wrapper(sandboxRequire, module, module.exports);
  exposed.dockhand.on('inventory.progress', (payload) => events.push(payload));
}

function frameFor(sender) {
  switch (sender.kind) {
    case 'page':
      return { contents: win.webContents, frame: win.webContents.mainFrame };
    case 'top': // our window's top frame, now showing sender.url
      return { contents: win.webContents, frame: new WebFrameMain(sender.url) };
    case 'iframe': // a frame inside our page (the label preview is one)
      return { contents: win.webContents, frame: new WebFrameMain(sender.url, win.webContents.mainFrame) };
    case 'gone': // the frame navigated away or was destroyed before the call was read
      return { contents: win.webContents, frame: null };
    case 'other-window': {
      const contents = standIn.foreignContents(sender.url);
      return { contents, frame: contents.mainFrame };
    }
    default:
      throw new Error(`unknown sender kind ${sender.kind}`);
  }
}

async function answer(request) {
  switch (request.op) {
    case 'state':
      return {
        log: standIn.log,
        windows: standIn.windows().map((w) => ({ options: w.options, loaded: w.webContents.loaded })),
        channels: standIn.channels(),
        exposed: Object.keys(exposed.dockhand ?? {}),
        frame: {
          url: win.webContents.mainFrame.url,
          origin: win.webContents.mainFrame.origin,
          parentIsNull: win.webContents.mainFrame.parent === null,
        },
      };
    case 'fetch': {
      const res = await standIn.fetch(request.url);
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, headers: Object.fromEntries(res.headers), text: body.toString('utf8') };
    }
    case 'invoke': {
      const { contents, frame } = frameFor(request.sender);
      return standIn.invoke(contents, frame, request.channel, request.args);
    }
    case 'bridge':
      return exposed.dockhand[request.operation](request.args);
    case 'events':
      return events;
    case 'quit':
      // Closing the last window quits the app; the stand-in ends this process where Electron would.
      win.close();
      return null;
    default:
      throw new Error(`unknown request ${request.op}`);
  }
}

process.on('message', (request) => {
  answer(request).then(
    (value) => send({ id: request.id, value }),
    (err) => send({ id: request.id, error: String(err?.message ?? err) }),
  );
});
send({ type: 'ready' });
