// @ts-check
/**
 * Functions the bench runs inside the page. Each is sent as source text, so each is self-contained
 * (no imports, no outer variables). Times are measured in the page with performance.now().
 */

/**
 * The limit: a bare page that only counts onmessage until `n` messages have arrived.
 * Also reports its longest task, for reference: the browser may deliver many messages in one task.
 * @param {{ url: string, n: number }} args
 * @returns {Promise<{ ms: number, longestTaskMs: number }>}
 */
export function bareFirehose({ url, n }) {
  return new Promise((resolve, reject) => {
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    let count = 0;
    const t0 = performance.now();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = () => {
      if (++count === n) {
        const ms = performance.now() - t0;
        ws.close();
        setTimeout(() => {
          for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
          observer.disconnect();
          resolve({ ms, longestTaskMs: longest });
        }, 300);
      }
    };
    ws.onclose = () => {
      if (count < n) reject(new Error(`bare page: closed after ${count} of ${n}`));
    };
  });
}

/**
 * The bare page again, but keeping what arrives as a log would: each message's data, time and size
 * in an entry, the newest `keep` of them in a ring. Tells what keeping messages costs by itself.
 * @param {{ url: string, n: number, keep: number }} args
 * @returns {Promise<{ ms: number }>}
 */
export function bareKeepingFirehose({ url, n, keep }) {
  return new Promise((resolve, reject) => {
    /** @type {unknown[]} */
    const ring = new Array(keep);
    let count = 0;
    const t0 = performance.now();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event) => {
      const data = event.data;
      ring[count % keep] = { seq: count + 1, at: Date.now(), data, size: typeof data === 'string' ? data.length : data.byteLength };
      if (++count === n) {
        const ms = performance.now() - t0;
        ws.close();
        resolve({ ms });
      }
    };
    ws.onclose = () => {
      if (count < n) reject(new Error(`bare page (keeping): closed after ${count} of ${n}`));
    };
  });
}

/**
 * Bare page: time from `new WebSocket` until one (large) message has arrived.
 * @param {{ url: string }} args
 * @returns {Promise<{ ms: number }>}
 */
export function bareOneMessage({ url }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = () => {
      resolve({ ms: performance.now() - t0 });
      ws.close();
    };
  });
}

/**
 * Waits until the app has rendered (React renders after the scripts ran) and its service worker is
 * active (at most 3 s to find one, 10 s for it to install), as on a returning visitor's page: the
 * worker's one-time precache of the app's files is not receiving messages, and in a run of a few
 * seconds it would weigh (in time, CPU and memory) as if it were.
 * @returns {Promise<boolean>} whether the URL box was found
 */
export async function appSettled() {
  const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
  const urlBox = () =>
    [...document.querySelectorAll('input')].some((el) => {
      const labelledBy = el.getAttribute('aria-labelledby');
      return (el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : ''))?.trim() === 'URL';
    });
  for (let i = 0; i < 400 && !urlBox(); i++) await sleep(25);
  const serviceWorkers = navigator.serviceWorker;
  if (serviceWorkers) {
    let registration;
    for (let i = 0; i < 60 && !(registration = await serviceWorkers.getRegistration()); i++) await sleep(50);
    if (registration) await Promise.race([serviceWorkers.ready, sleep(10_000)]);
  }
  return urlBox();
}

/**
 * Types `url` into the app's URL box, clicks Connect, and waits until the Received counter shows `n`
 * and a received row is in the log. Meanwhile records the longest task and, for keys the driver
 * types into Message, the time from keydown until the next frame after the input was handled.
 * Expects a page opened by newAppPage (rendered, its service worker active). Rejects after
 * `timeoutMs`, saying how far it got.
 * @param {{ url: string, n: number, timeoutMs?: number }} args
 * @returns {Promise<{ ms: number, longestTaskMs: number, keyLatenciesMs: number[] }>}
 */
