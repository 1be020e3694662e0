// @ts-check
/**
 * CPU time the browser's processes have used, from /proc: on a busy shared machine, CPU time per
 * message varies far less than messages per second, so it tells whether a change saved work.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU ms (user + system) used so far by `rootPid` and every process below it, summed by Chromium
 * process type (`browser`, `renderer`, `gpu-process`, `utility`, …).
 * @param {number} rootPid
 * @returns {Promise<Record<string, number>>}
 */
export async function cpuByType(rootPid) {
  /** @type {Map<number, { ppid: number, ms: number }>} */
  const all = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 13) continue;
    all.set(Number(name), { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND });
  }
  /** @type {Record<string, number>} */
  const byType = {};
  const inTree = (/** @type {number} */ pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = all.get(p)?.ppid ?? 0, hops++) if (p === rootPid) return true;
    return false;
  };
  for (const [pid, { ms }] of all) {
    if (!inTree(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? (pid === rootPid ? 'browser' : 'other');
    byType[type] = (byType[type] ?? 0) + ms;
  }
  return byType;
}

/** What each process type used between two readings of cpuByType, in ms. */
export function cpuDelta(/** @type {Record<string, number>} */ before, /** @type {Record<string, number>} */ after) {
  /** @type {Record<string, number>} */
  const delta = {};
  for (const [type, ms] of Object.entries(after)) delta[type] = Math.max(0, ms - (before[type] ?? 0));
  return delta;
}
