// @ts-check
/**
 * Functions the bench runs inside the page (passed to page.evaluate, so each is self-contained).
 * Times are measured in the page with performance.now(), so the driver's latency does not count.
 */

/**
 * The limit: a bare page that only counts onmessage until `n` messages have arrived.
 * @param {{ url: string, n: number }} args
 * @returns {Promise<{ ms: number }>}
 */
export function bareFirehose({ url, n }) {
  return new Promise((resolve, reject) => {
    let count = 0;
    const t0 = performance.now();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = () => {
      if (++count === n) {
        resolve({ ms: performance.now() - t0 });
        ws.close();
      }
    };
    ws.onclose = () => {
      if (count < n) reject(new Error(`bare page: closed after ${count} of ${n}`));
    };
  });
}

/**
 * Clicks Connect and waits until the Received counter shows `n` (and, with `rowKind`, a row of that kind exists).
 * Records the longest task meanwhile, and the typing latency of keys pressed into `typingTarget` by the driver.
 * @param {[HTMLElement, HTMLElement, HTMLElement | null, number]} args connect button, Received output, typing target, n
 * @returns {Promise<{ ms: number, longestTaskMs: number, keyLatenciesMs: number[] }>}
 */
export function appRun([connect, received, typingTarget, n]) {
  return new Promise((resolve) => {
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    /** @type {number[]} */
    const latencies = [];
    /** @type {number | null} */
    let keyAt = null;
    const onKey = (/** @type {KeyboardEvent} */ event) => {
      keyAt = event.timeStamp;
    };
    const onInput = () => {
      const at = keyAt;
      if (at === null) return;
      keyAt = null;
      // The character is on screen at the next frame after the input has been handled.
      requestAnimationFrame(() => latencies.push(performance.now() - at));
    };
    typingTarget?.addEventListener('keydown', onKey, true);
    typingTarget?.addEventListener('input', onInput);
    const count = () => Number((received.textContent ?? '').replace(/\D/g, ''));
    const t0 = performance.now();
    const done = () => {
      const ms = performance.now() - t0;
      mutations.disconnect();
      // Long tasks are reported asynchronously: give the observer a moment before reading.
      setTimeout(() => {
        for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
        observer.disconnect();
        typingTarget?.removeEventListener('keydown', onKey, true);
        typingTarget?.removeEventListener('input', onInput);
        resolve({ ms, longestTaskMs: longest, keyLatenciesMs: latencies });
      }, 300);
    };
    const mutations = new MutationObserver(() => {
      if (count() >= n) done();
    });
    mutations.observe(received, { characterData: true, childList: true, subtree: true });
    connect.click();
  });
}

/**
 * Whether the log shows a received row containing `text` (the newest message), after two frames.
 * @param {[HTMLElement, string]} args the log element and the text
 * @returns {Promise<boolean>}
 */
export function logShows([log, text]) {
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const rows = [...log.querySelectorAll('[data-kind="received"]')];
        resolve(rows.some((row) => (row.textContent ?? '').includes(text)));
      }),
    );
  });
}

/**
 * Measures from the last keydown in `input` until `note` contains `expected` (the filter has answered).
 * Call before the driver types; resolves when the expected text appears.
 * @param {[HTMLElement, HTMLElement, string]} args the filter box, the log panel, the expected text
 * @returns {Promise<{ ms: number }>}
 */
export function filterAnswer([input, panel, expected]) {
  return new Promise((resolve) => {
    let lastKey = performance.now();
    input.addEventListener('keydown', (event) => (lastKey = event.timeStamp), true);
    const check = () => {
      if ((panel.textContent ?? '').includes(expected)) {
        observer.disconnect();
        requestAnimationFrame(() => resolve({ ms: performance.now() - lastKey }));
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(panel, { characterData: true, childList: true, subtree: true });
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
