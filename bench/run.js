// @ts-check
/**
 * `npm run bench`: the built app against a bare page in the same headless Chromium, one run, ratios.
 * Usage: node bench/run.js [--smoke] [--dist dist]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../server/serve.js';
import { appRun, bareFirehose, bareOneMessage, filterAnswer, logShows } from './inPage.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MiB = 1024 * 1024;

/** The full bench, as the firehose issue sets it. */
export const FULL = { firehoses: [50_000, 1_000_000], messageSize: 64, bigSize: 16 * MiB, filterQuery: true };
/** A quick run for CI: same code paths, small numbers, no thresholds. */
export const SMOKE = { firehoses: [2_000, 20_000], messageSize: 64, bigSize: 1 * MiB, filterQuery: true };

/**
 * @typedef {{ firehoses: number[], messageSize: number, bigSize: number, filterQuery: boolean }} BenchPlan
 * @typedef {{ n: number, bareRate: number, appRate: number, ratio: number, longestTaskMs: number, heapMB: number, newestVisible: boolean, exact: boolean, keyLatencyMaxMs: number | null, filterMs: number | null }} FirehoseResult
 * @typedef {{ type: 'text' | 'binary', bytes: number, bareMs: number, appMs: number, afterArrivalMs: number, longestTaskMs: number, shown: boolean }} BigResult
 */

/**
 * Runs the plan against the built app in `dist`, returning every figure.
 * @param {{ dist: string, plan: BenchPlan, executablePath?: string, log?: (line: string) => void }} options
 */
export async function runBench({ dist, plan, executablePath = '/usr/bin/chromium', log = () => {} }) {
  const server = await startServer({ root: dist, base: '/app/' });
  const wsOrigin = server.origin.replace(/^http/, 'ws');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    /** @type {FirehoseResult[]} */
    const firehoses = [];
    for (const n of plan.firehoses) {
      const url = `${wsOrigin}/firehose?n=${n}&size=${plan.messageSize}`;
      log(`firehose ${n} x ${plan.messageSize} B: bare page…`);
      const bareBefore = await bare(browser, barePage(server), url, n);
      log(`firehose ${n} x ${plan.messageSize} B: app…`);
      const app = await appFirehose(browser, server.url, url, n, plan.filterQuery && n === Math.max(...plan.firehoses));
      log(`firehose ${n} x ${plan.messageSize} B: bare page again…`);
      const bareAfter = await bare(browser, barePage(server), url, n);
      const bareMs = Math.min(bareBefore, bareAfter);
      const bareRate = n / (bareMs / 1000);
      const appRate = n / (app.ms / 1000);
      firehoses.push({
        n,
        bareRate: Math.round(bareRate),
        appRate: Math.round(appRate),
        ratio: round(appRate / bareRate, 3),
        longestTaskMs: Math.round(app.longestTaskMs),
        heapMB: round(app.heapBytes / MiB, 1),
        newestVisible: app.newestVisible,
        exact: app.exact,
        keyLatencyMaxMs: app.keyLatencies.length ? Math.round(Math.max(...app.keyLatencies)) : null,
        filterMs: app.filterMs === null ? null : Math.round(app.filterMs),
      });
    }
    /** @type {BigResult[]} */
    const big = [];
    for (const type of /** @type {const} */ (['text', 'binary'])) {
      const url = `${wsOrigin}/big?size=${plan.bigSize}&type=${type}`;
      log(`one ${type} message of ${plan.bigSize} bytes…`);
      const bareMs = await withPage(browser, barePage(server), (page) => page.evaluate(bareOneMessage, { url }).then((r) => r.ms));
      const app = await appBig(browser, server.url, url);
      big.push({
        type,
        bytes: plan.bigSize,
        bareMs: Math.round(bareMs),
        appMs: Math.round(app.ms),
        afterArrivalMs: Math.max(0, Math.round(app.ms - bareMs)),
        longestTaskMs: Math.round(app.longestTaskMs),
        shown: app.shown,
      });
    }
    return { firehoses, big };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * @template T
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {(page: import('playwright-core').Page) => Promise<T>} fn
 */
async function withPage(browser, url, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await fn(page);
  } finally {
    await context.close();
  }
}

/**
 * A page on the app's own origin with nothing in it (the server's plain-text 404), so the bare
 * page and the app open sockets under the same rules (about:blank may not reach loopback).
 */
function barePage(/** @type {{ origin: string }} */ server) {
  return `${server.origin}/bare-page`;
}

/** The bare page's time for n messages, in ms. */
function bare(/** @type {import('playwright-core').Browser} */ browser, /** @type {string} */ pageUrl, /** @type {string} */ url, /** @type {number} */ n) {
  return withPage(browser, pageUrl, (page) => page.evaluate(bareFirehose, { url, n }).then((r) => r.ms));
}

