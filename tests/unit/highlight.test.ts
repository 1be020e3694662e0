import { describe, it, expect } from 'vitest';
import { splitByPattern, visibleSegments, MAX_HIGHLIGHTS } from '../../src/log/highlight';

const join = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('splitByPattern', () => {
  it('without a pattern the text is one plain segment', () => {
    expect(splitByPattern('hello', null)).toEqual([{ text: 'hello', match: false }]);
  });

  it('marks every match, keeping the text between', () => {
    const segments = splitByPattern('a banana', /an/i);
    expect(segments).toEqual([
      { text: 'a b', match: false },
      { text: 'an', match: true },
      { text: 'an', match: true },
      { text: 'a', match: false },
    ]);
    expect(join(segments)).toBe('a banana');
  });

  it('matches at the start and the end', () => {
    expect(splitByPattern('abc', /^a.c$/)).toEqual([{ text: 'abc', match: true }]);
    expect(splitByPattern('xab', /ab/)).toEqual([
      { text: 'x', match: false },
      { text: 'ab', match: true },
    ]);
  });

  it('no match: one plain segment', () => {
    expect(splitByPattern('hello', /z/)).toEqual([{ text: 'hello', match: false }]);
  });

  it('skips empty matches and never loops', () => {
    expect(splitByPattern('abc', /x*/)).toEqual([{ text: 'abc', match: false }]);
    const segments = splitByPattern('aXbX', /X?/);
    expect(join(segments)).toBe('aXbX');
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['X', 'X']);
    expect(splitByPattern('😀😀', /(?:)/u)).toEqual([{ text: '😀😀', match: false }]);
  });

  it('leaves the pattern given untouched (no lastIndex, no g flag) and gives the same result twice', () => {
    const pattern = /o/i;
    const first = splitByPattern('foo boo', pattern);
    expect(splitByPattern('foo boo', pattern)).toEqual(first);
    expect(pattern.lastIndex).toBe(0);
    expect(pattern.global).toBe(false);
  });

  it('treats markup as text', () => {
    const segments = splitByPattern('<b>x</b>', /<b>/);
    expect(segments[0]).toEqual({ text: '<b>', match: true });
    expect(join(segments)).toBe('<b>x</b>');
  });

  it('marks at most MAX_HIGHLIGHTS matches; the rest stays plain', () => {
    const text = 'a'.repeat(MAX_HIGHLIGHTS + 50);
    const segments = splitByPattern(text, /a/);
    expect(segments.filter((s) => s.match)).toHaveLength(MAX_HIGHLIGHTS);
    expect(join(segments)).toBe(text);
  });
});

describe('visibleSegments', () => {
  it('marks what the filter matched in the raw text, with the hidden character shown as its marker inside the mark', () => {
    expect(visibleSegments('ok \u202Egnp.exe\u202C', /k .g/)).toEqual([
      { text: 'o', match: false },
      { text: 'k ⟨U+202E⟩g', match: true },
      { text: 'np.exe⟨U+202C⟩', match: false },
    ]);
  });

  it('a match after a marker is still the right characters (positions are not shifted by the markers)', () => {
    const segments = visibleSegments('\u200B\u200Babc\u200Dabc', /b/);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['b', 'b']);
    expect(segments.map((s) => s.text).join('')).toBe('⟨U+200B⟩⟨U+200B⟩abc⟨U+200D⟩abc');
  });

  it('without a pattern: one plain, visible segment', () => {
    expect(visibleSegments('a\u0007b', null)).toEqual([{ text: 'a⟨U+0007⟩b', match: false }]);
  });
});
