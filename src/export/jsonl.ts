/**
 * The exported log as JSON Lines: a header line, then one entry a line.
 *
 *   {"format":"ws-tester-log","version":1,"exportedAt":"…","endpoint":"wss://…","subprotocol":"chat",…}
 *   {"time":"2025-01-01T12:00:00.000Z","kind":"sent","direction":"out","size":5,"opcode":"text","payload":"hello","format":"text"}
 *   {"time":"…","kind":"received","direction":"in","size":4,"opcode":"binary","payloadBase64":"3q2+7w=="}
 *   {"time":"…","kind":"close","direction":null,"size":0,"opcode":null,"payload":"bye","close":{"code":1000,"reason":"bye","clean":true}}
 *
 * Pure: no store, no DOM. Reading (lineReader.ts, with the line schemas of logLine.ts) is
 * lenient with older files, range-checks everything, and reports a bad line by its number while
 * the rest is still read.
 */
import { toBase64 } from '../codecs/base64';
import type { EntryKind, LogEntry, MessageFormat } from '../store/logEntry';
import type { Counters } from '../store/sessionState';
import { LogLineReader, type LineProblem } from './lineReader';
import { LOG_FORMAT, LOG_VERSION, type ImportedEntry, type ParsedHeader } from './logLine';
import { redactProtocols, redactText, redactUrl } from './redact';
import { redactHeaders } from '../agent/headers';
import { redactSentFrame } from './redactFrame';

export { LOG_FORMAT, LOG_VERSION };
export type { ImportedEntry, LineProblem, ParsedHeader };

/** What the header line says about the connection the log came from. */
export interface LogHeaderInput {
  endpoint: string;
  subprotocol: string;
  extensions: string;
  /** The protocol spoken on top (`socketio`, `graphql`, …), '' for Raw: an import decodes the same way. */
  sessionProtocol?: string;
  counters: Counters;
  /** Entries no longer kept when the log was exported. */
  trimmed?: number;
  /** When the export was made (defaults to now). */
  exportedAt?: number;
}

/** The header line as written. */
export interface LogHeaderLine {
  format: typeof LOG_FORMAT;
  version: number;
  exportedAt: string;
  endpoint: string;
  subprotocol: string;
  extensions: string;
  /** Written only when a protocol was spoken on top. */
  sessionProtocol?: string;
  counters: Counters;
  entries: number;
  trimmed: number;
  secrets: 'redacted' | 'included';
}

/** One entry line as written. */
export interface LogEntryLine {
  time: string;
  kind: EntryKind;
  direction: 'out' | 'in' | null;
  size: number;
  opcode: 'text' | 'binary' | null;
  payload?: string;
  payloadBase64?: string;
  format?: MessageFormat;
  close?: { code: number; reason: string; clean: boolean };
}

type EntryLike = Omit<LogEntry, 'seq'> & { seq?: number };

export interface ExportOptions {
  /** Keep tokens and passwords in URLs (off by default: they are redacted). */
  includeSecrets?: boolean;
  /** The protocol spoken on top: its credential-carrying greeting (auth, connection payload) is redacted. */
  sessionProtocol?: string;
}

const EVENT_KINDS: ReadonlySet<EntryKind> = new Set(['state', 'close', 'error', 'info', 'handshake', 'ping', 'pong']);

/** One entry as its line's object. */
export function entryToLine(entry: EntryLike, options: ExportOptions = {}): LogEntryLine {
  const isMessage = entry.kind === 'sent' || entry.kind === 'received';
  const binary = typeof entry.data !== 'string';
  const line: LogEntryLine = {
    time: new Date(entry.at).toISOString(),
    kind: entry.kind,
    direction: entry.kind === 'sent' ? 'out' : entry.kind === 'received' ? 'in' : null,
    size: entry.size,
    opcode: isMessage ? (binary ? 'binary' : 'text') : null,
  };
  if (typeof entry.data === 'string') {
    // Event texts ("Connecting to wss://…?token=…") may carry the URL; message payloads are the user's data.
    line.payload = EVENT_KINDS.has(entry.kind)
      ? redactText(entry.kind === 'handshake' && !options.includeSecrets ? redactHeaders(entry.data) : entry.data, options.includeSecrets)
      : entry.kind === 'sent' && !options.includeSecrets && options.sessionProtocol
        ? redactSentFrame(entry.data, options.sessionProtocol)
        : entry.data;
  } else {
    line.payloadBase64 = toBase64(new Uint8Array(entry.data));
  }
  if (entry.format) line.format = entry.format;
  if (entry.close) line.close = { code: entry.close.code, reason: entry.close.reason, clean: entry.close.wasClean };
  return line;
}

/** The header line's object. */
export function headerToLine(header: LogHeaderInput, entries: number, options: ExportOptions = {}): LogHeaderLine {
  return {
    format: LOG_FORMAT,
    version: LOG_VERSION,
    exportedAt: new Date(header.exportedAt ?? Date.now()).toISOString(),
    endpoint: redactUrl(header.endpoint, options.includeSecrets),
    subprotocol: redactProtocols(header.subprotocol, options.includeSecrets),
    extensions: header.extensions,
    ...(header.sessionProtocol ? { sessionProtocol: header.sessionProtocol } : {}),
    counters: { ...header.counters },
    entries,
    trimmed: header.trimmed ?? 0,
    secrets: options.includeSecrets ? 'included' : 'redacted',
  };
}

/** The lines of an exported log (without line breaks): the header, then one line per entry. */
export function exportLines(header: LogHeaderInput, entries: Iterable<EntryLike>, options: ExportOptions = {}): string[] {
  const lines: string[] = [''];
  const entryOptions = { ...options, sessionProtocol: header.sessionProtocol };
  for (const entry of entries) lines.push(JSON.stringify(entryToLine(entry, entryOptions)));
  lines[0] = JSON.stringify(headerToLine(header, lines.length - 1, options));
  return lines;
}

// ---------------------------------------------------------------------------
// Reading a whole text at once (files are read piece by piece by readLogFile.ts)
// ---------------------------------------------------------------------------

export interface ParsedLog {
  header: ParsedHeader;
  entries: ImportedEntry[];
  /** The first MAX_PROBLEMS problems. */
  problems: LineProblem[];
  /** Problems past those kept. */
  moreProblems: number;
}

/** Reads an exported log. Every line that cannot be read is counted (the first ones kept, by number); the others are read. */
export function parseLines(text: string): ParsedLog {
  const entries: ImportedEntry[] = [];
  const reader = new LogLineReader((entry) => entries.push(entry));
  reader.push(text);
  reader.end();
  return { header: reader.header, entries, problems: reader.problems, moreProblems: reader.moreProblems };
}
