// @ts-check
/**
 * `npm run bench`: the built app against a bare page in the same headless Chromium: 64-byte
 * firehoses, a matrix of payloads (medians of alternating runs), four connections at once, the
 * renderer's memory, typing latency, Filter and one big message.
 * Usage: node bench/run.js [--smoke] [--dist dist] [--only firehose,big,matrix,typing,tabs,memory,socketio]
 *   [--rows json:2048,binary:4096] [--rounds N]
 * `--only` runs only those parts, `--rows` only those matrix rows (type:size), `--rounds` overrides
 * how many alternations of bare page and app the matrix and the four-tab row take.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../server/serve.js';
import { launchRaw } from './cdp.js';
import { appRun, bareFirehose, bareOneMessage, filterAnswer, logShows, receivedText } from './inPage.js';
import { firehoseUrl, matrixRow, tabsRow } from './matrix.js';
import { memoryRun } from './memory.js';
import { socketioFirehose } from './socketioFirehose.js';
import { round, withAppPage, withPage } from './withPage.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MiB = 1024 * 1024;
/** What the driver types into Message during the typing run, one key per KEY_INTERVAL_MS. */
const TYPED = 'typing during the firehose';
/** A fast typist's pace: about ten keys a second. */
const KEY_INTERVAL_MS = 100;

/** The log's default byte budget (DEFAULT_LOG_LIMITS.maxBytes in src/session/logBuffer.ts; the smoke test checks they agree). */
export const LOG_BUDGET_BYTES = 256 * MiB;

/**
 * The full bench, as the firehose issues set it. Matrix rows are sized so that the bare page takes
 * about three seconds or more a run here; `rounds` alternations give the medians.
 * NOTE: a run also times the app's Connect (about 45 ms to its first message shown) and its last
 * flush (about 50 ms): at the sizes once used, half a second to a second and a half a run for 4 to
 * 64 KiB, those fixed costs alone were 7-20% of the rate.
 * @type {BenchPlan}
 */
export const FULL = {
  firehoses: [50_000, 1_000_000],
  messageSize: 64,
  bigSize: 16 * MiB,
  rounds: 3,
  matrix: [
    { type: 'text', size: 16, n: 150_000 },
    { type: 'text', size: 256, n: 100_000 },
    { type: 'text', size: 1024, n: 50_000 },
    { type: 'text', size: 4096, n: 50_000 },
    { type: 'text', size: 16_384, n: 24_000 },
    { type: 'text', size: 65_536, n: 9_000 },
    { type: 'json', size: 300, n: 75_000 },
    { type: 'json', size: 2048, n: 50_000 },
    { type: 'binary', size: 512, n: 80_000 },
    { type: 'binary', size: 4096, n: 50_000 },
    { type: 'binary', size: 65_536, n: 12_000 },
  ],
  typing: { type: 'text', size: 4096, n: 20_000 },
  tabs: { tabs: 4, type: 'text', size: 1024, n: 40_000 },
  socketioEvents: 50_000,
  memory: [
    { type: 'text', size: 1024, n: 1_000_000, clearAfter: true },
    { type: 'text', size: 65_536, n: 20_000 },
  ],
};
/**
 * A quick run for CI: same code paths (one text, one JSON and one binary row), small numbers, no thresholds.
 * @type {BenchPlan}
 */
export const SMOKE = {
  firehoses: [2_000, 20_000],
  messageSize: 64,
  bigSize: 1 * MiB,
  rounds: 1,
  matrix: [
    { type: 'text', size: 1024, n: 2_000 },
    { type: 'json', size: 300, n: 2_000 },
    { type: 'binary', size: 4096, n: 1_000 },
  ],
  typing: { type: 'text', size: 4096, n: 2_000 },
  tabs: { tabs: 4, type: 'text', size: 1024, n: 1_000 },
  socketioEvents: 2_000,
  memory: [
    { type: 'text', size: 1024, n: 5_000, clearAfter: true },
    { type: 'text', size: 65_536, n: 200 },
  ],
};

