// @ts-check
/**
 * Where the app spends the main thread during one firehose: a CPU profile (the DevTools Profiler
 * domain, sampling every 100 µs) of the built app receiving `n` messages, summed by function
 * (self time), the top entries printed. Rendering that JS forces (a layout read in a script) is
 * counted in that script's self time; the rest of rendering shows as "(program)".
 * Usage: node bench/profile.js [--type text|json|binary] [--size BYTES] [--n COUNT] [--top 25] [--bare] [--trace] [--dist dist] [--save file.cpuprofile]
 * `--trace` records a trace instead and sums the main thread's time by trace event (self time).
 * Build without minifying for readable names: npx vite build --minify false --outDir .scratch/dist-profile
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../server/serve.js';
import { launchRaw } from './cdp.js';
import { appRun, bareFirehose } from './inPage.js';
import { firehoseUrl } from './matrix.js';
import { withAppPage, withPage } from './withPage.js';

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number }, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], startTime: number, endTime: number, samples: number[], timeDeltas: number[] }} CpuProfile
 * @typedef {{ name: string, where: string, selfMs: number, share: number }} SelfTime
 */

/**
 * Self time per function (name and place), largest first, from a DevTools CPU profile.
 * @param {CpuProfile} profile
 * @returns {{ totalMs: number, entries: SelfTime[] }}
 */
export function selfTimes(profile) {
  /** @type {Map<number, ProfileNode>} */
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<string, { name: string, where: string, us: number }>} */
  const sums = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // NOTE: a sample's time is the gap to the next one (the first delta is from the start).
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame || us <= 0) return;
    const file = frame.url.replace(/^.*\//, '');
    const where = file ? `${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
    const name = frame.functionName || (file ? '(anonymous)' : '(root)');
    const key = `${name} ${where}`;
    const sum = sums.get(key) ?? { name, where, us: 0 };
    sum.us += us;
    sums.set(key, sum);
    if (name !== '(idle)') total += us;
  });
  const entries = [...sums.values()]
    .sort((a, b) => b.us - a.us)
    .map(({ name, where, us }) => ({ name, where, selfMs: Math.round(us / 100) / 10, share: total ? Math.round((us / total) * 1000) / 10 : 0 }));
  return { totalMs: Math.round(total / 1000), entries };
}

/**
 * Profiles the app page receiving one firehose.
 * @param {{ browser: Awaited<ReturnType<typeof launchRaw>>, appUrl: string, url: string, n: number, bare?: string }} args (`bare`: a page to run the bare firehose in instead of the app)
 */
export async function profileRun({ browser, appUrl, url, n, bare = '' }) {
  return (bare ? withPage : withAppPage)(browser, bare || appUrl, async (page) => {
    await page.send('Profiler.enable');
    await page.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.send('Profiler.start');
    const run = bare ? { ...(await page.evaluate(bareFirehose, { url, n })), keyLatenciesMs: [] } : await page.evaluate(appRun, { url, n });
    const { profile } = await page.send('Profiler.stop');
    return { run, profile: /** @type {CpuProfile} */ (profile) };
  });
}

/**
 * @typedef {{ name: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }} TraceEvent
 */

/**
 * Self time per trace event name on the page's main thread (the renderer thread with most events),
 * largest first: where the main thread goes beyond script (style, layout, paint, message dispatch).
 * @param {TraceEvent[]} events
 */
export function mainThreadSelfTimes(events) {
  /** @type {Map<string, number>} */
  const perThread = new Map();
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  for (const e of events) if (e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const spans = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {{ name: string, end: number, child: number, dur: number }[]} */
  const stack = [];
  const pop = () => {
    const top = /** @type {(typeof stack)[number]} */ (stack.pop());
    self.set(top.name, (self.get(top.name) ?? 0) + top.dur - top.child);
  };
  for (const e of spans) {
    while (stack.length && /** @type {(typeof stack)[number]} */ (stack.at(-1)).end <= e.ts) pop();
    const parent = stack.at(-1);
    const dur = Math.min(e.dur ?? 0, parent ? parent.end - e.ts : Infinity);
    if (parent) parent.child += dur;
    stack.push({ name: e.name, end: e.ts + dur, child: 0, dur });
  }
  while (stack.length) pop();
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    busyMs: Math.round(total / 1000),
    entries: [...self].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, share: total ? Math.round((us / total) * 1000) / 10 : 0 })),
  };
}

/**
 * Traces the page receiving one firehose (devtools.timeline categories).
 * @param {{ browser: Awaited<ReturnType<typeof launchRaw>>, appUrl: string, url: string, n: number, bare?: string }} args
 */
export async function traceRun({ browser, appUrl, url, n, bare = '' }) {
  return (bare ? withPage : withAppPage)(browser, bare || appUrl, async (page) => {
    /** @type {TraceEvent[]} */
    const events = [];
    page.on('Tracing.dataCollected', (params) => events.push(...params.value));
    const complete = new Promise((resolve) => page.on('Tracing.tracingComplete', resolve));
    await page.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel', transferMode: 'ReportEvents' });
    const run = bare ? { ...(await page.evaluate(bareFirehose, { url, n })), keyLatenciesMs: [] } : await page.evaluate(appRun, { url, n });
    await page.send('Tracing.end');
    await complete;
    return { run, events };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const flag = (/** @type {string} */ name, /** @type {string} */ fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const type = /** @type {'text' | 'json' | 'binary'} */ (flag('type', 'text'));
  const size = Number(flag('size', '4096'));
  const n = Number(flag('n', '20000'));
  const top = Number(flag('top', '25'));
  const save = flag('save', '');
  const server = await startServer({ root: resolve(flag('dist', 'dist')), base: '/app/' });
  const browser = await launchRaw(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']);
  try {
    const url = firehoseUrl(server.origin.replace(/^http/, 'ws'), { type, size, n });
    const bare = args.includes('--bare') ? `${server.origin}/bare-page` : '';
    if (args.includes('--trace')) {
      const { run, events } = await traceRun({ browser, appUrl: server.url, url, n, bare });
      const { busyMs, entries } = mainThreadSelfTimes(events);
      console.log(`${type} ${size} B x ${n}: ${bare ? 'bare page' : 'app'} ${Math.round(n / (run.ms / 1000))} msg/s (traced) in ${Math.round(run.ms)} ms; main thread busy ${busyMs} ms`);
      console.log('| self ms | share | trace event |\n|---|---|---|');
      for (const e of entries.slice(0, top)) console.log(`| ${e.selfMs} | ${e.share}% | ${e.name} |`);
    } else {
      const { run, profile } = await profileRun({ browser, appUrl: server.url, url, n, bare });
      if (save) await writeFile(save, JSON.stringify(profile));
      const { totalMs, entries } = selfTimes(profile);
      console.log(`${type} ${size} B x ${n}: ${bare ? 'bare page' : 'app'} ${Math.round(n / (run.ms / 1000))} msg/s (profiled), longest task ${Math.round(run.longestTaskMs)} ms; ${totalMs} ms sampled (not idle)`);
      console.log('| self ms | share | function | where |\n|---|---|---|---|');
      for (const e of entries.slice(0, top)) console.log(`| ${e.selfMs} | ${e.share}% | ${e.name} | ${e.where} |`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
