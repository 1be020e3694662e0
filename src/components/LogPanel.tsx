import { useCallback } from 'react';
import { formatCount } from '../format/count';
import { trimReason, type LogBounds } from '../log/trimReason';
import { clearLog, selectEntry } from '../store/connectionActions';
import { getLog } from '../store/sessionReads';
import { useSession } from '../store/appStore';
import { Alert } from './Alert';
import { Counters } from './Counters';
import { LogLimit } from './LogLimit';
import { LogList } from './LogList';
import { StatsStrip } from './StatsStrip';
import { ExportImport } from './ExportImport';
import { FilterOptions } from './FilterOptions';
import { useLogView } from './useLogView';
import type { LogFilter } from '../log/logFilter';
import { setFilter } from '../store/filterActions';
import './LogTools.css';

/** The log with its toolbar: filter and its options, counters, clear, export/import, and what the bound has dropped. */
export function LogPanel({ id }: { id: string }) {
  // Each connection (and each imported log) keeps its own filter while another is shown.
  const filter = useSession(id, (s) => s.filter);
  const changeFilter = useCallback((patch: Partial<LogFilter>) => setFilter(id, patch), [id]);
  const { view, version, error: filterError, highlight, decoder } = useLogView(id, filter);
  const log = getLog(id);
  const filtering = view !== log;
  const limitProblem = useSession(id, (s) => s.problems.log);
  const selectedSeq = useSession(id, (s) => s.selectedSeq);
  const onOpen = useCallback((seq: number) => selectEntry(id, seq), [id]);

  return (
    <section className="log-panel" aria-label="Log">
      <div className="log-toolbar">
        <input
          type="search"
          aria-label="Filter"
          className="log-toolbar__filter"
          placeholder="Filter payloads"
          value={filter.query}
          aria-invalid={filterError ? true : undefined}
          onChange={(event) => changeFilter({ query: event.target.value })}
        />
        <FilterOptions filter={filter} onChange={changeFilter} invalid={Boolean(filterError)} />
        <Counters id={id} />
        <LogLimit id={id} />
        <button type="button" className="button" onClick={() => clearLog(id)}>
          Clear log
        </button>
        <ExportImport id={id} />
      </div>
      <StatsStrip id={id} />
      <Alert message={limitProblem} />
      <Alert message={filterError} />
      <LogNotes
        shown={view.length}
        kept={log.length}
        trimmed={log.trimmed}
        trimmedForBytes={log.trimmedForBytes}
        limits={log.limit}
        filtering={filtering}
      />
      <LogList view={view} version={version} lastSeq={log.lastSeq} selectedSeq={selectedSeq} onOpen={onOpen} highlight={highlight} decoder={decoder} />
    </section>
  );
}

interface LogNotesProps {
  shown: number;
  kept: number;
  trimmed: number;
  /** How many of the trimmed entries went to stay within the byte budget. */
  trimmedForBytes: number;
  limits: LogBounds;
  filtering: boolean;
}

/** Says plainly what the log is showing: how many of the kept entries, and older entries no longer kept. */
function LogNotes({ shown, kept, trimmed, trimmedForBytes, limits, filtering }: LogNotesProps) {
  if (!filtering && trimmed === 0 && kept === 0) return null;
  return (
    <p className="log-notes">
      <span>
        Showing {formatCount(shown)} of {formatCount(kept)} kept entries{filtering ? ' (filtered)' : ''}.{' '}
      </span>
      {trimmed > 0 ? (
        <span>
          {formatCount(trimmed)} older {trimmed === 1 ? 'entry is' : 'entries are'} no longer kept ({trimReason(trimmed, trimmedForBytes, limits)}); the counters
          still count every message.
        </span>
      ) : null}
    </p>
  );
}
