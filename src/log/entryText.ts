import { toHex } from '../codecs/hex';
import { describeCloseCode } from '../protocol/closeCodes';
import type { LogEntry } from '../store/logEntry';
import { compactJsonHead, cutBefore, ROW_PREVIEW_CHARS } from './rowPreview';

/** Bytes of a binary message shown as hex in a row, at most. */
export const ROW_PREVIEW_BYTES = 64;

/**
 * One-line preview of an entry's payload for its row, at most `maxChars` characters of it (and
 * ' …' when there is more): pretty-printed JSON compacted, line breaks and tabs as symbols, binary
 * as hex. It reads only the start of the payload, so it costs the same for 16 B and 16 MiB.
 * NOTE: still raw text (so filter matches can be found in it); rows show it through
 * visibleSegments, which turns hidden characters into markers.
 */
export function previewEntry(entry: LogEntry, maxChars: number = ROW_PREVIEW_CHARS): string {
  if (entry.kind === 'close' && entry.close) return describeClose(entry);
  const { data } = entry;
  if (typeof data !== 'string') {
    // Three characters a byte ("de ").
    const bytes = Math.min(data.byteLength, ROW_PREVIEW_BYTES, Math.ceil(maxChars / 3));
    return toHex(new Uint8Array(data, 0, bytes)) + (data.byteLength > bytes ? ' …' : '');
  }
  const head = compactJsonHead(data, maxChars) ?? (data.length > maxChars ? `${cutBefore(data, maxChars)} …` : data);
  // Line breaks would break the one-line row; show them as symbols instead.
  return head.replace(/\r\n|\n|\r/g, ' ↵ ').replace(/\t/g, ' ⇥ ');
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
