import { RE2JS } from 're2js';
import { fail, ok, type ParseResult } from '../codecs/result';
import { visibleText } from '../format/visibleText';
import { messageOf } from '../format/thrown';

/**
 * A compiled Filter query: whether a text matches, and where. Regex queries run on RE2 (re2js),
 * whose matching time is linear in the text, so no pattern the user types can freeze the page.
 */
export interface TextPattern {
  test(text: string): boolean;
  /** Start and end (UTF-16 indices) of each non-empty match, in order, at most `max`. */
  ranges(text: string, max: number): [number, number][];
}

const REGEX_META = /[.*+?^${}()|[\]\\]/;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A native RegExp as a TextPattern (literal text escaped into one cannot backtrack). */
export function regExpPattern(re: RegExp): TextPattern {
  const walker = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'g');
  const tester = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
  return {
    test: (text) => tester.test(text),
    ranges(text, max) {
      const out: [number, number][] = [];
      walker.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (out.length < max && (m = walker.exec(text)) !== null) {
        const end = m.index + m[0].length;
        if (end === m.index) {
          walker.lastIndex = m.index + (walker.unicode && (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
          if (walker.lastIndex > text.length) break;
          continue;
        }
        out.push([m.index, end]);
      }
      walker.lastIndex = 0;
      return out;
    },
  };
}

/** The query as literal text. */
export function literalPattern(query: string, matchCase: boolean): TextPattern {
  return regExpPattern(new RegExp(escapeRegExp(query), matchCase ? '' : 'i'));
}

/** Why RE2 refused a pattern, in the user's terms. */
function explain(query: string, message: string): string {
  // The alert shows the user's pattern (and RE2 quotes it): hidden characters as markers.
  const detail = visibleText(message.replace(/^error parsing regexp: /, ''));
  const unsupported =
    /invalid or unsupported Perl syntax: `\(\?[=!<]|invalid escape sequence: `\\[1-9]/.test(message) || /\(\?<[=!]/.test(query);
  return unsupported
    ? `Invalid regular expression /${visibleText(query)}/: ${detail}. Lookaround and backreferences are not supported: the filter uses a linear-time engine (RE2), so no pattern can freeze the page.`
    : `Invalid regular expression /${visibleText(query)}/: ${detail}`;
}

/** The query as a regular expression, compiled by RE2; an error says why it cannot be used. */
export function re2Pattern(query: string, matchCase: boolean): ParseResult<TextPattern> {
  // NOTE: a query without a metacharacter means the same text in both engines; the native
  // engine finds it several times faster, and escaped literal text cannot backtrack.
  if (!REGEX_META.test(query)) return ok(literalPattern(query, matchCase));
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(query, matchCase ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return fail(explain(query, messageOf(error)));
  }
  return ok({
    test: (text) => compiled.test(text),
    ranges(text, max) {
      const out: [number, number][] = [];
      const matcher = compiled.matcher(text);
      while (out.length < max && matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end > start) out.push([start, end]);
      }
      return out;
    },
  });
}
