import { toHex } from '../codecs/hex';
import type { EntryKind, LogEntry } from '../store/logEntry';
import { describeClose } from './entryText';

/** Bytes of a binary payload searched, as hex: what its row and details show first. */
const BINARY_SEARCH_BYTES = 4096;

/** A predicate saying whether an entry is shown by the filter. */
export type EntryMatcher = (entry: LogEntry) => boolean;

/** Which kinds of entry are shown; events are state, close, error and info entries. */
export interface KindFilter {
  sent: boolean;
  received: boolean;
  events: boolean;
}

export const ALL_KINDS: Readonly<KindFilter> = Object.freeze({ sent: true, received: true, events: true });

/** How the Filter query is read. */
export interface MatchOptions {
  /** The query is a regular expression (otherwise literal text). */
  regex?: boolean;
  /** Upper and lower case differ (otherwise they are the same). */
  matchCase?: boolean;
  /** Kinds shown; all when left out. */
  kinds?: Readonly<KindFilter>;
}

/** A compiled filter: the predicate, and the pattern rows highlight (null when there is no text query). */
export interface CompiledFilter {
  matches: EntryMatcher;
  /** Non-global, so it never carries lastIndex from one test to the next. */
  pattern: RegExp | null;
  /** True when the filter shows every entry (no query, every kind). */
  matchesAll: boolean;
}

export type CompileResult = { ok: true; value: CompiledFilter } | { ok: false; error: string };

const matchEverything: EntryMatcher = () => true;

/**
 * Builds the regular expression for a query: literal text escaped, or the user's expression.
 * NOTE: never the `g` or `y` flag: `test` on such a RegExp resumes at lastIndex, which would make
 * one entry's answer depend on the entry tested before it.
 */
export function compilePattern(query: string, options: MatchOptions = {}): { ok: true; value: RegExp } | { ok: false; error: string } {
  const flags = options.matchCase ? '' : 'i';
  if (!options.regex) return { ok: true, value: new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags) };
  try {
    // Unicode mode first, so \p{L} and astral characters work; otherwise the lenient legacy syntax
    // (where e.g. "\-" or "]" alone are allowed).
    return { ok: true, value: new RegExp(query, flags + 'u') };
  } catch {
    try {
      return { ok: true, value: new RegExp(query, flags) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `Invalid regular expression /${query}/: ${message.replace(/^Invalid regular expression: (?:\/[\s\S]*\/[a-z]*: )?/, '')}` };
    }
  }
}

/** Tests a pattern against an entry's searchable text: text payload, close description, or the hex of a binary one. */
function textMatcher(pattern: RegExp): EntryMatcher {
  return (entry) => {
    const { data } = entry;
    if (typeof data === 'string') {
      if (pattern.test(data)) return true;
      return entry.kind === 'close' && pattern.test(describeClose(entry));
    }
    return pattern.test(toHex(new Uint8Array(data, 0, Math.min(data.byteLength, BINARY_SEARCH_BYTES))));
  };
}

/**
 * Builds the matcher for a Filter query.
 * Without options: case-insensitive literal text; an empty query matches everything.
 * With options: regex or literal, case, and kinds; an invalid expression gives an error message instead.
 * Compile once per change of query or options, then call `matches` per entry: the kind is checked
 * first (a table look-up), the text only for kinds that are shown.
 */
export function createEntryMatcher(query: string): EntryMatcher;
export function createEntryMatcher(query: string, options: MatchOptions): CompileResult;
export function createEntryMatcher(query: string, options?: MatchOptions): EntryMatcher | CompileResult {
  if (options === undefined) {
    return query ? textMatcher(new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')) : matchEverything;
  }
  let pattern: RegExp | null = null;
  if (query) {
    const compiled = compilePattern(query, options);
    if (!compiled.ok) return compiled;
    pattern = compiled.value;
  }
  const kinds = options.kinds ?? ALL_KINDS;
  const allKinds = kinds.sent && kinds.received && kinds.events;
  const shown: Record<EntryKind, boolean> = {
    sent: kinds.sent,
    received: kinds.received,
    state: kinds.events,
    close: kinds.events,
    error: kinds.events,
    info: kinds.events,
  };
  let matches: EntryMatcher;
  if (pattern) {
    const text = textMatcher(pattern);
    matches = allKinds ? text : (entry) => shown[entry.kind] && text(entry);
  } else {
    matches = allKinds ? matchEverything : (entry) => shown[entry.kind];
  }
  return { ok: true, value: { matches, pattern, matchesAll: !pattern && allKinds } };
}
