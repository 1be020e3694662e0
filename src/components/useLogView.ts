import { useEffect, useMemo, useState } from 'react';
import { createEntryMatcher, type CompiledFilter } from '../log/entryMatcher';
import type { LogFilter } from '../log/logFilter';
import { FilteredLog, type LogView } from '../log/filteredLog';
import { getLog } from '../store/sessionReads';
import { useSession } from '../store/appStore';
import type { TextPattern } from '../log/textPattern';
import { useDecoder, type EntryDecoder } from './useDecoder';
import type { DecodedFrame } from '../protocol/sessions/types';

/** Delay between the last keystroke in Filter and filtering, so typing never waits for the log. */
export const FILTER_DEBOUNCE_MS = 60;

const SHOW_ALL: CompiledFilter = { matches: () => true, pattern: null, matchesAll: true };

export interface LogViewResult {
  view: LogView;
  version: number;
  /** Why the query could not be used (an invalid expression); the previous valid filter still applies. */
  error: string | null;
  /** What rows highlight, or null. */
  highlight: TextPattern | null;
  /** The running protocol's decoder for rows, or null in Raw. */
  decoder: EntryDecoder | null;
}

/** What Filter matches of a decoded frame: its summary, or its parse error. */
function decodedText(decoded: DecodedFrame | null): string | null {
  return decoded === null ? null : decoded.error ?? decoded.summary;
}

/**
 * The entries to show for a connection: the whole kept log, or those the filter lets through.
 * The query is applied a moment after the last keystroke; the checkboxes at once. The matcher is
 * compiled once per change, and the filtered view then only tests entries it has not seen.
 */
export function useLogView(id: string, filter: LogFilter): LogViewResult {
  const version = useSession(id, (s) => s.logVersion);
  const { query, regex, matchCase } = filter;
  const { sent, received, events } = filter.kinds;
  const [applied, setApplied] = useState(query);
  useEffect(() => {
    if (query === applied) return;
    const timer = setTimeout(() => setApplied(query), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, applied]);

  // With a protocol running, Filter matches the decoded text too (decoded once per entry, memoised).
  const decoder = useDecoder(id);
  const compiled = useMemo(
    () =>
      createEntryMatcher(applied, {
        regex,
        matchCase,
        kinds: { sent, received, events },
        decoded: decoder ? (entry) => decodedText(decoder(entry)) : null,
      }),
    [applied, regex, matchCase, sent, received, events, decoder],
  );
  // The last filter that compiled: an invalid expression leaves the log as it was.
  const [lastGood, setLastGood] = useState<CompiledFilter>(SHOW_ALL);
  if (compiled.ok && compiled.value !== lastGood) setLastGood(compiled.value);
  const active = compiled.ok ? compiled.value : lastGood;

  const log = getLog(id);
  const filtered = useMemo(() => (active.matchesAll ? null : new FilteredLog(log, active.matches)), [log, active]);
  // Catching up is incremental, so doing it during render costs only the new entries.
  const view = filtered ? filtered.update() : log;
  return { view, version, error: compiled.ok ? null : compiled.error, highlight: active.pattern, decoder };
}
