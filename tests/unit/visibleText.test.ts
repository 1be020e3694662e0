import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, markerFor, visibleText } from '../../src/format/visibleText';

/** Every character the UI contract says must never reach the screen raw. */
// eslint-disable-next-line no-control-regex -- the raw characters are what this test looks for
const RAW_HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Any UTF-16 code unit: lone surrogates and controls included. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });
/** Hidden characters mixed with ordinary ones, so the property sees plenty of both. */
const mixed = fc.string({
  unit: fc.constantFrom('a', 'é', '字', '😀', '\n', '\t', '\r', '\u202E', '\u200D', '\u001b', '\u0085', '\uFEFF', '\u2028', '\ud800', '\udc00'),
  maxLength: 60,
});

describe('visibleText', () => {
  it('shows the disguised file name as it really is', () => {
    expect(visibleText('ok \u202Egnp.exe\u202C')).toBe('ok ⟨U+202E⟩gnp.exe⟨U+202C⟩');
  });

  it('marks zero-width characters, the BOM and isolates', () => {
    expect(visibleText('a\u200Bb\u200Dc\u2060d\uFEFFe')).toBe('a⟨U+200B⟩b⟨U+200D⟩c⟨U+2060⟩d⟨U+FEFF⟩e');
    expect(visibleText('\u2066x\u2069')).toBe('⟨U+2066⟩x⟨U+2069⟩');
  });

  it('an ANSI escape is one marker for ESC, the rest of the sequence plain text', () => {
    expect(visibleText('\u001b[31mred\u001b[0m')).toBe('⟨U+001B⟩[31mred⟨U+001B⟩[0m');
  });

  it('marks C0 and C1 controls and DEL, but not tab and newline; CR only when it is not part of CRLF', () => {
    expect(visibleText('a\u0000b\u0007c\u007fd\u0085e\u009bf')).toBe('a⟨U+0000⟩b⟨U+0007⟩c⟨U+007F⟩d⟨U+0085⟩e⟨U+009B⟩f');
    expect(visibleText('one\ttwo\nthree\r\nfour')).toBe('one\ttwo\nthree\r\nfour');
    expect(visibleText('over\rwrite')).toBe('over⟨U+000D⟩write');
  });

  it('marks U+2028, U+2029 and lone surrogates; keeps valid pairs', () => {
    expect(visibleText('a\u2028b\u2029c')).toBe('a⟨U+2028⟩b⟨U+2029⟩c');
    expect(visibleText('x\ud800y\udc00z')).toBe('x⟨U+D800⟩y⟨U+DC00⟩z');
    expect(visibleText('\udc00\ud800')).toBe('⟨U+DC00⟩⟨U+D800⟩');
    expect(visibleText('😀 \ud83d\ude00')).toBe('😀 😀');
  });

  it('ordinary text (emoji, non-Latin scripts, Arabic and Hebrew letters) is returned unchanged, as the same string', () => {
    for (const text of ['hello', 'Grüße, 世界', 'مرحبا', 'שלום', '👩‍💻'.replace('\u200D', ''), '{"a":[1,2]}', '']) {
      expect(visibleText(text)).toBe(text);
      expect(hasHiddenCharacters(text)).toBe(false);
    }
  });

  it('the emoji joiner (U+200D) is a zero-width character and is marked', () => {
    expect(visibleText('👩\u200D💻')).toBe('👩⟨U+200D⟩💻');
  });

  it('markers name the code point with at least four hex digits', () => {
    expect(markerFor('\u0001')).toBe('⟨U+0001⟩');
    expect(markerFor('\u202E')).toContain('U+202E');
  });

  it('property: any string in, no raw hidden character out, and it never throws', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, mixed), (text) => {
        const out = visibleText(text);
        expect(RAW_HIDDEN.test(out)).toBe(false);
        expect(/\r(?!\n)/.test(out)).toBe(false);
        expect(hasHiddenCharacters(out)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: text with nothing hidden is unchanged; marking is idempotent', () => {
    const ordinary = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((t) => !RAW_HIDDEN.test(t) && !/\r(?!\n)/.test(t));
    fc.assert(fc.property(ordinary, (text) => {
      expect(visibleText(text)).toBe(text);
    }));
    fc.assert(fc.property(fc.oneof(anyUnits, mixed), (text) => {
      expect(visibleText(visibleText(text))).toBe(visibleText(text));
    }));
  });

  it('property: removing the markers of a marked text gives back its ordinary characters in order', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const kept = visibleText(text).replace(/⟨U\+[0-9A-F]{4,}⟩/g, '');
        const expected = Array.from(text)
          .filter((c, i, all) => !RAW_HIDDEN.test(c) && !(c === '\r' && all[i + 1] !== '\n'))
          .join('');
        expect(kept).toBe(expected);
      }),
    );
  });
});
