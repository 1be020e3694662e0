import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from '../../src/codecs/hex';

const bytes = fc.uint8Array({ maxLength: 300 });

describe('hex (property)', () => {
  it('round-trips bytes → text → bytes, in every accepted spelling', () => {
    fc.assert(fc.property(bytes, fc.constantFrom(' ', '', ':', '-', ', '), fc.boolean(), fc.boolean(), (data, sep, upper, prefix) => {
      const parts = Array.from(data, (b) => `${prefix ? '0x' : ''}${b.toString(16).padStart(2, '0')}`);
      let text = parts.join(sep || (prefix ? ' ' : ''));
      if (upper) text = text.toUpperCase();
      expect(parseHex(text)).toEqual({ ok: true, value: data });
      expect(parseHex(toHex(data))).toEqual({ ok: true, value: data });
    }));
  });

  it('never throws; errors give a position inside the input', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-FxX :\-,g]*$/)), (input) => {
      const result = parseHex(input);
      if (result.ok) {
        expect(result.value.length).toBeLessThanOrEqual(input.length / 2);
        return;
      }
      const position = Number(/at position (\d+)/.exec(result.error)?.[1]);
      expect(position).toBeGreaterThanOrEqual(1);
      expect(position).toBeLessThanOrEqual(input.length);
    }), { numRuns: 2000 });
  });

  it('toHex with a limit shows at most that many bytes', () => {
    fc.assert(fc.property(bytes, fc.nat(400), (data, max) => {
      const shown = toHex(data, max).replace(' …', '').replace('…', '');
      expect(shown === '' ? 0 : shown.split(' ').length).toBe(Math.min(max, data.length));
    }));
  });
});
