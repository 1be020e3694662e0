// @ts-check
import { appSettled } from './inPage.js';

/**
 * @typedef {{ newPage(url: string): Promise<import('./cdp.js').RawPage> }} PageOpener
 */

/**
 * Opens `url` in a fresh page, runs `fn`, and closes the page.
 * @template T
 * @param {PageOpener} browser
 * @param {string} url
 * @param {(page: import('./cdp.js').RawPage) => Promise<T>} fn
 */
export async function withPage(browser, url, fn) {
  return closingAfter(await browser.newPage(url), fn);
}

/**
 * Runs `fn` on an open page, then closes the page.
 * @template T
 * @param {import('./cdp.js').RawPage} page
 * @param {(page: import('./cdp.js').RawPage) => Promise<T>} fn
 */
async function closingAfter(page, fn) {
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

/**
 * Opens the app at `url` in a fresh page and waits until it has settled (see appSettled): every
 * app run starts as a returning visitor's page would.
 * @param {PageOpener} browser
 * @param {string} url
 */
export async function newAppPage(browser, url) {
  const page = await browser.newPage(url);
  try {
    if (!(await page.evaluate(appSettled, null))) throw new Error(`app at ${url}: no URL box after 10 s`);
  } catch (error) {
    await page.close();
    throw error;
  }
  return page;
}

/**
 * Opens the app (see newAppPage), runs `fn`, and closes the page.
 * @template T
 * @param {PageOpener} browser
 * @param {string} url
 * @param {(page: import('./cdp.js').RawPage) => Promise<T>} fn
 */
export async function withAppPage(browser, url, fn) {
  return closingAfter(await newAppPage(browser, url), fn);
}

/** The middle value (the lower middle of an even count). */
export function median(/** @type {number[]} */ values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/** Rounds to `digits` decimals. */
export function round(/** @type {number} */ x, /** @type {number} */ digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * What alternated runs of two pages come to: each side's rates (rounded), their medians and the
 * ratio of the second to the first.
 * @param {{ bareRates: number[], appRates: number[] }} runs
 */
export function rateSummary({ bareRates, appRates }) {
  const bareRate = median(bareRates);
  const appRate = median(appRates);
  return {
    bareRates: bareRates.map(Math.round),
    appRates: appRates.map(Math.round),
    bareRate: Math.round(bareRate),
    appRate: Math.round(appRate),
    ratio: round(appRate / bareRate, 3),
  };
}

/**
 * What alternated bare/app runs come to: the rate summary and the longest tasks.
 * @param {{ bareRates: number[], appRates: number[], longestTaskMs: number, bareLongestTaskMs: number }} runs
 */
export function alternationSummary({ bareRates, appRates, longestTaskMs, bareLongestTaskMs }) {
  return {
    ...rateSummary({ bareRates, appRates }),
    longestTaskMs: Math.round(longestTaskMs),
    bareLongestTaskMs: Math.round(bareLongestTaskMs),
  };
}
