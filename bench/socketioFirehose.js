// @ts-check
/**
 * The Socket.IO firehose: Local Echo's /socket.io/ emits `n` small events (`firehose` event), to
 * a bare page that speaks just enough Engine.IO to ask and counts the raw frames, and to the app
 * with Protocol Socket.IO (its runtime answers the housekeeping; rows decode only what is on
 * screen). Alternately, `rounds` times; medians; the ratio app/bare.
 */
import { alternationSummary, withAppPage, withPage } from './withPage.js';

/**
 * @typedef {import('./matrix.js').Context} Context
 * @typedef {{ n: number, rounds: number, bareRates: number[], appRates: number[], bareRate: number, appRate: number, ratio: number, longestTaskMs: number, bareLongestTaskMs: number, newestVisible: boolean }} SocketIoRow
 */

/**
 * Bare page: opens the socket, joins `/` (`40`), asks for the firehose, answers pings, and counts
 * the event frames (`42…`) until `n`; timed from the ask to the last event. Self-contained (runs in the page).
 * @param {{ url: string, n: number }} args
 * @returns {Promise<{ ms: number, longestTaskMs: number }>}
 */
export function bareSocketIo({ url, n }) {
  return new Promise((resolve, reject) => {
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    let count = 0;
    let t0 = 0;
    const ws = new WebSocket(url);
    ws.onmessage = (event) => {
      const data = /** @type {string} */ (event.data);
      if (data.charCodeAt(0) === 52 && data.charCodeAt(1) === 50) {
        if (++count === n) {
          const ms = performance.now() - t0;
          ws.close();
          setTimeout(() => {
            for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
            observer.disconnect();
            resolve({ ms, longestTaskMs: longest });
          }, 300);
        }
      } else if (data[0] === '0') ws.send('40');
      else if (data === '2') ws.send('3');
      else if (data.startsWith('40')) {
        t0 = performance.now();
        ws.send(`42["firehose",${n}]`);
      }
    };
    ws.onclose = () => {
      if (count < n) reject(new Error(`bare page: closed after ${count} of ${n} events`));
    };
  });
}

/**
 * The app: Protocol Socket.IO, Connect, then `Emit` of `firehose` with `[n]` once the namespace is
 * joined; timed from the click until Received has grown by `n`. Self-contained (runs in the page).
 * @param {{ url: string, n: number, timeoutMs?: number }} args
 * @returns {Promise<{ ms: number, longestTaskMs: number }>}
 */
export async function appSocketIo({ url, n, timeoutMs = 300_000 }) {
  const byName = (/** @type {string} */ selector, /** @type {string} */ name) =>
    /** @type {HTMLElement | undefined} */ (
      [...document.querySelectorAll(selector)].find((el) => {
        const labelledBy = el.getAttribute('aria-labelledby');
        const label = el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : el.textContent);
        return label?.trim() === name;
      })
    );
  const waitFor = async (/** @type {() => unknown} */ test, /** @type {string} */ what) => {
    for (let i = 0; i < 800; i++) {
      if (test()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`app: ${what} did not happen within 20 s`);
  };
  // React listens for input and change events: set values as a user's typing would.
  const fill = (/** @type {HTMLElement} */ el, /** @type {string} */ value) => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  };
  await waitFor(() => byName('input', 'URL'), 'the page rendering');
  fill(/** @type {HTMLElement} */ (byName('input', 'URL')), url);
  fill(/** @type {HTMLElement} */ (byName('select', 'Protocol')), 'socketio');
  await new Promise((r) => setTimeout(r, 50));
  /** @type {HTMLElement} */ (byName('button', 'Connect')).click();
  await waitFor(() => [...document.querySelectorAll('[role="log"] [data-kind="info"]')].some((row) => row.textContent?.includes('joined namespace /')), 'joining namespace /');
  fill(/** @type {HTMLElement} */ (byName('input', 'Event')), 'firehose');
  fill(/** @type {HTMLElement} */ (byName('textarea', 'Arguments')), `[${n}]`);
  await new Promise((r) => setTimeout(r, 50));
  const count = () => Number((byName('output', 'Received')?.textContent ?? '').replace(/\D/g, ''));
  const before = count();
  return new Promise((resolve, reject) => {
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const timeout = setTimeout(() => reject(new Error(`app: Received grew by ${count() - before} of ${n} in ${timeoutMs} ms`)), timeoutMs);
    const t0 = performance.now();
    const check = setInterval(() => {
      if (count() - before < n) return;
      const ms = performance.now() - t0;
      clearInterval(check);
      clearTimeout(timeout);
      setTimeout(() => {
        for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
        observer.disconnect();
        resolve({ ms, longestTaskMs: longest });
      }, 300);
    }, 10);
    /** @type {HTMLElement} */ (byName('button', 'Emit')).click();
  });
}

/**
 * Whether the log shows the last event decoded (`event "n" [n]`), after two frames. Self-contained.
 * @param {{ n: number }} args
 * @returns {Promise<boolean>}
 */
function lastEventShown({ n }) {
  return new Promise((resolve) => {
    const want = `event "n" [${n}]`;
    const look = () => [...document.querySelectorAll('[role="log"] [data-kind="received"]')].some((row) => (row.textContent ?? '').includes(want));
    let tries = 0;
    const poll = () => (look() || ++tries > 50 ? resolve(look()) : setTimeout(poll, 20));
    requestAnimationFrame(() => requestAnimationFrame(poll));
  });
}

/**
 * The Socket.IO firehose row: bare page then app, `rounds` times; rates in events per second.
 * @param {Context} ctx
 * @param {number} n
 * @param {number} rounds
 * @returns {Promise<SocketIoRow>}
 */
export async function socketioFirehose({ browser, wsOrigin, appUrl, barePage, log }, n, rounds) {
  const url = `${wsOrigin}/socket.io/?EIO=4&transport=websocket&tick=0`;
  /** @type {number[]} */ const bareRates = [];
  /** @type {number[]} */ const appRates = [];
  let longestTaskMs = 0;
  let bareLongestTaskMs = 0;
  let newestVisible = true;
  for (let i = 1; i <= rounds; i++) {
    log(`Socket.IO firehose of ${n} events, round ${i}/${rounds}: bare page, then app…`);
    const bare = await withPage(browser, barePage, (page) => page.evaluate(bareSocketIo, { url, n }));
    bareRates.push(n / (bare.ms / 1000));
    bareLongestTaskMs = Math.max(bareLongestTaskMs, bare.longestTaskMs);
    const app = await withAppPage(browser, appUrl, async (page) => {
      const result = await page.evaluate(appSocketIo, { url, n });
      return { ...result, shown: await page.evaluate(lastEventShown, { n }) };
    });
    appRates.push(n / (app.ms / 1000));
    longestTaskMs = Math.max(longestTaskMs, app.longestTaskMs);
    newestVisible &&= app.shown;
  }
  const row = {
    n,
    rounds,
    ...alternationSummary({ bareRates, appRates, longestTaskMs, bareLongestTaskMs }),
    newestVisible,
  };
  log(`Socket.IO firehose, ${n.toLocaleString('en-US')} events (median of ${rounds}): bare ${row.bareRate.toLocaleString('en-US')}/s, app ${row.appRate.toLocaleString('en-US')}/s, app/bare ${row.ratio}, longest task ${row.longestTaskMs} ms (bare ${row.bareLongestTaskMs} ms), last event shown decoded: ${newestVisible ? 'yes' : 'NO'}`);
  return row;
}
