import { downloadBlob } from '../files/fileIO';
/** Exporting a connection's kept log to a JSON Lines file, and opening such a file as a read-only log. */
import { DEFAULT_LOG_LIMITS } from '../session/logBuffer';
import type { LogEntry } from '../store/logEntry';
import { addSession, getSession, removeSession, useAppStore } from '../store/appStore';
import { findSession } from '../session/registry';
import { getLog } from '../store/sessionReads';
import { createSessionState, ZERO_COUNTERS } from '../store/sessionState';
import { exportLines, parseLines, type LineProblem } from './jsonl';

/** The exported file: its suggested name and its lines. */
export interface ExportedLog {
  fileName: string;
  lines: string[];
}

function* keptEntries(id: string): Generator<LogEntry> {
  const log = getLog(id);
  for (let i = 0; i < log.length; i++) {
    const entry = log.at(i);
    if (entry) yield entry;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A file name such as ws-log-echo.example.com-20250101-120000.jsonl. */
export function exportFileName(endpoint: string, now = new Date()): string {
  let host = 'log';
  try {
    host = new URL(endpoint).hostname || 'log';
  } catch {
    // not a URL (empty, or the simulator): keep "log"
  }
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `ws-log-${host.replace(/[^a-z0-9.-]/gi, '_')}-${stamp}.jsonl`;
}

/** The kept log of a connection as JSON Lines; secrets in URLs are redacted unless `includeSecrets`. */
export function buildExport(id: string, includeSecrets: boolean, now = Date.now()): ExportedLog {
  const session = getSession(id);
  const live = findSession(id);
  const endpoint = session?.openedUrl ?? session?.drafts.url ?? '';
  const lines = exportLines(
    {
      endpoint,
      subprotocol: session?.negotiated?.protocol ?? '',
      extensions: session?.negotiated?.extensions ?? '',
      counters: { ...(live?.counters ?? ZERO_COUNTERS) },
      trimmed: live?.log.trimmed ?? 0,
      exportedAt: now,
    },
    keptEntries(id),
    { includeSecrets },
  );
  return { fileName: exportFileName(endpoint, new Date(now)), lines };
}

/** Offers the exported log as a download. */
export function downloadExport(exported: ExportedLog): void {
  const blob = new Blob(
    exported.lines.map((line) => line + '\n'),
    { type: 'application/x-ndjson' },
  );
  downloadBlob(blob, exported.fileName);
}

let imports = 0;

/** "line 3: not valid JSON (...)" for each problem. */
export function describeProblems(problems: readonly LineProblem[]): string[] {
  return problems.map((p) => `line ${p.line}: ${p.message}`);
}

/**
 * Opens a file's text as a new read-only connection slice and shows it.
 * Returns the new slice's id; the previously shown connection is remembered for `closeImported`.
 */
export function importLog(fileName: string, text: string): string {
  const { header, entries, problems } = parseLines(text);
  const state = useAppStore.getState();
  const current = state.sessions[state.activeId];
  const returnTo = current?.imported ? current.imported.returnTo : state.activeId;
  let id: string;
  do id = `import-${++imports}`;
  while (state.sessions[id]);

  const counters = header.counters ?? {
    ...ZERO_COUNTERS,
    sent: entries.filter((e) => e.kind === 'sent').length,
    received: entries.filter((e) => e.kind === 'received').length,
    bytesSent: entries.reduce((sum, e) => sum + (e.kind === 'sent' ? e.size : 0), 0),
    bytesReceived: entries.reduce((sum, e) => sum + (e.kind === 'received' ? e.size : 0), 0),
  };
  const lastClose = [...entries].reverse().find((e) => e.close)?.close ?? null;

  const slice = createSessionState(id, { url: header.endpoint });
  addSession({
    ...slice,
    readOnly: true,
    imported: {
      fileName, entries: entries.length, problems: describeProblems(problems), returnTo,
      endpoint: header.endpoint, subprotocol: header.subprotocol, extensions: header.extensions,
    },
    openedUrl: header.endpoint || null,
    lastClose,
    counters: { ...counters },
  });
  // The read-only tab's session holds the entries (it never opens a socket).
  const session = findSession(id)!;
  // Keep every imported entry (up to the largest limit the log offers).
  const bytes = entries.reduce((sum, e) => sum + e.size, 0);
  session.log.setLimits({
    maxEntries: Math.max(DEFAULT_LOG_LIMITS.maxEntries, Math.min(entries.length, 1_000_000)),
    maxBytes: Math.max(DEFAULT_LOG_LIMITS.maxBytes, bytes),
  });
  for (const entry of entries) session.log.push(entry);
  Object.assign(session.counters, counters);
  session.bumpLog();
  session.flush();
  // An import from inside an imported view replaces it.
  if (current?.imported) closeImported(current.id, false);
  return id;
}

/** Leaves an imported log: forgets it and shows the connection that was active before. */
export function closeImported(id: string, goBack = true): void {
  const session = getSession(id);
  if (!session?.imported) return;
  const next = goBack ? session.imported.returnTo : useAppStore.getState().activeId;
  removeSession(id, next);
}
