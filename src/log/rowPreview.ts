/**
 * Bounded previews for log rows: a row shows one line, so it needs only as many characters as fit
 * across the log; building them reads that much of a payload, never the whole of it.
 */

/** Characters of text a row shows at most: enough to fill a very wide screen, never a whole 16 MiB message. */
export const ROW_PREVIEW_CHARS = 400;
/** The fewest characters a row is given, whatever the width measured. */
export const MIN_PREVIEW_CHARS = 40;
/** Characters beyond what fits, so the row still ends in its ellipsis. */
const PREVIEW_SLACK_CHARS = 4;

/**
 * How many characters a row's preview needs in a log `widthPx` wide, where a character of its
 * (monospace) font is `charPx` wide: what fits across, bounded to [MIN_PREVIEW_CHARS, ROW_PREVIEW_CHARS];
 * ROW_PREVIEW_CHARS when either is unknown (zero, as before layout).
 * NOTE: the whole row's width, not the payload column's: an upper bound, so a row never falls short.
 */
export function previewCharsFor(widthPx: number, charPx: number): number {
  if (!(widthPx > 0) || !(charPx > 0)) return ROW_PREVIEW_CHARS;
  return Math.min(ROW_PREVIEW_CHARS, Math.max(MIN_PREVIEW_CHARS, Math.ceil(widthPx / charPx) + PREVIEW_SLACK_CHARS));
}

/**
 * How much of the text compaction may read per character shown: indentation can be many spaces a
 * character, but a payload of only whitespace must not be read to its end.
 */
const SCAN_PER_CHAR = 16;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** Characters JSON has outside its strings: structure, numbers, and the letters of true, false and null. */
const JSON_TOKEN = /[{}[\]:,0-9+\-.eEtrufalsn]/;

/**
 * The start of pretty-printed JSON (an object or array over several lines) as it reads compacted,
 * at most `max` characters, with ' …' when there is more; null when the text does not look like
 * that within what is read (a character outside a string that JSON does not have, no line break, no
 * `{` or `[` first), so the caller shows the text as it is.
 * Whitespace between tokens is dropped and strings are kept as they are, reading at most
 * SCAN_PER_CHAR x `max` characters: the cost is the preview's, not the payload's.
 * NOTE: only what is read is checked: a payload that breaks JSON further on still previews compacted.
 */
export function compactJsonHead(text: string, max: number): string | null {
  const n = text.length;
  const limit = Math.min(n, max * SCAN_PER_CHAR);
  let i = 0;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  const first = text[i];
  if (first !== '{' && first !== '[') return null;
  let out = '';
  let lineBreak = false;
  // One character past `max` tells whether there is more to show.
  while (i < limit && out.length <= max) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10 || c === 13) lineBreak = true;
      i++;
    } else if (c === 34) {
      // A string, up to its closing quote (an escaped quote does not close it), or as much as fits.
      const room = max + 1 - out.length;
      let j = i + 1;
      while (j < n && j - i < room) {
        const d = text.charCodeAt(j);
        j += d === 92 ? 2 : 1;
        if (d === 34) break;
      }
      out += text.slice(i, Math.min(j, n));
      i = j;
    } else if (JSON_TOKEN.test(text[i]!)) {
      out += text[i];
      i++;
    } else return null;
  }
  if (!lineBreak) return null;
  if (out.length > max) return `${cutBefore(out, max)} …`;
  // Stopped at the scan limit with text left unread: there is more, even if only whitespace.
  return i < n ? `${out} …` : out;
}

/** The first `max` UTF-16 units of text, one fewer rather than split a surrogate pair (which would show as a lone surrogate). */
export function cutBefore(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
