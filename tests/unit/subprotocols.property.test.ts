import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSubprotocols } from '../../src/protocol/subprotocols';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const token = fc.stringMatching(TOKEN, { maxLength: 12 }).filter((t) => t.length > 0);
const separator = fc.constantFrom(',', ' ', ', ', '\t', ' , ,', '\n');

describe('parseSubprotocols (property)', () => {
  it('never throws; what it accepts are distinct RFC 7230 tokens', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (input) => {
      const result = parseSubprotocols(input);
      if (!result.ok) return;
      for (const t of result.value) expect(t).toMatch(TOKEN);
      expect(new Set(result.value).size).toBe(result.value.length);
    }), { numRuns: 2000 });
  });

  it('reads back the tokens it was given, whatever the separators', () => {
    fc.assert(fc.property(fc.uniqueArray(token, { maxLength: 8 }), fc.array(separator, { minLength: 9, maxLength: 9 }), (tokens, seps) => {
      const input = tokens.map((t, i) => t + seps[i]).join('');
      expect(parseSubprotocols(input)).toEqual({ ok: true, value: tokens });
      expect(parseSubprotocols(tokens.join(', '))).toEqual({ ok: true, value: tokens });
    }));
  });

  it('rejects a list with a repeated token or a character outside the token set', () => {
    fc.assert(fc.property(token, fc.constantFrom('"', '(', ')', '/', ':', ';', '<', '=', '>', '?', '@', '[', '\\', ']', '{', '}', 'é', '\u0000'), (t, bad) => {
      expect(parseSubprotocols(`${t}, ${t}`).ok).toBe(false);
      expect(parseSubprotocols(`${t}${bad}`).ok).toBe(false);
    }));
  });
});
