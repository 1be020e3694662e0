import { isMessageFormat } from '../compose/formats';
/**
 * The exported log as JSON Lines: a header line, then one entry a line.
 *
 *   {"format":"ws-tester-log","version":1,"exportedAt":"…","endpoint":"wss://…","subprotocol":"chat",…}
 *   {"time":"2025-01-01T12:00:00.000Z","kind":"sent","direction":"out","size":5,"opcode":"text","payload":"hello","format":"text"}
 *   {"time":"…","kind":"received","direction":"in","size":4,"opcode":"binary","payloadBase64":"3q2+7w=="}
 *   {"time":"…","kind":"close","direction":null,"size":0,"opcode":null,"payload":"bye","close":{"code":1000,"reason":"bye","clean":true}}
 *
 * Pure: no store, no DOM. Reading is lenient: files from older versions (no `version`, `at` in
 * milliseconds, `data` for the payload, ...) are read too, and a bad line is reported by its
 * number while the rest is still read.
 */
import { parseBase64, toBase64 } from '../codecs/base64';
import { parseHex } from '../codecs/hex';
import { payloadSize } from '../codecs/payload';
import type { CloseInfo, Payload } from '../connection/types';
import type { EntryKind, LogEntry, MessageFormat } from '../store/logEntry';
import type { Counters } from '../store/sessionState';
import { redactText, redactUrl } from './redact';

export const LOG_FORMAT = 'ws-tester-log';
export const LOG_VERSION = 1;

/** What the header line says about the connection the log came from. */
export interface LogHeaderInput {
  endpoint: string;
  subprotocol: string;
  extensions: string;
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

/** An entry as the log keeps it, without its seq (the log that takes it gives it one). */
export type ImportedEntry = Omit<LogEntry, 'seq'>;
type EntryLike = Omit<LogEntry, 'seq'> & { seq?: number };

export interface ExportOptions {
  /** Keep tokens and passwords in URLs (off by default: they are redacted). */
  includeSecrets?: boolean;
}

const EVENT_KINDS: ReadonlySet<EntryKind> = new Set(['state', 'close', 'error', 'info']);
const KINDS: ReadonlySet<string> = new Set(['sent', 'received', 'state', 'close', 'error', 'info']);

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
    line.payload = EVENT_KINDS.has(entry.kind) ? redactText(entry.data, options.includeSecrets) : entry.data;
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
    subprotocol: header.subprotocol,
    extensions: header.extensions,
    counters: { ...header.counters },
    entries,
    trimmed: header.trimmed ?? 0,
    secrets: options.includeSecrets ? 'included' : 'redacted',
  };
}

