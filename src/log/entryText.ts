import { toHex } from '../codecs/hex';
import { compactJson } from '../codecs/json';
import { describeCloseCode } from '../protocol/closeCodes';
import type { LogEntry } from '../store/logEntry';

/** Characters of text shown in a row: enough to fill a wide screen, never a whole 16 MiB message. */
export const ROW_PREVIEW_CHARS = 400;
/** Bytes of a binary message shown as hex in a row. */
export const ROW_PREVIEW_BYTES = 64;

/**
 * One-line preview of an entry's payload for its row (bounded, whatever the payload's size).
 * NOTE: still raw text (so filter matches can be found in it); rows show it through
 * visibleSegments, which turns hidden characters into markers.
 */
export function previewEntry(entry: LogEntry): string {
  if (entry.kind === 'close' && entry.close) return describeClose(entry);
  const { data } = entry;
  if (typeof data !== 'string') return toHex(new Uint8Array(data, 0, Math.min(data.byteLength, ROW_PREVIEW_BYTES))) + (data.byteLength > ROW_PREVIEW_BYTES ? ' …' : '');
  const text = compactPreview(data);
  const head = text.length > ROW_PREVIEW_CHARS ? text.slice(0, cutEnd(text, ROW_PREVIEW_CHARS)) + ' …' : text;
  // Line breaks would break the one-line row; show them as symbols instead.
  return head.replace(/\r\n|\n|\r/g, ' ↵ ').replace(/\t/g, ' ⇥ ');
}

/** Where to cut text near `max` without splitting a surrogate pair (which would show as a lone surrogate). */
function cutEnd(text: string, max: number): number {
  const last = text.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}

/** Largest multi-line JSON text compacted for its row; bigger ones are previewed as they are. */
const COMPACT_JSON_MAX_CHARS = 64 * 1024;

/** Pretty-printed JSON (an object or array over several lines) as one compact line; other text unchanged. */
function compactPreview(text: string): string {
  if (text.length > COMPACT_JSON_MAX_CHARS || !text.includes('\n')) return text;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text;
  return compactJson(text) ?? text;
}

/** The close line: code, standard name, reason, and whether the close was clean. */
export function describeClose(entry: LogEntry): string {
  const close = entry.close;
  if (!close) return '';
  const { name } = describeCloseCode(close.code);
  const reason = close.reason ? `reason "${close.reason}"` : 'no reason given';
  return `${close.code} ${name} · ${reason} · ${close.wasClean ? 'clean close' : 'not clean'}`;
}

/** The longer explanation of a close code, where there is one (1006 above all). */
export function explainClose(entry: LogEntry): string | undefined {
  return entry.close ? describeCloseCode(entry.close.code).explanation : undefined;
}

/** The word for an entry's direction or kind, shown in its row. */
export function directionLabel(entry: LogEntry): string {
  switch (entry.kind) {
    case 'sent':
      return '↑ sent';
    case 'received':
      return '↓ received';
    case 'state':
      return '● state';
    case 'close':
      return '✕ close';
    case 'error':
      return '! error';
    case 'info':
      return 'i info';
    case 'handshake':
      return '⇄ handshake';
    case 'ping':
      return '◇ ping';
    case 'pong':
      return '◆ pong';
  }
}

/** Whether a row's payload is binary (shown as hex). */
export function isBinary(entry: LogEntry): boolean {
  return typeof entry.data !== 'string';
}
