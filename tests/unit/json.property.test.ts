import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/codecs/json';

/** JSON text with one character inserted, deleted or replaced: mostly invalid, near valid. */
const broken = fc.tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\n', 'x', '\\', '0', ' ', '\u0001'))
  .map(([text, at, how, c]) => {
    const pretty = Math.random() < 0.5 ? text : JSON.stringify(JSON.parse(text), null, 2);
    const i = pretty.length ? at % (pretty.length + 1) : 0;
    if (how === 'insert') return pretty.slice(0, i) + c + pretty.slice(i);
    if (how === 'delete') return pretty.slice(0, i) + pretty.slice(i + 1);
    return pretty.slice(0, i) + c + pretty.slice(i + 1);
  });

describe('parseJson (property)', () => {
  it('accepts every valid JSON text with its value', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
    }));
  });

  it('never throws; an error location is always a line and column inside the input', () => {
    fc.assert(fc.property(fc.oneof(broken, fc.string(), fc.string({ unit: 'binary' })), (text) => {
      const result = parseJson(text);
      if (result.ok) return;
      const at = /at line (\d+), column (\d+)/.exec(result.error);
      if (!at) return;
      const lines = text.split('\n');
      const line = Number(at[1]);
      const column = Number(at[2]);
      expect(line).toBeGreaterThanOrEqual(1);
      expect(line).toBeLessThanOrEqual(lines.length);
      expect(column).toBeGreaterThanOrEqual(1);
      expect(column).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
    }), { numRuns: 2000 });
  });
});