export async function appRun({ url, n, timeoutMs = 300_000 }) {
  /** @param {string} selector @param {string} name */
  const byName = (selector, name) =>
    /** @type {HTMLElement} */ (
      [...document.querySelectorAll(selector)].find((el) => {
        const labelledBy = el.getAttribute('aria-labelledby');
        const label = el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : el.textContent);
        return label?.trim() === name;
      })
    );
  const input = /** @type {HTMLInputElement} */ (byName('input', 'URL'));
  // React listens for input events; set the value as a user's typing would.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, url);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  // NOTE: the counter is looked up afresh at each check: a panel that re-mounts (a tab restored
  // after the first render, an error boundary) replaces it, and a stale element never changes.
  let received = byName('output', 'Received');
  const message = byName('textarea', 'Message');

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`app: Received shows ${received.textContent} of ${n} after ${timeoutMs} ms`)), timeoutMs);
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    /** @type {number[]} */
    const latencies = [];
    /** @type {number | null} */
    let keyAt = null;
    const onKey = (/** @type {Event} */ event) => {
      keyAt = event.timeStamp;
    };
    const onInput = () => {
      const at = keyAt;
      if (at === null) return;
      keyAt = null;
      requestAnimationFrame(() => latencies.push(performance.now() - at));
    };
    message.addEventListener('keydown', onKey, true);
    message.addEventListener('input', onInput);
    message.focus();
    const count = () => Number((received.textContent ?? '').replace(/\D/g, ''));
    const check = () => {
      const current = byName('output', 'Received');
      if (current && current !== received) {
        received = current;
        mutations.disconnect();
        mutations.observe(received, { characterData: true, childList: true, subtree: true });
      }
      if (count() >= n && document.querySelector('[role="log"] [data-kind="received"]')) done();
    };
    // A slow check as well, in case the counter was replaced between two mutations.
    const slowCheck = setInterval(check, 250);
    let t0 = 0;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      const ms = performance.now() - t0;
      clearTimeout(timeout);
      clearInterval(slowCheck);
      mutations.disconnect();
      // Long tasks are reported asynchronously: give the observer a moment before reading.
      setTimeout(() => {
        for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
        observer.disconnect();
        message.removeEventListener('keydown', onKey, true);
        message.removeEventListener('input', onInput);
        resolve({ ms, longestTaskMs: longest, keyLatenciesMs: latencies });
      }, 300);
    };
    const mutations = new MutationObserver(check);
    // Only the counter is watched: observing the whole page would tax every row the log renders.
    // The counter and the rows are rendered in the same commit, so the row check is then current.
    mutations.observe(received, { characterData: true, childList: true, subtree: true });
    // Let React apply the URL before clicking.
    setTimeout(() => {
      t0 = performance.now();
      byName('button', 'Connect').click();
    }, 50);
  });
}

/**
 * Whether the log shows a received row containing `text` (the newest message), after two frames.
 * @param {{ text: string }} args
 * @returns {Promise<boolean>}
 */
export function logShows({ text }) {
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const rows = [...document.querySelectorAll('[role="log"] [data-kind="received"]')];
        resolve(rows.some((row) => (row.textContent ?? '').includes(text)));
      }),
    );
  });
}

/**
 * Focuses Filter; then measures from the last keydown in it until the log panel shows `expected`.
 * @param {{ expected: string }} args
 * @returns {Promise<{ ms: number }>}
 */
export function filterAnswer({ expected }) {
  const filter = /** @type {HTMLElement} */ (document.querySelector('input[type="search"][aria-label="Filter"]'));
  const panel = /** @type {HTMLElement} */ (filter.closest('section'));
  filter.focus();
  return new Promise((resolve) => {
    let lastKey = performance.now();
    filter.addEventListener('keydown', (event) => (lastKey = event.timeStamp), true);
    const observer = new MutationObserver(() => {
      if ((panel.textContent ?? '').includes(expected)) {
        observer.disconnect();
        requestAnimationFrame(() => resolve({ ms: performance.now() - lastKey }));
      }
    });
    observer.observe(panel, { characterData: true, childList: true, subtree: true });
  });
}

/**
 * The text of the Received counter.
 * @returns {string}
 */
export function receivedText() {
  const output = [...document.querySelectorAll('output')].find((el) => {
    const id = el.getAttribute('aria-labelledby');
    return id && document.getElementById(id)?.textContent === 'Received';
  });
  return output?.textContent ?? '';
}
