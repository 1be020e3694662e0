import { useEffect, useMemo, useState } from 'react';
import { createEntryMatcher } from '../log/entryMatcher';
import { FilteredLog, type LogView } from '../log/filteredLog';
import { getLog } from '../store/sessionRuntime';
import { useSession } from '../store/appStore';

/** Delay between the last keystroke in Filter and filtering, so typing never waits for the log. */
export const FILTER_DEBOUNCE_MS = 60;

/** The entries to show for a connection: the whole kept log, or those matching the filter. */
export function useLogView(id: string, query: string): { view: LogView; version: number } {
  const version = useSession(id, (s) => s.logVersion);
  const [applied, setApplied] = useState(query);
  useEffect(() => {
    if (query === applied) return;
    const timer = setTimeout(() => setApplied(query), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, applied]);

  const log = getLog(id);
  const filtered = useMemo(() => (applied ? new FilteredLog(log, createEntryMatcher(applied)) : null), [log, applied]);
  // Catching up is incremental, so doing it during render costs only the new entries.
  const view = filtered ? filtered.update() : log;
  return { view, version };
}
