import { formatBytes } from '../format/bytes';
import { formatCount } from '../format/count';

/** The bounds of the kept log: newest entries, and bytes of payload. */
export interface LogBounds {
  maxEntries: number;
  maxBytes: number;
}

/**
 * Why older entries are no longer kept, in words: the entry count, the byte budget of payloads,
 * or both, as `trimmedForBytes` of the `trimmed` entries went for the budget.
 */
export function trimReason(trimmed: number, trimmedForBytes: number, { maxEntries, maxBytes }: LogBounds): string {
  const byCount = trimmedForBytes < trimmed;
  const byBytes = trimmedForBytes > 0;
  const newest = `the newest ${formatCount(maxEntries)}`;
  const budget = `at most ${formatBytes(maxBytes)} of payloads`;
  if (byCount && byBytes) return `the log keeps ${newest} and ${budget}`;
  return `the log keeps ${byBytes ? budget : newest}`;
}
