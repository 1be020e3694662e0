import { useCallback, useState } from 'react';
import { formatCount } from '../format/count';
import { clearLog, selectEntry } from '../store/connectionActions';
import { getLog } from '../store/sessionRuntime';
import { useSession } from '../store/appStore';
import { Alert } from './Alert';
import { Counters } from './Counters';
import { LogLimit } from './LogLimit';
import { LogList } from './LogList';
import { useLogView } from './useLogView';

/** The log with its toolbar: filter, counters, clear, and what the bound has dropped. */
export function LogPanel({ id }: { id: string }) {
  const [query, setQuery] = useState('');
  const { view, version } = useLogView(id, query);
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
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Counters id={id} />
        <LogLimit id={id} />
        <button type="button" className="button" onClick={() => clearLog(id)}>
          Clear log
        </button>
      </div>
      <Alert message={limitProblem} />
      <LogNotes shown={view.length} kept={log.length} trimmed={log.trimmed} maxEntries={log.limit.maxEntries} filtering={filtering} />
      <LogList view={view} version={version} lastSeq={log.lastSeq} selectedSeq={selectedSeq} onOpen={onOpen} />
    </section>
  );
}

interface LogNotesProps {
  shown: number;
  kept: number;
  trimmed: number;
  maxEntries: number;
  filtering: boolean;
}

/** Says plainly what the log is showing: filtered counts, and older entries no longer kept. */
function LogNotes({ shown, kept, trimmed, maxEntries, filtering }: LogNotesProps) {
  if (!filtering && trimmed === 0) return null;
  return (
    <p className="log-notes">
      {filtering ? <span>Showing {formatCount(shown)} of {formatCount(kept)} kept entries. </span> : null}
      {trimmed > 0 ? (
        <span>
          {formatCount(trimmed)} older {trimmed === 1 ? 'entry is' : 'entries are'} no longer kept (the log keeps the newest {formatCount(maxEntries)}
          ); the counters still count every message.
        </span>
      ) : null}
    </p>
  );
}
