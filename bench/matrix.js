// @ts-check
/**
 * The payload matrix (text, JSON and binary at several sizes) and the four-connection run: the
 * bare page against the app, alternately, several rounds, medians. Each matrix row also runs a bare
 * page that keeps what arrives, as a log must: what keeping alone costs at that payload.
 */
import { cpuByType, cpuDelta } from './cpu.js';
import { appRun, bareFirehose, bareKeepingFirehose, receivedText } from './inPage.js';
import { appTabsRun, bareFirehoses } from './inPageTabs.js';
import { alternationSummary, median, rateSummary, withAppPage, withPage } from './withPage.js';

/**
 * @typedef {{ type: 'text' | 'json' | 'binary', size: number, n: number }} Payload
 * @typedef {{ pid: number, newPage(url: string): Promise<import('./cdp.js').RawPage> }} Browser
 * @typedef {{ browser: Browser, wsOrigin: string, appUrl: string, barePage: string, log: (line: string) => void }} Context
 * @typedef {Payload & { rounds: number, bareRates: number[], appRates: number[], bareRate: number, appRate: number, ratio: number, longestTaskMs: number, bareLongestTaskMs: number, exact: boolean, bareCpuPerK: number, appCpuPerK: number, keep: number, keepingRates: number[], keepingRate: number, keepingRatio: number, appPerKeeping: number }} MatrixRow
 * @typedef {{ tabs: number, type: string, size: number, n: number, rounds: number, bareRates: number[], appRates: number[], bareRate: number, appRate: number, ratio: number, longestTaskMs: number, exact: boolean }} TabsRow
 */

/** The firehose URL for a payload. */
export function firehoseUrl(/** @type {string} */ wsOrigin, /** @type {Payload} */ { type, size, n }) {
  return `${wsOrigin}/firehose?n=${n}&size=${size}&type=${type}`;
}

/**
 * Runs `fn` and adds the CPU time all of the browser's processes used meanwhile per 1000 of `n` messages to `into`.
 * @template T
 * @param {Browser} browser
 * @param {number} n
 * @param {number[]} into
 * @param {() => Promise<T>} fn
 */
async function countingCpu(browser, n, into, fn) {
  const before = await cpuByType(browser.pid);
  const result = await fn();
  const used = cpuDelta(before, await cpuByType(browser.pid));
  into.push((Object.values(used).reduce((a, b) => a + b, 0) / n) * 1000);
  return result;
}

/** What the bare keeping page keeps: as many entries as the app's log keeps by default. */
export const KEPT_ENTRIES = 100_000;

/**
 * One matrix row: the bare page counting, the bare page keeping (a ring of KEPT_ENTRIES entries)
 * and the app, in turn, `rounds` times; rates in messages per second, and CPU ms per 1000
 * messages of all the browser's processes (steadier than rates on a busy machine).
 * NOTE: keeping means new memory for every message, which the counting page never needs; the
 * keeping page's ratio is what any app that keeps messages starts from on this machine.
 * @param {Context} ctx
 * @param {Payload} payload
 * @param {number} rounds
 * @returns {Promise<MatrixRow>}
 */
export async function matrixRow({ browser, wsOrigin, appUrl, barePage, log }, payload, rounds) {
  const url = firehoseUrl(wsOrigin, payload);
  const { n } = payload;
  /** @type {number[]} */ const bareRates = [];
  /** @type {number[]} */ const appRates = [];
  /** @type {number[]} */ const keepingRates = [];
  /** @type {number[]} */ const bareCpu = [];
  /** @type {number[]} */ const appCpu = [];
  let longestTaskMs = 0;
  let bareLongestTaskMs = 0;
  let exact = true;
  for (let round = 1; round <= rounds; round++) {
    log(`matrix ${payload.type} ${payload.size} B x ${n}, round ${round}/${rounds}: bare page counting, bare page keeping, then app…`);
    const bare = await withPage(browser, barePage, (page) => countingCpu(browser, n, bareCpu, () => page.evaluate(bareFirehose, { url, n })));
    bareRates.push(n / (bare.ms / 1000));
    bareLongestTaskMs = Math.max(bareLongestTaskMs, bare.longestTaskMs);
    const keeping = await withPage(browser, barePage, (page) => page.evaluate(bareKeepingFirehose, { url, n, keep: KEPT_ENTRIES }));
    keepingRates.push(n / (keeping.ms / 1000));
    const app = await withAppPage(browser, appUrl, async (page) => {
      const result = await countingCpu(browser, n, appCpu, () => page.evaluate(appRun, { url, n }));
      const shown = Number((await page.evaluate(receivedText, null)).replace(/\D/g, ''));
      return { ...result, exact: shown === n };
    });
    appRates.push(n / (app.ms / 1000));
    longestTaskMs = Math.max(longestTaskMs, app.longestTaskMs);
    exact &&= app.exact;
  }
  const keeping = rateSummary({ bareRates, appRates: keepingRates });
  return {
    ...payload,
    rounds,
    ...alternationSummary({ bareRates, appRates, longestTaskMs, bareLongestTaskMs }),
    keep: KEPT_ENTRIES,
    keepingRates: keeping.appRates,
    keepingRate: keeping.appRate,
    keepingRatio: keeping.ratio,
    appPerKeeping: rateSummary({ bareRates: keepingRates, appRates }).ratio,
    exact,
    bareCpuPerK: Math.round(median(bareCpu)),
    appCpuPerK: Math.round(median(appCpu)),
  };
}

/**
 * `tabs` firehoses at once: four sockets on one bare page against four connection tabs of the
 * app; total messages per second, bare and app alternately, `rounds` times.
 * @param {Context} ctx
 * @param {Payload & { tabs: number }} plan
 * @param {number} rounds
 * @returns {Promise<TabsRow>}
 */
export async function tabsRow({ browser, wsOrigin, appUrl, barePage, log }, plan, rounds) {
  const urls = Array.from({ length: plan.tabs }, () => firehoseUrl(wsOrigin, plan));
  const total = plan.n * plan.tabs;
  /** @type {number[]} */ const bareRates = [];
  /** @type {number[]} */ const appRates = [];
  let longestTaskMs = 0;
  let exact = true;
  for (let round = 1; round <= rounds; round++) {
    log(`${plan.tabs} firehoses at once (${plan.type} ${plan.size} B x ${plan.n} each), round ${round}/${rounds}: bare page, then app…`);
    const bare = await withPage(browser, barePage, (page) => page.evaluate(bareFirehoses, { urls, n: plan.n }));
    bareRates.push(total / (bare.ms / 1000));
    const app = await withAppPage(browser, appUrl, (page) => page.evaluate(appTabsRun, { urls, n: plan.n }));
    appRates.push(total / (app.ms / 1000));
    longestTaskMs = Math.max(longestTaskMs, app.longestTaskMs);
    exact &&= app.exact;
  }
  return {
    tabs: plan.tabs,
    type: plan.type,
    size: plan.size,
    n: plan.n,
    rounds,
    ...rateSummary({ bareRates, appRates }),
    longestTaskMs: Math.round(longestTaskMs),
    exact,
  };
}
