import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCloseCode, checkCloseReason, describeCloseCode, MAX_CLOSE_REASON_BYTES } from '../../src/protocol/closeCodes';

const encoder = new TextEncoder();
const codeText = fc.oneof(fc.string(), fc.integer({ min: -10, max: 70_000 }).map(String), fc.stringMatching(/^\s*-?\d{0,25}\s*$/));

describe('close codes and reasons (property)', () => {
  it('checkCloseCode never throws and accepts only nothing, 1000 or 3000-4999', () => {
    fc.assert(fc.property(codeText, (input) => {
      const result = checkCloseCode(input);
      if (!result.ok) return;
      const code = result.value;
      if (code === undefined) expect(input.trim()).toBe('');
      else expect(code === 1000 || (Number.isInteger(code) && code >= 3000 && code <= 4999)).toBe(true);
    }), { numRuns: 2000 });
  });

  it('checkCloseCode accepts every code a browser may send', () => {
    fc.assert(fc.property(fc.oneof(fc.constant(1000), fc.integer({ min: 3000, max: 4999 })), (code) => {
      expect(checkCloseCode(` ${code} `)).toEqual({ ok: true, value: code });
    }));
  });

  it('checkCloseReason never throws; what it accepts is at most 123 UTF-8 bytes, and it accepts all of those', () => {
    const reason = fc.oneof(fc.string({ maxLength: 130 }), fc.string({ unit: 'grapheme', maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 70 }),
      fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 50 }).map((units) => String.fromCharCode(...units)));
    fc.assert(fc.property(reason, (text) => {
      const result = checkCloseReason(text);
      const bytes = encoder.encode(text).length; // lone surrogates become U+FFFD, as the browser sends them
      expect(result.ok).toBe(bytes <= MAX_CLOSE_REASON_BYTES);
      if (result.ok) expect(result.value).toBe(text);
    }), { numRuns: 2000 });
  });

  it('describeCloseCode never throws and always names the code', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.double()), (code) => {
      expect(describeCloseCode(code).name.length).toBeGreaterThan(0);
    }));
  });
});
