// @ts-check
/**
 * A minimal Chrome DevTools Protocol client for the bench.
 * NOTE: the bench drives Chromium through this instead of Playwright's pages because Playwright
 * enables the Network domain on every page, which copies every WebSocket frame into a DevTools
 * event: at tens of thousands of frames a second that costs more CPU than the page itself and
 * would measure the instrumentation, not the app.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

/**
 * @typedef {{ send(method: string, params?: object, timeoutMs?: number): Promise<any>, evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>, on(method: string, listener: (params: any) => void): () => void, close(): Promise<void> }} RawPage
 */

/** How long a DevTools call may take before the bench gives up on it (a hung call once stalled a run). */
export const CALL_TIMEOUT_MS = 60_000;
/**
 * How long an evaluate may take: the in-page runs wait for whole firehoses and time out
 * themselves after 300 s (appRun), so this only catches a page that stopped answering.
 */
export const EVALUATE_TIMEOUT_MS = 360_000;

/** Starts headless Chromium with remote debugging and returns a way to open pages in it. */
export async function launchRaw(/** @type {string} */ executablePath, /** @type {string[]} */ args) {
  const profile = await mkdtemp(join(tmpdir(), 'ws-tester-bench-'));
  const child = spawn(executablePath, [...args, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const endpoint = await waitForEndpoint(profile);
  const socket = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
  const pending = new Map();
  /** Listeners for DevTools events, by session and method. */
  /** @type {Map<string, Set<(params: any) => void>>} */
  const listeners = new Map();
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    if (message.method) {
      for (const listener of listeners.get(`${message.sessionId ?? ''} ${message.method}`) ?? []) listener(message.params);
      return;
    }
    const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${message.error.message} ${message.error.data ?? ''}`));
    else waiter.resolve(message.result);
  });
  // A browser that went away answers nothing more: fail every waiting call at once.
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the DevTools connection closed'));
    pending.clear();
  });
  /** @returns {Promise<any>} */
  const send = (/** @type {string} */ method, /** @type {object} */ params = {}, /** @type {string | undefined} */ sessionId = undefined, timeoutMs = CALL_TIMEOUT_MS) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`DevTools call ${method} got no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const settle = (/** @type {() => void} */ fn) => {
        clearTimeout(timer);
        fn();
      };
      pending.set(id, { resolve: (v) => settle(() => resolve(v)), reject: (e) => settle(() => reject(e)) });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  return {
    /** The browser's process id (its renderers and helpers are its descendants). */
    pid: /** @type {number} */ (child.pid),
    /** A browser-level DevTools call (no page session), e.g. SystemInfo.getProcessInfo. */
    send: (/** @type {string} */ method, /** @type {object} */ params = {}) => send(method, params),
    /** Opens `url` in a new tab of its own browser context, with the given viewport. */
    async newPage(/** @type {string} */ url, { width = 1280, height = 800 } = {}) {
      const { browserContextId } = await send('Target.createBrowserContext');
      const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const call = (/** @type {string} */ method, /** @type {object} */ params = {}, timeoutMs = CALL_TIMEOUT_MS) => send(method, params, sessionId, timeoutMs);
      await call('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
      await call('Page.navigate', { url });
      /** @type {RawPage['evaluate']} */
      const evaluate = async (fn, arg) => {
        const { result, exceptionDetails } = await call(
          'Runtime.evaluate',
          { expression: `(${fn.toString()})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true },
          EVALUATE_TIMEOUT_MS,
        );
        if (exceptionDetails) throw new Error(`in page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        return result.value;
      };
      // Wait for the page (and its module scripts) to be ready.
      for (let i = 0; i < 200; i++) {
        if (await evaluate(() => document.readyState === 'complete', null).catch(() => false)) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return /** @type {RawPage} */ ({
        send: call,
        evaluate,
        on(method, listener) {
          const key = `${sessionId} ${method}`;
          const set = listeners.get(key) ?? new Set();
          listeners.set(key, set.add(listener));
          return () => set.delete(listener);
        },
        async close() {
          await send('Target.closeTarget', { targetId });
          await send('Target.disposeBrowserContext', { browserContextId });
        },
      });
    },
    async close() {
      socket.close();
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/** Chromium writes its DevTools port and path into the profile once it listens. */
async function waitForEndpoint(/** @type {string} */ profile) {
  for (let i = 0; i < 400; i++) {
    const text = await readFile(join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const [port, path] = text.split('\n');
    if (port && path) return `ws://127.0.0.1:${port}${path}`;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('Chromium did not start its DevTools endpoint within 10 s');
}
