/**
 * The schemas of an exported log's lines: one for the header, one for an entry. Everything in a
 * file is untrusted, so times are range-checked, kinds and formats come from their one list,
 * strings are bounded, and sizes are never read: they are recomputed from the payload.
 * Pure: no store, no DOM. Older files (no `version`, `at` in milliseconds, `data` for the
 * payload, `binary: true`, a close code at the top level) are read through their aliases.
 */
import * as v from 'valibot';
import { parseBase64 } from '../codecs/base64';
import { parseHex } from '../codecs/hex';
import { payloadSize } from '../codecs/payload';
import { fail, ok, type ParseResult } from '../codecs/result';
import { isMessageFormat } from '../compose/formats';
import type { CloseInfo, Payload } from '../connection/types';
import { isPlausibleTime, LIMITS } from '../persist/bounds';
import { ENTRY_KINDS, type EntryKind, type LogEntry } from '../store/logEntry';
import type { Counters } from '../store/sessionState';

export const LOG_FORMAT = 'ws-tester-log';
export const LOG_VERSION = 1;

/** Largest payload an entry may carry, in bytes (the largest message the tester handles is 64 MiB). */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;
/** Longest event text (state, info, error, close reason): app notes are short. */
export const MAX_EVENT_CHARS = 64 * 1024;
/** Longest line read at all: a maximal payload as base64, plus room for the other fields. */
export const MAX_LINE_CHARS = Math.ceil((MAX_PAYLOAD_BYTES * 4) / 3) + 64 * 1024;

/** An entry as the log keeps it, without its seq (the log that takes it gives it one). */
export type ImportedEntry = Omit<LogEntry, 'seq'>;

/** What a file's header said; fields it lacked are empty. */
export interface ParsedHeader {
  /** 0 for files without a version (older exports, or no header line at all). */
  version: number;
  endpoint: string;
  subprotocol: string;
  extensions: string;
  /** The protocol the log was decoded with (a protocol id), '' for Raw or unknown. */
  sessionProtocol: string;
  counters: Counters | null;
  exportedAt: string | null;
  /** False when the file had no header line. */
  present: boolean;
}

/** The header of a file that has none. */
export const EMPTY_HEADER: Readonly<ParsedHeader> = {
  version: 0, endpoint: '', subprotocol: '', extensions: '', sessionProtocol: '', counters: null, exportedAt: null, present: false,
};

type Json = Record<string, unknown>;

/** At most `max` characters of a value as JSON, for quoting it in a message. */
function quote(value: unknown, max = 60): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value.slice(0, max + 1)) : String(JSON.stringify(value));
  } catch {
    text = typeof value;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const bounded = (max: number, what: string) =>
  v.pipe(v.string(`${what} is not a string`), v.maxLength(max, `${what} is longer than ${max.toLocaleString('en-US')} characters`));
const optionalText = (max: number, what: string) => v.optional(v.nullable(bounded(max, what)));
const COUNTER_PROBLEM = 'its counters are not whole numbers of 0 or more';
const Counter = v.pipe(v.number(COUNTER_PROBLEM), v.safeInteger(COUNTER_PROBLEM), v.minValue(0, COUNTER_PROBLEM));

const HeaderSchema = v.looseObject({
  format: v.optional(v.unknown()),
  version: v.optional(v.pipe(v.number('its version is not a number'), v.integer('its version is not a whole number'), v.minValue(0, 'its version is negative'))),
  exportedAt: optionalText(64, 'exportedAt'),
  endpoint: optionalText(LIMITS.url, 'its endpoint'),
  url: optionalText(LIMITS.url, 'its url'),
  subprotocol: optionalText(LIMITS.subprotocols, 'its subprotocol'),
  protocol: optionalText(LIMITS.subprotocols, 'its protocol'),
  extensions: optionalText(LIMITS.subprotocols, 'its extensions'),
  sessionProtocol: optionalText(32, 'its sessionProtocol'),
  counters: v.optional(v.nullable(v.looseObject({
    sent: v.optional(Counter), received: v.optional(Counter), bytesSent: v.optional(Counter), bytesReceived: v.optional(Counter),
  }, 'its counters are not an object'))),
});

/** Whether the first line of a file is a header rather than an entry. */
export function looksLikeHeader(obj: Json): boolean {
  if (obj.format === LOG_FORMAT || 'version' in obj) return true;
  const hasEntryFields = 'kind' in obj || 'type' in obj || 'payload' in obj || 'data' in obj || 'direction' in obj;
  return !hasEntryFields && ('endpoint' in obj || 'url' in obj || 'counters' in obj);
}

/** Reads a header line's object; a field of the wrong type or out of range fails the header. */
export function readHeaderLine(obj: Json): ParseResult<ParsedHeader> {
  const result = v.safeParse(HeaderSchema, obj, { abortEarly: true });
  if (!result.success) return fail(`header: ${result.issues[0]?.message ?? 'invalid'}`);
  const h = result.output;
  const c = h.counters;
  return ok({
    version: h.version ?? 0,
    endpoint: h.endpoint || h.url || '',
    subprotocol: h.subprotocol || h.protocol || '',
    extensions: h.extensions ?? '',
    sessionProtocol: h.sessionProtocol ?? '',
    counters: c ? { sent: c.sent ?? 0, received: c.received ?? 0, bytesSent: c.bytesSent ?? 0, bytesReceived: c.bytesReceived ?? 0 } : null,
    exportedAt: h.exportedAt || null,
    present: true,
  });
}

const TimeField = v.pipe(
  v.union([v.number(), v.string()], 'it has no time'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const raw = dataset.value;
    const ms = typeof raw === 'number' ? raw : raw.length <= 64 ? Date.parse(raw) : NaN;
    if (isPlausibleTime(ms)) return ms;
    addIssue({
      message: typeof raw === 'string' && Number.isNaN(ms)
        ? `its time ${quote(raw)} is not a date`
        : `its time ${quote(raw)} is not between the year 2000 and tomorrow`,
    });
    return NEVER;
  }),
);

