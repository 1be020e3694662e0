import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countUtf8Bytes, utf8ByteLength } from '../../src/codecs/utf8';

const encodedLength = (s: string) => new TextEncoder().encode(s).length;

/** Any UTF-16 units, so lone and reversed surrogates come up as often as pairs. */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((units) => String.fromCharCode(...units));
/** Units biased towards the edges of each UTF-8 length and the surrogate ranges. */
const edgeUnits = fc
  .array(fc.constantFrom(0, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xffff), { maxLength: 60 })
  .map((units) => String.fromCharCode(...units));
const strings = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }), anyUnits, edgeUnits);

describe('utf8ByteLength (property)', () => {
  it('equals the length TextEncoder gives, for any string, lone surrogates included', () => {
    fc.assert(fc.property(strings, (s) => {
      expect(utf8ByteLength(s)).toBe(encodedLength(s));
      expect(countUtf8Bytes(s)).toBe(encodedLength(s));
    }), { numRuns: 2000 });
  });

  it('equals TextEncoder past the scratch buffer (the loop path) and around its edge', () => {
    fc.assert(fc.property(strings, fc.constantFrom(64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000), (tail, total) => {
      // ASCII up to the total length, then the arbitrary tail: the ASCII check fails near the end.
      const s = 'a'.repeat(Math.max(0, total - tail.length)) + tail;
      expect(utf8ByteLength(s)).toBe(encodedLength(s));
    }), { numRuns: 100 });
  });

  it('a short string after a long one is measured on its own (the reused buffer carries nothing over)', () => {
    fc.assert(fc.property(strings, strings, (a, b) => {
      utf8ByteLength(a + '€'.repeat(1000));
      expect(utf8ByteLength(b)).toBe(encodedLength(b));
    }), { numRuns: 300 });
  });
});
