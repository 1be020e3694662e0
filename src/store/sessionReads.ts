import { LogBuffer } from '../session/logBuffer';
import { findSession } from '../session/registry';
import { snapshotStats, type StatsSnapshot } from '../session/stats';

export type { StatsSnapshot };

/** What a component shows for a connection that is gone (a tab being closed): an empty log. */
const NO_LOG = new LogBuffer();

/**
 * The kept log of connection `id`, read-only by convention: rows read entries from it, and only
 * the session writes to it. Components read the session through this module, never directly.
 */
export function getLog(id: string): LogBuffer {
  return findSession(id)?.log ?? NO_LOG;
}

/** The live statistics of connection `id` at `nowMs`, null when the connection is gone. */
export function readStats(id: string, nowMs: number = Date.now()): StatsSnapshot | null {
  const session = findSession(id);
  return session ? snapshotStats(session.stats, nowMs) : null;
}
