import { decodeUtf8, truncateUtf8, utf8ByteLength } from '../codecs/utf8';
import type { LogEntry } from '../store/logEntry';

type Payload = LogEntry['data'];

/** Bytes of a payload the Text view puts into the page; the rest is only counted (Download has it all). */
export const TEXT_VIEW_MAX_BYTES = 256 * 1024;

/** The start of a payload as text, cut at a byte limit. */
export interface TextCut {
  /** The text shown (raw: hidden characters are marked by whoever renders it). */
  text: string;
  /** UTF-8 bytes of the payload that `text` covers. */
  shownBytes: number;
  /** A binary payload that was not valid UTF-8 (invalid bytes became U+FFFD). */
  lossy: boolean;
  /** The payload was a binary frame, decoded as UTF-8. */
  binary: boolean;
}

/**
 * Where to cut bytes at most `max` long so that a UTF-8 sequence split by the limit is left out
 * whole (otherwise the cut itself would decode as an invalid character).
 */
export function utf8CutEnd(bytes: Uint8Array, max: number): number {
  let end = Math.min(bytes.length, Math.max(0, max));
  if (end >= bytes.length) return end;
  // Step back over at most 3 continuation bytes (10xxxxxx) to the start of the split sequence.
  for (let back = 0; back < 3 && end > 0 && (bytes[end]! & 0xc0) === 0x80; back++) end--;
  return end;
}

/** The first `maxBytes` (UTF-8) of a payload as text, never splitting a character; `size` is its full size in bytes. */
export function cutText(data: Payload, size: number, maxBytes: number = TEXT_VIEW_MAX_BYTES): TextCut {
  if (typeof data === 'string') {
    // NOTE: `size` is only a shortcut for the common small case; a cut is measured from the text itself.
    if (size <= maxBytes && data.length <= maxBytes) return { text: data, shownBytes: utf8ByteLength(data), lossy: false, binary: false };
    const text = truncateUtf8(data, maxBytes);
    return { text, shownBytes: utf8ByteLength(text), lossy: false, binary: false };
  }
  const bytes = new Uint8Array(data);
  const end = utf8CutEnd(bytes, maxBytes);
  const { text, lossy } = decodeUtf8(bytes.subarray(0, end));
  return { text, shownBytes: end, lossy, binary: true };
}

/** Most characters one byte can become when shown: a whole marker such as ⟨U+0001⟩. */
const MAX_SHOWN_PER_BYTE = 8;

/**
 * Like cutText, but bounded by the length of the text as shown (`show` may make it longer, as
 * markers do), so at most `maxChars` characters go into the page; the byte counts stay exact.
 */
export function cutShownText(data: Payload, size: number, maxChars: number, show: (text: string) => string): TextCut & { shown: string } {
  let limit = maxChars;
  for (let attempt = 0; ; attempt++) {
    const cut = cutText(data, size, limit);
    const shown = show(cut.text);
    if (shown.length <= maxChars || limit === 0) return { ...cut, shown };
    // Shrink in proportion to how much showing grew the text; after a few tries take the bound
    // that always holds (every byte shows as at most one marker).
    limit = attempt < 4 ? Math.min(limit - 1, Math.floor((limit * maxChars) / shown.length)) : Math.floor(maxChars / MAX_SHOWN_PER_BYTE);
  }
}
