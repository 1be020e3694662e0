import { describe, expect, it } from 'vitest';
import { openedBefore } from '../../src/log/sinceOpen';
import type { LogEntry } from '../../src/store/logEntry';

const log = (...items: [number, LogEntry['kind'], string][]) => {
  const entries: LogEntry[] = items.map(([at, kind, data], i) => ({ seq: i + 1, at, kind, data, size: 0, close: null, format: null }));
  return { entries, view: { indexOf: (seq: number) => entries.findIndex((e) => e.seq === seq), at: (i: number) => entries[i] } };
};

describe('openedBefore', () => {
  it('finds the last OPEN before the entry, not an earlier connection', () => {
    const { entries, view } = log([0, 'state', 'OPEN'], [5, 'received', 'a'], [6, 'state', 'CLOSED'], [100, 'state', 'OPEN'], [130, 'received', 'b']);
    expect(openedBefore(view, entries[4]!)).toBe(100);
    expect(openedBefore(view, entries[1]!)).toBe(0);
  });

  it('an OPEN entry is its own start; an entry logged while closed has none', () => {
    const { entries, view } = log([0, 'state', 'OPEN'], [6, 'state', 'CLOSED'], [7, 'info', 'note']);
    expect(openedBefore(view, entries[0]!)).toBe(0);
    expect(openedBefore(view, entries[2]!)).toBeNull();
    expect(openedBefore(view, entries[1]!)).toBe(0);
  });

  it('null when the OPEN is no longer kept or the entry is not in the log', () => {
    const { entries, view } = log([5, 'received', 'orphan']);
    expect(openedBefore(view, entries[0]!)).toBeNull();
    expect(openedBefore(view, { ...entries[0]!, seq: 99 })).toBeNull();
  });
});