/**
 * @typedef {import('./matrix.js').Payload} Payload
 * @typedef {{ firehoses: number[], messageSize: number, bigSize: number, rounds: number, matrix: Payload[], typing: Payload | null, tabs: (Payload & { tabs: number }) | null, socketioEvents: number, memory: import('./memory.js').MemoryPlan[] }} BenchPlan
 * @typedef {{ n: number, bareRate: number, appRate: number, ratio: number, longestTaskMs: number, bareLongestTaskMs: number, heapMB: number, newestVisible: boolean, exact: boolean, typingAppRate: number, keyLatencyMaxMs: number | null, keysMeasured: number, filterMs: number | null }} FirehoseResult
 * @typedef {{ type: 'text' | 'binary', bytes: number, bareMs: number, appMs: number, afterArrivalMs: number, longestTaskMs: number }} BigResult
 * @typedef {Awaited<ReturnType<typeof launchRaw>>} RawBrowser
 * @typedef {import('./cdp.js').RawPage} RawPage
 */

/** The parts of the bench, in the order they run; `--only` picks some. */
export const SECTIONS = /** @type {const} */ (['firehose', 'big', 'matrix', 'typing', 'tabs', 'memory', 'socketio']);

/**
 * The plan cut down to some parts, some matrix rows (`type:size`, e.g. `json:2048`) and a number of rounds.
 * @param {BenchPlan} plan
 * @param {{ only?: string[] | null, rows?: string[] | null, rounds?: number | null }} cut
 * @returns {BenchPlan}
 */
export function cutPlan(plan, { only = null, rows = null, rounds = null }) {
  const unknown = (only ?? []).filter((name) => !(/** @type {readonly string[]} */ (SECTIONS)).includes(name));
  if (unknown.length) throw new Error(`--only: no part named ${unknown.join(', ')} (parts: ${SECTIONS.join(', ')})`);
  const wanted = (/** @type {typeof SECTIONS[number]} */ name) => only === null || only.includes(name);
  const matrix = plan.matrix.filter((p) => rows === null || rows.includes(`${p.type}:${p.size}`));
  if (rows !== null && matrix.length === 0) throw new Error(`--rows: no matrix row among ${rows.join(', ')} (rows: ${plan.matrix.map((p) => `${p.type}:${p.size}`).join(', ')})`);
  return {
    ...plan,
    rounds: rounds ?? plan.rounds,
    firehoses: wanted('firehose') ? plan.firehoses : [],
    bigSize: wanted('big') ? plan.bigSize : 0,
    matrix: wanted('matrix') ? matrix : [],
    typing: wanted('typing') ? plan.typing : null,
    tabs: wanted('tabs') ? plan.tabs : null,
    memory: wanted('memory') ? plan.memory : [],
    socketioEvents: wanted('socketio') ? plan.socketioEvents : 0,
  };
}

/**
 * Runs the plan against the built app in `dist`, returning every figure.
 * @param {{ dist: string, plan: BenchPlan, executablePath?: string, log?: (line: string) => void }} options
 */
