// @ts-check
/**
 * Memory as the operating system sees it: the resident set of the page's renderer process.
 * NOTE: the JS heap leaves out what matters under a firehose: message strings and ArrayBuffers
 * live outside the V8 heap, so the bench reads the renderer's VmRSS from /proc instead.
 */
import { readFile } from 'node:fs/promises';
import { appRun } from './inPage.js';
import { newAppPage } from './withPage.js';
import { clickButton, logNotesText } from './inPageTabs.js';

const MB = 1e6;

/** Bytes the probe allocates in the page to find its renderer. */
const PROBE_BYTES = 64 * MB;

/**
 * The renderer process of `page`: of the renderers SystemInfo.getProcessInfo lists (spare ones
 * included), the one whose resident memory grows by a probe the page allocates and touches.
 * NOTE: not by CPU time: the times it reports lag, and on a busy machine picked the wrong process.
 * @param {{ send(method: string, params?: object): Promise<any> }} browser
 * @param {import('./cdp.js').RawPage} page
 * @returns {Promise<number>} its pid
 */
export async function rendererPid(browser, page) {
  const pids = (await browser.send('SystemInfo.getProcessInfo')).processInfo.filter((/** @type {any} */ p) => p.type === 'renderer').map((/** @type {any} */ p) => p.id);
  const rss = async () => new Map(await Promise.all(pids.map(async (/** @type {number} */ pid) => /** @type {const} */ ([pid, await residentMB(pid).catch(() => 0)]))));
  const before = await rss();
  await page.evaluate((bytes) => {
    // @ts-expect-error a property of the bench's own, removed below
    window.benchProbe = new Uint8Array(bytes).fill(1);
  }, PROBE_BYTES);
  const after = await rss();
  await page.evaluate(() => {
    // @ts-expect-error see above
    delete window.benchProbe;
  }, null);
  let best = -1;
  let grew = -Infinity;
  for (const [pid, value] of after) {
    const delta = value - (before.get(pid) ?? 0);
    if (delta > grew) [best, grew] = [pid, delta];
  }
  if (best < 0 || grew < (PROBE_BYTES / MB) * 0.5) throw new Error(`no renderer grew by the ${PROBE_BYTES / MB} MB probe (best ${grew} MB)`);
  return best;
}

/** Resident memory of a process in MB (VmRSS of /proc/<pid>/status). */
export async function residentMB(/** @type {number} */ pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kB)) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round((kB * 1024) / MB);
}

/**
 * Collects garbage, waits for the allocator to hand memory back, and reads the renderer's
 * resident memory and the JS heap, in MB.
 * @param {import('./cdp.js').RawPage} page
 * @param {number} pid
 */
export async function settledMemory(page, pid) {
  await page.send('HeapProfiler.collectGarbage');
  await new Promise((r) => setTimeout(r, 500));
  await page.send('HeapProfiler.collectGarbage');
  await new Promise((r) => setTimeout(r, 500));
  const heap = await page.send('Runtime.getHeapUsage');
  return { rssMB: await residentMB(pid), heapMB: Math.round(heap.usedSize / MB) };
}

/**
 * @typedef {{ type: 'text' | 'json' | 'binary', size: number, n: number, clearAfter?: boolean }} MemoryPlan
 * @typedef {{ label: string, n: number, size: number, beforeMB: number, afterMB: number, growthMB: number, heapAfterMB: number, logNotes: string, keptEntries: number | null, keptMB: number | null, budgetMB: number, afterClearMB: number | null, clearedGrowthMB: number | null, heapAfterClearMB: number | null, ms: number }} MemoryRow
 */

/**
 * One memory run in a fresh page of the app: resident memory before, after `n` messages (and the
 * log's own account of what it keeps), and, when asked, after `Clear log` and a GC.
 * @param {{ browser: { send(method: string, params?: object): Promise<any>, newPage(url: string): Promise<import('./cdp.js').RawPage> }, appUrl: string, url: string, plan: MemoryPlan, logBudgetBytes: number }} args
 * @returns {Promise<MemoryRow>}
 */
export async function memoryRun({ browser, appUrl, url, plan, logBudgetBytes }) {
  const page = await newAppPage(browser, appUrl);
  try {
    const pid = await rendererPid(browser, page);
    const before = await settledMemory(page, pid);
    const run = await page.evaluate(appRun, { url, n: plan.n });
    const after = await settledMemory(page, pid);
    const logNotes = await page.evaluate(logNotesText, null);
    // Every message is exactly `size` bytes, so the log's bytes are its kept entries times that.
    const kept = /of ([\d,]+) kept entries/.exec(logNotes)?.[1];
    const keptEntries = kept === undefined ? null : Number(kept.replace(/,/g, ''));
    let cleared = null;
    if (plan.clearAfter) {
      if (!(await page.evaluate(clickButton, { name: 'Clear log' }))) throw new Error('no Clear log button');
      cleared = await settledMemory(page, pid);
    }
    return {
      label: `${plan.n.toLocaleString('en-US')} x ${plan.size >= 1024 ? `${plan.size / 1024} KiB` : `${plan.size} B`} ${plan.type}`,
      n: plan.n,
      size: plan.size,
      beforeMB: before.rssMB,
      afterMB: after.rssMB,
      growthMB: after.rssMB - before.rssMB,
      heapAfterMB: after.heapMB,
      logNotes,
      keptEntries,
      keptMB: keptEntries === null ? null : Math.round((keptEntries * plan.size) / MB),
      budgetMB: Math.round(logBudgetBytes / MB),
      afterClearMB: cleared?.rssMB ?? null,
      clearedGrowthMB: cleared ? cleared.rssMB - before.rssMB : null,
      heapAfterClearMB: cleared?.heapMB ?? null,
      ms: Math.round(run.ms),
    };
  } finally {
    await page.close();
  }
}
