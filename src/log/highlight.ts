/** A piece of a row's text: plain, or a match of the filter. */
export interface Segment {
  text: string;
  match: boolean;
}

/** At most this many matches are marked in one text; the rest of it stays plain. */
export const MAX_HIGHLIGHTS = 100;

const globalCopies = new WeakMap<RegExp, RegExp>();

/** A global copy of the pattern, made once per pattern, for walking all matches. */
function globalCopy(pattern: RegExp): RegExp {
  let copy = globalCopies.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
    globalCopies.set(pattern, copy);
  }
  return copy;
}

/**
 * Splits text into plain and matching segments, in order; joined, they give back the text.
 * Empty matches are skipped. Without a pattern, or without a match, the text is one plain segment.
 */
export function splitByPattern(text: string, pattern: RegExp | null): Segment[] {
  if (!pattern || !text) return [{ text, match: false }];
  const re = globalCopy(pattern);
  re.lastIndex = 0;
  const segments: Segment[] = [];
  let plainFrom = 0;
  let found = 0;
  let m: RegExpExecArray | null;
  while (found < MAX_HIGHLIGHTS && (m = re.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      // An empty match: step past it (a whole code point in unicode mode).
      re.lastIndex = start + (re.unicode && (text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
      if (re.lastIndex > text.length) break;
      continue;
    }
    if (start > plainFrom) segments.push({ text: text.slice(plainFrom, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    plainFrom = end;
    found++;
  }
  re.lastIndex = 0;
  if (plainFrom < text.length || segments.length === 0) segments.push({ text: text.slice(plainFrom), match: false });
  return segments;
}