export async function runBench({ dist, plan, executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', log = () => {} }) {
  const server = await startServer({ root: dist, base: '/app/' });
  const wsOrigin = server.origin.replace(/^http/, 'ws');
  // A page on the app's own origin with nothing in it (the server's plain-text 404), so the bare
  // page and the app open sockets under the same rules.
  const barePage = `${server.origin}/bare-page`;
  const browser = await launchRaw(executablePath, CHROMIUM_ARGS);
  try {
    /** @type {FirehoseResult[]} */
    const firehoses = [];
    const largest = Math.max(...plan.firehoses);
    for (const n of plan.firehoses) {
      const url = `${wsOrigin}/firehose?n=${n}&size=${plan.messageSize}`;
      log(`firehose ${n} x ${plan.messageSize} B: bare page…`);
      const bareBefore = await withPage(browser, barePage, (page) => page.evaluate(bareFirehose, { url, n }));
      log(`firehose ${n} x ${plan.messageSize} B: app…`);
      const app = await withAppPage(browser, server.url, (page) => appFirehose(page, url, n, n === largest));
      // NOTE: typing is measured in a run of its own: each key costs the page a few ms of input
      // handling that the bare page never does, so it would blur the rate comparison.
      log(`firehose ${n} x ${plan.messageSize} B: app while typing into Message…`);
      const typing = await withAppPage(browser, server.url, (page) => appWhileTyping(page, url, n));
      log(`firehose ${n} x ${plan.messageSize} B: bare page again…`);
      const bareAfter = await withPage(browser, barePage, (page) => page.evaluate(bareFirehose, { url, n }));
      const bareRate = n / (Math.min(bareBefore.ms, bareAfter.ms) / 1000);
      const appRate = n / (app.ms / 1000);
      firehoses.push({
        n,
        bareRate: Math.round(bareRate),
        appRate: Math.round(appRate),
        ratio: round(appRate / bareRate, 3),
        longestTaskMs: Math.round(app.longestTaskMs),
        bareLongestTaskMs: Math.round(Math.max(bareBefore.longestTaskMs, bareAfter.longestTaskMs)),
        heapMB: round(app.heapBytes / MiB, 1),
        newestVisible: app.newestVisible,
        exact: app.exact,
        typingAppRate: Math.round(n / (typing.ms / 1000)),
        keyLatencyMaxMs: typing.keyLatenciesMs.length ? Math.round(Math.max(...typing.keyLatenciesMs)) : null,
        keysMeasured: typing.keyLatenciesMs.length,
        filterMs: app.filterMs === null ? null : Math.round(app.filterMs),
      });
    }
    /** @type {BigResult[]} */
    const big = [];
    for (const type of plan.bigSize > 0 ? /** @type {const} */ (['text', 'binary']) : []) {
      const url = `${wsOrigin}/big?size=${plan.bigSize}&type=${type}`;
      log(`one ${type} message of ${plan.bigSize} bytes…`);
      const bare = await withPage(browser, barePage, (page) => page.evaluate(bareOneMessage, { url }));
      const app = await withAppPage(browser, server.url, (page) => page.evaluate(appRun, { url, n: 1 }));
      big.push({
        type,
        bytes: plan.bigSize,
        bareMs: Math.round(bare.ms),
        appMs: Math.round(app.ms),
        afterArrivalMs: Math.max(0, Math.round(app.ms - bare.ms)),
        longestTaskMs: Math.round(app.longestTaskMs),
      });
    }
    const ctx = { browser, wsOrigin, appUrl: server.url, barePage, log };
    /** @type {import('./matrix.js').MatrixRow[]} */
    const matrix = [];
    for (const payload of plan.matrix) matrix.push(await matrixRow(ctx, payload, plan.rounds));
    const typing = plan.typing ? await typingRow(ctx, plan.typing) : null;
    const tabs = plan.tabs ? await tabsRow(ctx, plan.tabs, plan.rounds) : null;
    /** @type {import('./memory.js').MemoryRow[]} */
    const memory = [];
    for (const m of plan.memory) {
      log(`renderer memory: ${m.n} x ${m.size} B ${m.type}${m.clearAfter ? ', then Clear log' : ''}…`);
      memory.push(await memoryRun({ browser, appUrl: server.url, url: firehoseUrl(wsOrigin, m), plan: m, logBudgetBytes: LOG_BUDGET_BYTES }));
    }
    return { firehoses, big, matrix, typing, tabs, memory, socketio: plan.socketioEvents > 0 ? await socketioFirehose(ctx, plan.socketioEvents, plan.rounds) : null };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Typing into Message during a firehose: the app's rate and the slowest key.
 * @param {{ browser: RawBrowser, wsOrigin: string, appUrl: string, log: (line: string) => void }} ctx
 * @param {Payload} payload
 */
async function typingRow({ browser, wsOrigin, appUrl, log }, payload) {
  log(`typing into Message during a ${payload.size} B ${payload.type} firehose…`);
  const run = await withAppPage(browser, appUrl, (page) => appWhileTyping(page, firehoseUrl(wsOrigin, payload), payload.n));
  return {
    ...payload,
    appRate: Math.round(payload.n / (run.ms / 1000)),
    keyLatencyMaxMs: run.keyLatenciesMs.length ? Math.round(Math.max(...run.keyLatenciesMs)) : null,
    keysMeasured: run.keyLatenciesMs.length,
    longestTaskMs: Math.round(run.longestTaskMs),
  };
}

/** Types one character as a keyboard would (keydown with text, then keyup). */
async function typeKey(/** @type {RawPage} */ page, /** @type {string} */ key) {
  await page.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, unmodifiedText: key });
  await page.send('Input.dispatchKeyEvent', { type: 'keyUp', key });
}

/**
 * Connects the app to the firehose and waits for Received = n; then reads the counter, the newest
 * row, the heap and (optionally) how fast Filter answers over the kept log.
 * @param {RawPage} page
 * @param {string} url
 * @param {number} n
 * @param {boolean} measureFilter
 */
async function appFirehose(page, url, n, measureFilter) {
  const result = await page.evaluate(appRun, { url, n });
  const exact = Number((await page.evaluate(receivedText, null)).replace(/\D/g, '')) === n;
  const newestVisible = await page.evaluate(logShows, { text: String(n).padStart(9, '0') });
  await page.send('HeapProfiler.collectGarbage');
  const heap = await page.send('Runtime.getHeapUsage');
  let filterMs = null;
  if (measureFilter) {
    const answer = page.evaluate(filterAnswer, { expected: 'Showing 1 of' });
    for (const key of String(n).padStart(9, '0')) await typeKey(page, key);
    filterMs = (await answer).ms;
  }
  return { ...result, exact, newestVisible, heapBytes: heap.usedSize, filterMs };
}

/**
 * The same firehose while the driver types into Message at a fast typist's pace; the page
 * measures each key's latency.
 * @param {RawPage} page
 * @param {string} url
 * @param {number} n
 */
async function appWhileTyping(page, url, n) {
  let running = true;
  const run = page.evaluate(appRun, { url, n }).finally(() => (running = false));
  await new Promise((r) => setTimeout(r, 100));
  for (const key of TYPED) {
    if (!running) break;
    await typeKey(page, key);
    await new Promise((r) => setTimeout(r, KEY_INTERVAL_MS));
  }
  return run;
}

const count = (/** @type {number} */ x) => x.toLocaleString('en-US');
const sizeLabel = (/** @type {number} */ bytes) => (bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`);

/** A table (header, separator, rows) followed by a blank line, or nothing when it has no rows (a part not run). */
const table = (/** @type {string} */ header, /** @type {string[]} */ rows) => (rows.length ? [header, header.replace(/[^|]+/g, '---'), ...rows, ''] : []);

/** Prints the figures as tables (of the parts that ran) and one JSON line. */
export function report(/** @type {Awaited<ReturnType<typeof runBench>>} */ results) {
  const { typing, tabs } = results;
  const lines = [
    ...table(
      '| firehose | bare msg/s | app msg/s | app/bare | longest task app (bare) | heap after (GC) | newest visible | counter exact | app msg/s while typing | max key latency (keys) | filter answer |',
      results.firehoses.map((r) =>
        `| ${count(r.n)} x 64 B | ${count(r.bareRate)} | ${count(r.appRate)} | ${r.ratio} | ${r.longestTaskMs} ms (${r.bareLongestTaskMs} ms) | ${r.heapMB} MB | ${r.newestVisible ? 'yes' : 'NO'} | ${r.exact ? 'yes' : 'NO'} | ${count(r.typingAppRate)} | ${r.keyLatencyMaxMs ?? '-'} ms (${r.keysMeasured}) | ${r.filterMs ?? '-'} ms |`,
      ),
    ),
    ...table(
      '| one message | bare arrival | app counted+shown | after arrival | longest task |',
      results.big.map((r) => `| ${(r.bytes / MiB).toFixed(0)} MiB ${r.type} | ${r.bareMs} ms | ${r.appMs} ms | ${r.afterArrivalMs} ms | ${r.longestTaskMs} ms |`),
    ),
    ...table(
      `| payload (median of ${results.matrix[0]?.rounds ?? 0}) | n | bare msg/s | app msg/s | app/bare | bare keeping ${count(results.matrix[0]?.keep ?? 0)}: msg/s, /bare | app/keeping | bare MB/s | longest task app (bare) | counter exact | CPU ms per 1k msgs bare / app | runs bare / keeping / app |`,
      results.matrix.map((r) =>
        `| ${r.type} ${sizeLabel(r.size)} | ${count(r.n)} | ${count(r.bareRate)} | ${count(r.appRate)} | ${r.ratio} | ${count(r.keepingRate)}, ${r.keepingRatio} | ${r.appPerKeeping} | ${((r.bareRate * r.size) / 1e6).toFixed(1)} | ${r.longestTaskMs} ms (${r.bareLongestTaskMs} ms) | ${r.exact ? 'yes' : 'NO'} | ${r.bareCpuPerK} / ${r.appCpuPerK} | ${[r.bareRates, r.keepingRates, r.appRates].map((rates) => rates.map(count).join(', ')).join(' / ')} |`,
      ),
    ),
    ...table(
      '| typing into Message during | app msg/s | max key latency (keys) | longest task |',
      typing ? [`| ${typing.type} ${sizeLabel(typing.size)} x ${count(typing.n)} | ${count(typing.appRate)} | ${typing.keyLatencyMaxMs ?? '-'} ms (${typing.keysMeasured}) | ${typing.longestTaskMs} ms |`] : [],
    ),
    ...table(
      `| at once (median of ${tabs?.rounds ?? 0}) | bare msg/s (one page, ${tabs?.tabs ?? 0} sockets) | app msg/s (${tabs?.tabs ?? 0} tabs) | app/bare | longest task | counters exact | runs bare / app |`,
      tabs
        ? [`| ${tabs.tabs} x ${tabs.type} ${sizeLabel(tabs.size)} x ${count(tabs.n)} | ${count(tabs.bareRate)} | ${count(tabs.appRate)} | ${tabs.ratio} | ${tabs.longestTaskMs} ms | ${tabs.exact ? 'yes' : 'NO'} | ${tabs.bareRates.map(count).join(', ')} / ${tabs.appRates.map(count).join(', ')} |`]
        : [],
    ),
    ...table(
      '| renderer memory (VmRSS) | before | after | growth | log keeps (entries, MB) | log budget + 100 MB | JS heap after (GC) | after Clear log + GC | vs before |',
      results.memory.map((r) =>
        `| ${r.label} | ${r.beforeMB} MB | ${r.afterMB} MB | ${r.growthMB} MB | ${r.keptEntries === null ? '-' : `${count(r.keptEntries)}, ${r.keptMB} MB`} | ${r.budgetMB + 100} MB | ${r.heapAfterMB} MB | ${r.afterClearMB === null ? '-' : `${r.afterClearMB} MB (heap ${r.heapAfterClearMB} MB)`} | ${r.clearedGrowthMB === null ? '-' : `${r.clearedGrowthMB} MB`} |`,
      ),
    ),
    ...results.memory.map((r) => `${r.label}: the log says "${r.logNotes.trim()}"`),
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify({ bench: 'ws-tester', at: new Date().toISOString(), ...results }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const distFlag = args.indexOf('--dist');
  const dist = resolve(distFlag >= 0 ? (args[distFlag + 1] ?? 'dist') : 'dist');
  const value = (/** @type {string} */ name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? (args[i + 1] ?? '') : null;
  };
  const list = (/** @type {string} */ name) => value(name)?.split(',').filter(Boolean) ?? null;
  const rounds = value('rounds');
  const plan = cutPlan(args.includes('--smoke') ? SMOKE : FULL, { only: list('only'), rows: list('rows'), rounds: rounds === null ? null : Number(rounds) });
  const results = await runBench({ dist, plan, log: (line) => console.error(line) });
  report(results);
}