const KindField = v.picklist(ENTRY_KINDS, (issue) =>
  issue.input === undefined ? 'it has no kind' : `unknown kind ${quote(issue.input)} (expected ${ENTRY_KINDS.join(', ')})`);

const MAX_TEXT_CHARS = MAX_PAYLOAD_BYTES; // a UTF-16 unit is at least one UTF-8 byte
const MAX_BASE64_CHARS = Math.ceil((MAX_PAYLOAD_BYTES * 4) / 3) + 4096; // room for whitespace
const MAX_HEX_CHARS = MAX_PAYLOAD_BYTES * 3;

const CloseField = v.looseObject({
  code: v.optional(v.pipe(
    v.number('its close code is not a number'),
    v.integer('its close code is not a whole number'),
    v.minValue(0, 'its close code is out of range'),
    v.maxValue(65_535, 'its close code is out of range'),
  )),
  reason: optionalText(MAX_EVENT_CHARS, 'its close reason'),
  clean: v.optional(v.unknown()),
  wasClean: v.optional(v.unknown()),
}, 'its close is not an object');

/** An entry line after its aliases were resolved: the shape the schema checks. */
const EntryFields = v.object({
  time: TimeField,
  kind: KindField,
  text: v.optional(v.nullable(bounded(MAX_TEXT_CHARS, 'its payload'))),
  base64: v.optional(bounded(MAX_BASE64_CHARS, 'its base64 payload')),
  hex: v.optional(bounded(MAX_HEX_CHARS, 'its hex payload')),
  format: v.unknown(),
  close: v.optional(v.nullable(CloseField)),
});

/** Resolves the aliases older files used to the fields the schema checks. */
function canonical(obj: Json) {
  const kind = obj.kind ?? obj.type ?? (obj.direction === 'out' || obj.direction === 'sent'
    ? 'sent'
    : obj.direction === 'in' || obj.direction === 'received' ? 'received' : undefined);
  const base64 = obj.payloadBase64 ?? obj.base64 ?? obj.dataBase64 ?? (obj.binary === true ? obj.data ?? obj.payload : undefined);
  const hex = base64 === undefined ? obj.payloadHex ?? obj.hex : undefined;
  const text = base64 === undefined && hex === undefined ? obj.payload ?? obj.data ?? obj.text ?? obj.message : undefined;
  const close = obj.close !== undefined && obj.close !== null ? obj.close : kind === 'close' ? obj : null;
  return { time: obj.time ?? obj.at ?? obj.timestamp, kind, text, base64, hex, format: obj.format, close };
}

type Fields = v.InferOutput<typeof EntryFields>;

function toBuffer(bytes: Uint8Array): ArrayBuffer {
  // parseBase64 and parseHex return a copy of exactly the decoded bytes: no second copy needed.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

function readPayload(f: Fields, isMessage: boolean): ParseResult<Payload> {
  if (f.base64 !== undefined || f.hex !== undefined) {
    const name = f.base64 !== undefined ? 'base64' : 'hex';
    const bytes = f.base64 !== undefined ? parseBase64(f.base64) : parseHex(f.hex!);
    if (!bytes.ok) return fail(`its ${name} payload is invalid: ${bytes.error}`);
    if (bytes.value.byteLength > MAX_PAYLOAD_BYTES) return fail(`its payload is larger than ${MAX_PAYLOAD_BYTES / 1024 / 1024} MiB`);
    return ok(toBuffer(bytes.value));
  }
  const text = f.text ?? '';
  if (!isMessage && text.length > MAX_EVENT_CHARS) return fail(`its text is longer than ${MAX_EVENT_CHARS.toLocaleString('en-US')} characters`);
  if (isMessage && payloadSize(text) > MAX_PAYLOAD_BYTES) return fail(`its payload is larger than ${MAX_PAYLOAD_BYTES / 1024 / 1024} MiB`);
  return ok(text);
}

function readClose(f: Fields, kind: EntryKind, data: Payload): ParseResult<CloseInfo | null> {
  const close = f.close;
  if (!close) return ok(null);
  if (close.code === undefined) return kind === 'close' ? fail('its close code is missing') : ok(null);
  const reason = typeof close.reason === 'string' ? close.reason : typeof data === 'string' ? data.slice(0, MAX_EVENT_CHARS) : '';
  return ok({ code: close.code, reason, wasClean: (close.clean ?? close.wasClean) === true });
}

/**
 * Reads an entry line's object. Its `size` is ignored: messages are measured from their payload
 * (UTF-8 bytes of text, length of binary), events count 0, as in a live log.
 */
export function readEntryLine(obj: Json): ParseResult<ImportedEntry> {
  const result = v.safeParse(EntryFields, canonical(obj), { abortEarly: true });
  if (!result.success) return fail(result.issues[0]?.message ?? 'not an entry');
  const f = result.output;
  const isMessage = f.kind === 'sent' || f.kind === 'received';
  const data = readPayload(f, isMessage);
  if (!data.ok) return data;
  const close = readClose(f, f.kind, data.value);
  if (!close.ok) return close;
  return ok({
    at: f.time,
    kind: f.kind,
    data: data.value,
    size: isMessage ? payloadSize(data.value) : 0,
    close: close.value,
    format: f.kind === 'sent' && isMessageFormat(f.format) ? f.format : null,
  });
}
