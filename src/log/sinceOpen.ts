import type { LogEntry } from '../store/logEntry';

/** What the scan needs of a log: positions of kept entries. */
export interface IndexedLog {
  indexOf(seq: number): number;
  at(i: number): LogEntry | undefined;
}

/**
 * When the connection `entry` belongs to was opened: the time of the last OPEN state entry at or
 * before it, scanning the kept log backwards; null when that OPEN is no longer kept, or a CLOSED
 * comes first (the entry was logged while closed).
 */
export function openedBefore(log: IndexedLog, entry: LogEntry): number | null {
  for (let i = log.indexOf(entry.seq); i >= 0; i--) {
    const e = log.at(i);
    if (e?.kind === 'state' && e.data === 'OPEN') return e.at;
    if (e !== entry && e?.kind === 'state' && e.data === 'CLOSED') return null;
  }
  return null;
}
