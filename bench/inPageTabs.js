// @ts-check
/**
 * In-page functions for the bench's four-connection and memory runs. Like inPage.js, each is
 * sent as source text, so each is self-contained (no imports, no outer variables).
 */

/**
 * Bare page with several sockets at once: each only counts; resolves when every socket has `n`.
 * @param {{ urls: string[], n: number }} args
 * @returns {Promise<{ ms: number }>}
 */
export function bareFirehoses({ urls, n }) {
  return new Promise((resolve, reject) => {
    let open = urls.length;
    const t0 = performance.now();
    for (const url of urls) {
      let count = 0;
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onmessage = () => {
        if (++count !== n) return;
        ws.close();
        if (--open === 0) resolve({ ms: performance.now() - t0 });
      };
      ws.onclose = () => {
        if (count < n) reject(new Error(`bare page: a socket closed after ${count} of ${n}`));
      };
    }
  });
}

/**
 * The app with one connection tab per URL, all receiving at once: fills each tab's URL, then
 * clicks each tab's Connect in turn (timed from the first click), then waits until every tab's
 * Received shows `n` (the active tab is watched; the others are checked by switching to them).
 * Expects a page opened by newAppPage (rendered, its service worker active).
 * @param {{ urls: string[], n: number, timeoutMs?: number }} args
 * @returns {Promise<{ ms: number, longestTaskMs: number, exact: boolean }>}
 */
export async function appTabsRun({ urls, n, timeoutMs = 300_000 }) {
  const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
  /** @param {string} selector @param {string} name */
  const byName = (selector, name) =>
    /** @type {HTMLElement | undefined} */ (
      [...document.querySelectorAll(selector)].find((el) => {
        const labelledBy = el.getAttribute('aria-labelledby');
        const label = el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : el.textContent);
        return label?.trim() === name;
      })
    );
  /** Waits until `get` returns something (React renders after a click). */
  const find = async (/** @type {() => HTMLElement | undefined} */ get, /** @type {string} */ what) => {
    for (let i = 0; i < 400; i++) {
      const el = get();
      if (el) return el;
      await sleep(10);
    }
    throw new Error(`app: no ${what}`);
  };
  const tabs = () => /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);
  const received = () => Number((byName('output', 'Received')?.textContent ?? '').replace(/\D/g, ''));

  for (let i = 0; i < urls.length; i++) {
    if (i > 0) {
      /** @type {HTMLElement} */ (byName('button', 'New connection')).click();
      await find(() => (tabs().length > i ? tabs()[i] : undefined), `tab ${i + 1}`);
      await sleep(20);
    }
    const input = /** @type {HTMLInputElement} */ (await find(() => byName('input', 'URL'), 'URL box'));
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, urls[i]);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  await sleep(50);

  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  for (let i = 0; i < urls.length; i++) {
    const tab = /** @type {HTMLElement} */ (tabs()[i]);
    if (tab.getAttribute('aria-selected') !== 'true') {
      tab.click();
      await find(() => (tab.getAttribute('aria-selected') === 'true' ? tab : undefined), `tab ${i + 1} selected`);
    }
    (await find(() => byName('button', 'Connect'), 'Connect button')).click();
    await Promise.resolve();
  }
  // The last tab stays in front until it is done; then each other tab is checked in turn.
  const deadline = t0 + timeoutMs;
  let exact = true;
  for (let i = urls.length - 1; i >= 0; i--) {
    const tab = /** @type {HTMLElement} */ (tabs()[i]);
    if (tab.getAttribute('aria-selected') !== 'true') tab.click();
    while (received() < n || tab.getAttribute('aria-selected') !== 'true') {
      if (performance.now() > deadline) throw new Error(`app: tab ${i + 1} shows ${received()} of ${n} after ${timeoutMs} ms`);
      await sleep(5);
    }
    if (received() !== n) exact = false;
  }
  const ms = performance.now() - t0;
  await sleep(300);
  for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
  observer.disconnect();
  return { ms, longestTaskMs: longest, exact };
}

/**
 * What the log panel says about what it keeps (e.g. "Showing 100,000 of 100,000 kept entries.
 * 900,000 older entries are no longer kept …").
 * @returns {string}
 */
export function logNotesText() {
  return document.querySelector('.log-notes')?.textContent ?? '';
}

/**
 * Clicks the button with this accessible name; resolves after two frames.
 * @param {{ name: string }} args
 * @returns {Promise<boolean>}
 */
export function clickButton({ name }) {
  const button = /** @type {HTMLElement | undefined} */ ([...document.querySelectorAll('button')].find((el) => (el.getAttribute('aria-label') ?? el.textContent)?.trim() === name));
  button?.click();
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(Boolean(button)))));
}
