import { describe, it, expect } from 'vitest';
import { decodeUtf8, truncateUtf8, utf8ByteLength } from '../../src/codecs/utf8';

const encodedLength = (s: string) => new TextEncoder().encode(s).length;

describe('utf8ByteLength', () => {
  it.each([
    ['empty', ''],
    ['ASCII', 'hello world'],
    ['2-byte', 'é ß ñ'],
    ['3-byte', '€ 中文 ₿'],
    ['4-byte', '😀🎉𝄞'],
    ['lone high surrogate', 'a\ud800b'],
    ['lone low surrogate', 'a\udc00b'],
    ['high surrogate at end', 'ab\ud83d'],
    ['reversed pair', '\ude00\ud83d'],
    ['mixed', 'a é € 😀 \ud800'],
  ])('matches TextEncoder for %s', (_name, s) => {
    expect(utf8ByteLength(s)).toBe(encodedLength(s));
  });

  it('gives the documented sizes', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('\ud800')).toBe(3);
  });

  it('handles boundary code points', () => {
    const s = String.fromCodePoint(0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff);
    expect(utf8ByteLength(s)).toBe(encodedLength(s));
  });

  it('counts ASCII as one byte a character, at every length the firehose uses', () => {
    for (const n of [0, 1, 16, 256, 1024, 4096, 16384, 65536, 65537, 1 << 20]) expect(utf8ByteLength('x'.repeat(n))).toBe(n);
    expect(utf8ByteLength('\u0000\u007f')).toBe(2);
  });

  it('counts one unit past ASCII anywhere in a long string, at the edges of its range', () => {
    const ascii = 'x'.repeat(4096);
    for (const unit of ['\u007f', '\u0080', '\u00ff', '\u0100', '\u07ff', '\u0800', '\ud800', '\udfff', '\uffff']) {
      for (const at of [0, 2048, 4096]) {
        const s = ascii.slice(0, at) + unit + ascii.slice(at);
        expect(utf8ByteLength(s), `U+${unit.charCodeAt(0).toString(16)} at ${at}`).toBe(encodedLength(s));
      }
    }
  });

  it('counts a surrogate pair as 4 bytes and a lone surrogate as 3 (U+FFFD), in short and long text', () => {
    for (const pad of ['', 'é'.repeat(70_000)]) {
      const base = utf8ByteLength(pad);
      expect(utf8ByteLength(pad + '😀')).toBe(base + 4);
      expect(utf8ByteLength(pad + '\ud83d')).toBe(base + 3);
      expect(utf8ByteLength(pad + '\ude00')).toBe(base + 3);
      expect(utf8ByteLength(pad + '\ude00\ud83d')).toBe(base + 6);
    }
  });

  it('is fast on a 16 MiB string', () => {
    const s = 'aé€😀'.repeat(2 * 1024 * 1024);
    const start = performance.now();
    expect(utf8ByteLength(s)).toBe(10 * 2 * 1024 * 1024);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 losslessly', () => {
    expect(decodeUtf8(new TextEncoder().encode('hé 😀'))).toEqual({ text: 'hé 😀', lossy: false });
    expect(decodeUtf8(new Uint8Array())).toEqual({ text: '', lossy: false });
  });

  it('replaces invalid sequences and flags them', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xff, 0x62]))).toEqual({ text: 'a\ufffdb', lossy: true });
    expect(decodeUtf8(new Uint8Array([0xe2, 0x82]))).toEqual({ text: '\ufffd', lossy: true });
  });

  it('keeps a leading byte order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: '\ufeffa', lossy: false });
  });
});

describe('truncateUtf8', () => {
  it('returns the string unchanged when it fits', () => {
    expect(truncateUtf8('hello', 5)).toBe('hello');
    expect(truncateUtf8('hello', 100)).toBe('hello');
  });

  it('cuts ASCII at the byte limit', () => {
    expect(truncateUtf8('hello', 3)).toBe('hel');
    expect(truncateUtf8('hello', 0)).toBe('');
  });

  it('does not split multi-byte characters', () => {
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('a€', 3)).toBe('a');
    expect(truncateUtf8('a€', 4)).toBe('a€');
  });

  it('does not split surrogate pairs', () => {
    expect(truncateUtf8('a😀', 4)).toBe('a');
    expect(truncateUtf8('a😀', 5)).toBe('a😀');
    expect(truncateUtf8('😀😀', 7)).toBe('😀');
  });

  it('counts lone surrogates as 3 bytes', () => {
    expect(truncateUtf8('\ud800a', 3)).toBe('\ud800');
    expect(truncateUtf8('\ud800a', 2)).toBe('');
  });

  it('always yields a prefix within the limit', () => {
    const s = 'aé€😀\ud800b'.repeat(5);
    for (let max = 0; max <= utf8ByteLength(s) + 1; max++) {
      const t = truncateUtf8(s, max);
      expect(s.startsWith(t)).toBe(true);
      expect(utf8ByteLength(t)).toBeLessThanOrEqual(max);
      // Longest: adding the next code point would exceed the limit.
      if (t.length < s.length) {
        const next = String.fromCodePoint(s.codePointAt(t.length)!);
        expect(utf8ByteLength(t + next)).toBeGreaterThan(max);
      }
    }
  });
});