/**
 * Opens the app, fills URL, then (in the page) clicks Connect and waits for Received = n,
 * while the driver types into Message; then reads heap, visibility and (optionally) the filter's answer time.
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 * @param {string} url
 * @param {number} n
 * @param {boolean} measureFilter
 */
function appFirehose(browser, appUrl, url, n, measureFilter) {
  return withPage(browser, appUrl, async (page) => {
    await page.getByRole('textbox', { name: 'URL' }).fill(url);
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.focus();
    const handles = await Promise.all([
      page.getByRole('button', { name: 'Connect' }).elementHandle(),
      page.getByRole('status', { name: 'Received' }).elementHandle(),
      message.elementHandle(),
    ]);
    const run = page.evaluate(appRun, /** @type {[any, any, any, number]} */ ([...handles, n]));
    // Type while the messages pour in: each key's latency is measured in the page.
    await page.waitForTimeout(150);
    let typing = true;
    run.finally(() => (typing = false));
    for (const key of 'typing during the firehose') {
      if (!typing) break;
      await page.keyboard.type(key);
      await page.waitForTimeout(40);
    }
    const result = await run;
    const exact = Number(((await page.getByRole('status', { name: 'Received' }).textContent()) ?? '').replace(/\D/g, '')) === n;
    const log = await page.getByRole('log', { name: 'Messages' }).elementHandle();
    const newestVisible = await page.evaluate(logShows, /** @type {[any, string]} */ ([log, String(n).padStart(9, '0')]));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    let filterMs = null;
    if (measureFilter) {
      const filter = page.getByRole('searchbox', { name: 'Filter' });
      await filter.focus();
      const panel = await page.locator('.log-panel').elementHandle();
      const answer = page.evaluate(filterAnswer, /** @type {[any, any, string]} */ ([await filter.elementHandle(), panel, 'Showing 1 of']));
      await page.keyboard.type(String(n).padStart(9, '0'));
      filterMs = (await answer).ms;
    }
    return { ...result, keyLatencies: result.keyLatenciesMs, exact, newestVisible, heapBytes: heap.usedSize, filterMs };
  });
}

/**
 * Opens the app and receives one big message: time until it is counted and its row is shown.
 * @param {import('playwright-core').Browser} browser
 * @param {string} appUrl
 * @param {string} url
 */
function appBig(browser, appUrl, url) {
  return withPage(browser, appUrl, async (page) => {
    await page.getByRole('textbox', { name: 'URL' }).fill(url);
    const handles = await Promise.all([
      page.getByRole('button', { name: 'Connect' }).elementHandle(),
      page.getByRole('status', { name: 'Received' }).elementHandle(),
    ]);
    const result = await page.evaluate(appRun, /** @type {[any, any, null, number]} */ ([...handles, null, 1]));
    const shown = await page.locator('[role="log"] [data-kind="received"]').count() === 1;
    return { ...result, shown };
  });
}

function round(/** @type {number} */ x, /** @type {number} */ digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Prints the figures as a table and one JSON line. */
export function report(/** @type {Awaited<ReturnType<typeof runBench>>} */ results) {
  const lines = [
    '| firehose | bare msg/s | app msg/s | app/bare | longest task | heap after (GC) | newest visible | counter exact | max key latency | filter answer |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.firehoses.map((r) =>
      `| ${r.n.toLocaleString('en-US')} x 64 B | ${r.bareRate.toLocaleString('en-US')} | ${r.appRate.toLocaleString('en-US')} | ${r.ratio} | ${r.longestTaskMs} ms | ${r.heapMB} MB | ${r.newestVisible ? 'yes' : 'NO'} | ${r.exact ? 'yes' : 'NO'} | ${r.keyLatencyMaxMs ?? '-'} ms | ${r.filterMs ?? '-'} ms |`,
    ),
    '',
    '| one message | bare arrival | app counted+shown | after arrival | longest task | shown |',
    '|---|---|---|---|---|---|',
    ...results.big.map((r) => `| ${(r.bytes / MiB).toFixed(0)} MiB ${r.type} | ${r.bareMs} ms | ${r.appMs} ms | ${r.afterArrivalMs} ms | ${r.longestTaskMs} ms | ${r.shown ? 'yes' : 'NO'} |`),
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ bench: 'ws-tester', at: new Date().toISOString(), ...results }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const distFlag = args.indexOf('--dist');
  const dist = resolve(distFlag >= 0 ? (args[distFlag + 1] ?? 'dist') : 'dist');
  const plan = args.includes('--smoke') ? SMOKE : FULL;
  const results = await runBench({ dist, plan, log: (line) => console.error(line) });
  report(results);
}
