import { visibleText } from '../format/visibleText';
import { regExpPattern, type TextPattern } from './textPattern';

/** A piece of a row's text: plain, or a match of the filter. */
export interface Segment {
  text: string;
  match: boolean;
}

/** At most this many matches are marked in one text; the rest of it stays plain. */
export const MAX_HIGHLIGHTS = 100;

const nativePatterns = new WeakMap<RegExp, TextPattern>();

/**
 * Splits text into plain and matching segments, in order; joined, they give back the text.
 * Empty matches are skipped. Without a pattern, or without a match, the text is one plain segment.
 */
export function splitByPattern(text: string, pattern: TextPattern | RegExp | null): Segment[] {
  if (!pattern || !text) return [{ text, match: false }];
  let compiled: TextPattern;
  if (pattern instanceof RegExp) {
    compiled = nativePatterns.get(pattern) ?? regExpPattern(pattern);
    nativePatterns.set(pattern, compiled);
  } else compiled = pattern;
  const segments: Segment[] = [];
  let plainFrom = 0;
  for (const [start, end] of compiled.ranges(text, MAX_HIGHLIGHTS)) {
    if (start > plainFrom) segments.push({ text: text.slice(plainFrom, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    plainFrom = end;
  }
  if (plainFrom < text.length || segments.length === 0) segments.push({ text: text.slice(plainFrom), match: false });
  return segments;
}

/**
 * The segments of raw text as they are shown: matches found in the raw text (what the filter
 * matched), then each segment's hidden characters turned into visible markers, so a match that
 * spans a bidi control or a zero-width character is marked with its marker inside.
 */
export function visibleSegments(text: string, pattern: TextPattern | RegExp | null): Segment[] {
  return splitByPattern(text, pattern).map((segment) => ({ text: visibleText(segment.text), match: segment.match }));
}
