import { useEffect, useRef, useState } from 'react';
import { buildExport, closeImported, downloadExport, importLogFile } from '../export/logFile';
import { isAbortError } from '../export/readLogFile';
import { formatBytes } from '../format/bytes';
import { formatCount } from '../format/count';
import { useSession } from '../store/appStore';
import { Alert } from './Alert';
import './LogTools.css';
import { messageOf } from '../format/thrown';

/** An import under way: the file, how much of it was read, and how to stop it. */
interface Importing {
  fileName: string;
  bytesRead: number;
  totalBytes: number;
  controller: AbortController;
}

/** Export log (JSON Lines download), Include secrets in export, and Import log (reads a file, with progress, read-only). */
export function ExportImport({ id }: { id: string }) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState<Importing | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);

  // Leaving the panel (closing its tab) cancels the import it started.
  useEffect(() => () => controller.current?.abort(), []);

  const onExport = () => {
    setProblem(null);
    try {
      downloadExport(buildExport(id, includeSecrets));
    } catch (error) {
      setProblem(`Export failed: ${messageOf(error)}`);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setProblem(null);
    setImporting({ fileName: file.name, bytesRead: 0, totalBytes: file.size, controller: own });
    try {
      await importLogFile(file, {
        signal: own.signal,
        onProgress: (bytesRead, totalBytes) => {
          if (!own.signal.aborted) setImporting({ fileName: file.name, bytesRead, totalBytes, controller: own });
        },
      });
    } catch (error) {
      if (!isAbortError(error)) setProblem(`Not imported: ${file.name}: ${messageOf(error)}`);
    } finally {
      if (controller.current === own) {
        controller.current = null;
        setImporting(null);
      }
    }
  };

  return (
    <div className="export-import">
      <button type="button" className="button" onClick={onExport} title="Download the kept log as JSON Lines">
        Export log
      </button>
      <label className="filter-toggle" title="Keep tokens, keys and passwords in the exported URLs (they are redacted otherwise)">
        <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} />
        <span>Include secrets in export</span>
      </label>
      <button
        type="button"
        className="button"
        onClick={() => fileInput.current?.click()}
        disabled={importing !== null}
        title="Open an exported log (read-only)"
      >
        Import log
      </button>
      {importing ? <ImportProgress importing={importing} /> : null}
      <input
        ref={fileInput}
        type="file"
        accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
        className="export-import__file"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-log-file"
        onChange={(event) => {
          const input = event.currentTarget;
          void onFile(input.files?.[0]).finally(() => {
            input.value = '';
          });
        }}
      />
      <Alert message={problem} />
    </div>
  );
}

/** The progress bar of an import under way, and the way to stop it. */
function ImportProgress({ importing }: { importing: Importing }) {
  const { fileName, bytesRead, totalBytes, controller } = importing;
  const percent = totalBytes > 0 ? Math.floor((100 * bytesRead) / totalBytes) : 0;
  return (
    <span className="import-progress">
      <progress aria-label="Import progress" max={Math.max(totalBytes, 1)} value={Math.min(bytesRead, totalBytes)} />
      <span className="import-progress__text" aria-live="polite">
        Reading {fileName}: {percent}% of {formatBytes(totalBytes)}
      </span>
      <button type="button" className="button" onClick={() => controller.abort()}>
        Cancel import
      </button>
    </span>
  );
}

/** Shown while an imported log is active: what was read, its problems, and the way back. */
export function ImportBanner({ id }: { id: string }) {
  const imported = useSession(id, (s) => s.imported);
  if (!imported) return null;
  const { fileName, entries, problems, unreadLines, endpoint, subprotocol, extensions } = imported;
  const more = unreadLines - problems.length;
  return (
    <section className="import-banner" aria-label="Imported log">
      <p className="import-banner__text">
        <strong>Imported log: {fileName}</strong> (read-only) — {formatCount(entries)} {entries === 1 ? 'entry' : 'entries'},{' '}
        {formatCount(unreadLines)} {unreadLines === 1 ? 'problem' : 'problems'}
        {endpoint || subprotocol || extensions ? (
          <span className="import-banner__meta">
            {' · '}
            {endpoint || 'no endpoint'}
            {subprotocol ? ` · subprotocol ${subprotocol}` : ''}
            {extensions ? ` · ${extensions}` : ''}
          </span>
        ) : null}
      </p>
      <button type="button" className="button" onClick={() => closeImported(id)}>
        Back to live connection
      </button>
      <Alert
        message={
          unreadLines
            ? `Some lines of ${fileName} could not be read; the rest was imported:\n${problems.join('\n')}${more > 0 ? `\n…and ${formatCount(more)} more ${more === 1 ? 'line' : 'lines'} could not be read` : ''}`
            : null
        }
      />
    </section>
  );
}
