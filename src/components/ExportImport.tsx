import { useRef, useState } from 'react';
import { buildExport, closeImported, downloadExport, importLog } from '../export/logFile';
import { formatCount } from '../format/count';
import { useSession } from '../store/appStore';
import { Alert } from './Alert';
import { readFileText } from '../files/fileIO';
import './LogTools.css';

/** Largest file Import log reads (the log itself is bounded far below this). */
const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Export log (JSON Lines download), Include secrets in export, and Import log (opens a file read-only). */
export function ExportImport({ id }: { id: string }) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onExport = () => {
    setProblem(null);
    try {
      downloadExport(buildExport(id, includeSecrets));
    } catch (error) {
      setProblem(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem(`Not imported: ${file.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
      return;
    }
    try {
      importLog(file.name, await readFileText(file));
    } catch (error) {
      setProblem(`Not imported: ${error instanceof Error ? error.message : String(error)}`);
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
      <button type="button" className="button" onClick={() => fileInput.current?.click()} title="Open an exported log (read-only)">
        Import log
      </button>
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

/** Shown while an imported log is active: what was read, its problems, and the way back. */
export function ImportBanner({ id }: { id: string }) {
  const imported = useSession(id, (s) => s.imported);
  if (!imported) return null;
  const { fileName, entries, problems, endpoint, subprotocol, extensions } = imported;
  return (
    <section className="import-banner" aria-label="Imported log">
      <p className="import-banner__text">
        <strong>Imported log: {fileName}</strong> (read-only) — {formatCount(entries)} {entries === 1 ? 'entry' : 'entries'},{' '}
        {formatCount(problems.length)} {problems.length === 1 ? 'problem' : 'problems'}
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
          problems.length
            ? `Some lines of ${fileName} could not be read; the rest was imported:\n${problems.slice(0, 50).join('\n')}${problems.length > 50 ? `\n… and ${formatCount(problems.length - 50)} more` : ''}`
            : null
        }
      />
    </section>
  );
}