/** The lines of an exported log (without line breaks): the header, then one line per entry. */
export function exportLines(header: LogHeaderInput, entries: Iterable<EntryLike>, options: ExportOptions = {}): string[] {
  const lines: string[] = [''];
  for (const entry of entries) lines.push(JSON.stringify(entryToLine(entry, options)));
  lines[0] = JSON.stringify(headerToLine(header, lines.length - 1, options));
  return lines;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/** What a file's header said; fields it lacked are empty. */
export interface ParsedHeader {
  /** 0 for files without a version (older exports, or no header line at all). */
  version: number;
  endpoint: string;
  subprotocol: string;
  extensions: string;
  counters: Counters | null;
  exportedAt: string | null;
  /** False when the file had no header line. */
  present: boolean;
}

export interface LineProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface ParsedLog {
  header: ParsedHeader;
  entries: ImportedEntry[];
  problems: LineProblem[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function looksLikeHeader(obj: Json): boolean {
  if (obj.format === LOG_FORMAT || 'version' in obj) return true;
  const hasEntryFields = 'kind' in obj || 'type' in obj || 'payload' in obj || 'data' in obj || 'direction' in obj;
  return !hasEntryFields && ('endpoint' in obj || 'url' in obj || 'counters' in obj);
}

function readCounters(value: unknown): Counters | null {
  if (!isObject(value)) return null;
  return {
    sent: num(value.sent) ?? 0,
    received: num(value.received) ?? 0,
    bytesSent: num(value.bytesSent) ?? 0,
    bytesReceived: num(value.bytesReceived) ?? 0,
  };
}

function readHeader(obj: Json): ParsedHeader {
  return {
    version: num(obj.version) ?? 0,
    endpoint: str(obj.endpoint) || str(obj.url),
    subprotocol: str(obj.subprotocol) || str(obj.protocol),
    extensions: str(obj.extensions),
    counters: readCounters(obj.counters),
    exportedAt: str(obj.exportedAt) || null,
    present: true,
  };
}

function readTime(obj: Json): number | string {
  const value = obj.time ?? obj.at ?? obj.timestamp;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
    return `its time "${value}" is not a date`;
  }
  return 'it has no time';
}

function readKind(obj: Json): EntryKind | string {
  const kind = obj.kind ?? obj.type;
  if (typeof kind === 'string' && KINDS.has(kind)) return kind as EntryKind;
  if (kind === undefined) {
    if (obj.direction === 'out' || obj.direction === 'sent') return 'sent';
    if (obj.direction === 'in' || obj.direction === 'received') return 'received';
    return 'it has no kind';
  }
  return `unknown kind ${JSON.stringify(kind)} (expected sent, received, state, close, error or info)`;
}

function bytesToBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function readPayload(obj: Json): Payload | { error: string } {
  const base64 = obj.payloadBase64 ?? obj.base64 ?? obj.dataBase64 ?? (obj.binary === true ? obj.data ?? obj.payload : undefined);
  if (base64 !== undefined) {
    if (typeof base64 !== 'string') return { error: 'its base64 payload is not a string' };
    const bytes = parseBase64(base64);
    return bytes.ok ? bytesToBuffer(bytes.value) : { error: `its base64 payload is invalid: ${bytes.error}` };
  }
  const hex = obj.payloadHex ?? obj.hex;
  if (hex !== undefined) {
    if (typeof hex !== 'string') return { error: 'its hex payload is not a string' };
    const bytes = parseHex(hex);
    return bytes.ok ? bytesToBuffer(bytes.value) : { error: `its hex payload is invalid: ${bytes.error}` };
  }
  const text = obj.payload ?? obj.data ?? obj.text ?? obj.message;
  if (text === undefined || text === null) return '';
  if (typeof text !== 'string') return { error: 'its payload is not a string' };
  return text;
}

function readClose(obj: Json, kind: EntryKind, data: Payload): CloseInfo | null | string {
  const close = isObject(obj.close) ? obj.close : kind === 'close' ? obj : null;
  if (!close) return null;
  const code = num(close.code);
  if (code === null) return kind === 'close' ? 'its close code is missing' : null;
  const clean = close.clean ?? close.wasClean;
  return {
    code,
    reason: typeof close.reason === 'string' ? close.reason : typeof data === 'string' ? data : '',
    wasClean: clean === true,
  };
}

function readEntry(obj: Json): ImportedEntry | string {
  const at = readTime(obj);
  if (typeof at === 'string') return at;
  const kind = readKind(obj);
  if (!KINDS.has(kind)) return kind;
  const data = readPayload(obj);
  if (typeof data === 'object' && 'error' in data) return data.error;
  const close = readClose(obj, kind as EntryKind, data);
  if (typeof close === 'string') return close;
  const isMessage = kind === 'sent' || kind === 'received';
  const size = num(obj.size);
  const format = isMessageFormat(obj.format) ? obj.format : null;
  return {
    at,
    kind: kind as EntryKind,
    data,
    size: size !== null && size >= 0 ? size : isMessage ? payloadSize(data) : 0,
    close,
    format: kind === 'sent' ? format : null,
  };
}

const EMPTY_HEADER: ParsedHeader = {
  version: 0, endpoint: '', subprotocol: '', extensions: '', counters: null, exportedAt: null, present: false,
};

/** Reads an exported log. Every line that cannot be read is reported by number; the others are read. */
export function parseLines(text: string): ParsedLog {
  const lines = text.split(/\r\n|\n|\r/);
  let header: ParsedHeader = { ...EMPTY_HEADER };
  const entries: ImportedEntry[] = [];
  const problems: LineProblem[] = [];
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const line = i + 1;
    const isFirst = first;
    first = false;
    let value: unknown;
    try {
      value = JSON.parse(i === 0 ? raw.replace(/^\uFEFF/, '') : raw);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    if (!isObject(value)) {
      problems.push({ line, message: 'not a JSON object' });
      continue;
    }
    if (isFirst && looksLikeHeader(value)) {
      header = readHeader(value);
      if (value.format !== undefined && value.format !== LOG_FORMAT) {
        problems.push({ line, message: `unknown format ${JSON.stringify(value.format)}; read as a ${LOG_FORMAT} file` });
      }
      if (header.version > LOG_VERSION) {
        problems.push({ line, message: `written by a newer version (${header.version}); fields this version does not know are ignored` });
      }
      continue;
    }
    const entry = readEntry(value);
    if (typeof entry === 'string') problems.push({ line, message: entry });
    else entries.push(entry);
  }
  return { header, entries, problems };
}
