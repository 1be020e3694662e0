import { toHex } from '../codecs/hex';
import type { LogEntry } from '../store/logEntry';
import { describeClose } from './entryText';

/** Bytes of a binary payload searched, as hex: what its row and details show first. */
const BINARY_SEARCH_BYTES = 4096;

/** A predicate saying whether an entry's payload contains the query (case-insensitive). */
export type EntryMatcher = (entry: LogEntry) => boolean;

/** Builds the matcher for a Filter query; an empty query matches everything. */
export function createEntryMatcher(query: string): EntryMatcher {
  if (!query) return () => true;
  // NOTE: a case-insensitive RegExp searches a 16 MiB payload without lower-casing a copy of it.
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (entry) => {
    const { data } = entry;
    if (typeof data === 'string') {
      if (pattern.test(data)) return true;
      return entry.kind === 'close' && pattern.test(describeClose(entry));
    }
    return pattern.test(toHex(new Uint8Array(data, 0, Math.min(data.byteLength, BINARY_SEARCH_BYTES))));
  };
}
