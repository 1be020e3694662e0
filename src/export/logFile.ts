import { downloadBlob } from '../files/fileIO';
/** Exporting a connection's kept log to a JSON Lines file, and opening such a file as a read-only log. */
import type { LogEntry } from '../store/logEntry';
import { addSession, getSession, patchSession, removeSession, useAppStore } from '../store/appStore';
import { findSession } from '../session/registry';
import { getLog } from '../store/sessionReads';
import { createSessionState, ZERO_COUNTERS } from '../store/sessionState';
import { loadProtocol } from '../protocol/sessions/loader';
import { PROTOCOL_IDS, protocolLabel, type ProtocolId } from '../protocol/sessions/types';

import { exportLines } from './jsonl';
import type { LineProblem } from './lineReader';
import { readLogFile, type ReadLog, type ReadLogOptions } from './readLogFile';

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
      sessionProtocol: session?.protocol?.id ?? '',
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
 * Reads a picked file incrementally and, once it is all read, opens it as a new read-only
 * connection and shows it; returns that connection's id. Cancelling (`signal`) rejects with an
 * AbortError and leaves the app as it was. The log keeps as many entries as the shown
 * connection's log would.
 */
export async function importLogFile(file: File, options: Omit<ReadLogOptions, 'limits'> = {}): Promise<string> {
  const limits = getLog(useAppStore.getState().activeId).limit;
  const read = await readLogFile(file, { ...options, limits });
  options.signal?.throwIfAborted();
  return openImportedLog(file.name, read);
}

/** Shows what readLogFile read as a new read-only connection; the shown one is remembered for `closeImported`. */
export function openImportedLog(fileName: string, { reader, log }: ReadLog): string {
  const { header } = reader;
  const state = useAppStore.getState();
  const current = state.sessions[state.activeId];
  const returnTo = current?.imported ? current.imported.returnTo : state.activeId;
  let id: string;
  do id = `import-${++imports}`;
  while (state.sessions[id]);

  const slice = createSessionState(id, { url: header.endpoint });
  addSession({
    ...slice,
    readOnly: true,
    imported: {
      fileName, entries: log.length, problems: describeProblems(reader.problems), unreadLines: reader.problemCount, returnTo,
      endpoint: header.endpoint, subprotocol: header.subprotocol, extensions: header.extensions,
    },
    openedUrl: header.endpoint || null,
    lastClose: reader.lastClose,
    // NOTE: counted from the entries read, never taken from the header: the file is not trusted.
    counters: { ...reader.counters },
  });
  // The read-only tab's session holds the entries (it never opens a socket).
  const session = findSession(id)!;
  session.log.setLimits(log.limit);
  for (let i = 0; i < log.length; i++) session.log.push(log.at(i)!);
  session.log.trimmed = log.trimmed;
  Object.assign(session.counters, reader.counters);
  session.bumpLog();
  session.flush();
  decodeImportedAs(id, header.sessionProtocol, header.endpoint, header.subprotocol);
  // An import from inside an imported view replaces it.
  if (current?.imported) closeImported(current.id, false);
  return id;
}

/** Decodes an imported log with the protocol its header names (once that protocol's module is loaded). */
function decodeImportedAs(id: string, name: string, url: string, subprotocol: string): void {
  if (!(PROTOCOL_IDS as readonly string[]).includes(name)) return;
  const protocolId = name as ProtocolId;
  void loadProtocol(protocolId).then((module) => {
    if (!module || !getSession(id)) return;
    patchSession(id, () => ({ protocol: { id: protocolId, label: protocolLabel(protocolId), reason: 'from the exported log', operations: [], url, subprotocol } }));
  });
}

/** Leaves an imported log: forgets it and shows the connection that was active before. */
export function closeImported(id: string, goBack = true): void {
  const session = getSession(id);
  if (!session?.imported) return;
  const next = goBack ? session.imported.returnTo : useAppStore.getState().activeId;
  removeSession(id, next);
}
