import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { re2Pattern } from '../../src/log/textPattern';

const compile = (query: string, matchCase: boolean) => {
  const result = re2Pattern(query, matchCase);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('re2Pattern', () => {
  it('a query without metacharacters (taken on the native engine) answers exactly as RE2 would', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', 'é', 'É', ' ', '1', 'ß', '😀', '-', ','), maxLength: 12 });
    fc.assert(
      fc.property(text.filter((q) => q.length > 0), text, fc.boolean(), (query, haystack, matchCase) => {
        const re2 = RE2JS.compile(query, matchCase ? 0 : RE2JS.CASE_INSENSITIVE);
        expect(compile(query, matchCase).test(haystack)).toBe(re2.test(haystack));
      }),
      { numRuns: 500 },
    );
  });

  it('ranges are UTF-16 positions of each non-empty match, for RE2 patterns too', () => {
    expect(compile('b+', false).ranges('abbcB', 10)).toEqual([[1, 3], [4, 5]]);
    expect(compile('😀.', true).ranges('x😀y😀z', 10)).toEqual([[1, 4], [4, 7]]);
    expect(compile('x*', true).ranges('axxb', 10)).toEqual([[1, 3]]);
    expect(compile('a', false).ranges('aaaa', 2)).toEqual([[0, 1], [1, 2]]);
  });

  it('an expression RE2 cannot take says why; an ordinary syntax error says what', () => {
    const look = re2Pattern('(?=a)', false);
    expect(look.ok).toBe(false);
    if (!look.ok) expect(look.error).toMatch(/not supported: the filter uses a linear-time engine \(RE2\)/);
    const bad = re2Pattern('(a', false);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Invalid regular expression \/\(a\/: /);
  });
});

it('the alert shows a pattern with a hidden character as its marker', () => {
  const result = re2Pattern('(?=\u202Ea)', false);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error).toContain('⟨U+202E⟩');
    expect(result.error).not.toContain('\u202E');
  }
});
