import { ok, type ParseResult } from '../codecs/result';
import { literalPattern, re2Pattern, type TextPattern } from './textPattern';
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
  /** The running protocol's decoded text of an entry (null for none): matched too. */
  decoded?: ((entry: LogEntry) => string | null) | null;
}

/** A compiled filter: the predicate, and the pattern rows highlight (null when there is no text query). */
export interface CompiledFilter {
  matches: EntryMatcher;
  pattern: TextPattern | null;
  /** True when the filter shows every entry (no query, every kind). */
  matchesAll: boolean;
}

export type CompileResult = ParseResult<CompiledFilter>;

const matchEverything: EntryMatcher = () => true;

/** Compiles a query: literal text (case-insensitive unless asked), or the user's expression on RE2. */
export function compilePattern(query: string, options: MatchOptions = {}): ParseResult<TextPattern> {
  return options.regex ? re2Pattern(query, Boolean(options.matchCase)) : ok(literalPattern(query, Boolean(options.matchCase)));
}

/** Whether the kind filter shows an entry: a protocol's housekeeping frames go with the events. */
function isShown(shown: Record<EntryKind, boolean>, entry: LogEntry): boolean {
  return entry.auto ? shown.info : shown[entry.kind];
}

/** Tests a pattern against an entry's searchable text: text payload, close description, or the hex of a binary one. */
function textMatcher(pattern: TextPattern, decoded: MatchOptions['decoded'] = null): EntryMatcher {
  return (entry) => {
    if (decoded) {
      const text = decoded(entry);
      if (text !== null && pattern.test(text)) return true;
    }
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
    return query ? textMatcher(literalPattern(query, false)) : matchEverything;
  }
  let pattern: TextPattern | null = null;
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
    handshake: kinds.events,
    ping: kinds.events,
    pong: kinds.events,
  };
  let matches: EntryMatcher;
  if (pattern) {
    const text = textMatcher(pattern, options.decoded);
    matches = allKinds ? text : (entry) => isShown(shown, entry) && text(entry);
  } else {
    matches = allKinds ? matchEverything : (entry) => isShown(shown, entry);
  }
  return { ok: true, value: { matches, pattern, matchesAll: !pattern && allKinds } };
}
