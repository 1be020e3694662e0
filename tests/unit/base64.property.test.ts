import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBase64, toBase64 } from '../../src/codecs/base64';

const bytes = fc.uint8Array({ maxLength: 300 });

describe('base64 (property)', () => {
  it('round-trips bytes → text → bytes, standard or URL-safe, padded or not, with line breaks', () => {
    fc.assert(fc.property(bytes, fc.boolean(), fc.boolean(), fc.boolean(), (data, urlSafe, unpadded, wrapped) => {
      let text = toBase64(data);
      expect(text).toBe(Buffer.from(data).toString('base64'));
      if (urlSafe) text = text.replace(/\+/g, '-').replace(/\//g, '_');
      if (unpadded) text = text.replace(/=+$/, '');
      if (wrapped) text = text.replace(/(.{76})/g, '$1\r\n');
      expect(parseBase64(text)).toEqual({ ok: true, value: data });
    }));
  });

  it('never throws; accepts exactly what atob accepts among standard strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9+/=]*$/)), (input) => {
      const result = parseBase64(input);
      let browser: string | null;
      try {
        browser = atob(input);
      } catch {
        browser = null;
      }
      if (/^[A-Za-z0-9+/=]*$/.test(input)) {
        expect(result.ok).toBe(browser !== null);
        if (result.ok) expect(Array.from(result.value)).toEqual(Array.from(browser!, (c) => c.charCodeAt(0)));
      }
      if (!result.ok) {
        const position = /position (\d+)/.exec(result.error)?.[1];
        if (position) expect(Number(position)).toBeLessThanOrEqual(input.length);
      }
    }), { numRuns: 2000 });
  });
});
