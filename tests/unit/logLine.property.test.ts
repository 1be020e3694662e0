import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadSize } from '../../src/codecs/payload';
import { entryToLine } from '../../src/export/jsonl';
import { LogLineReader, MAX_PROBLEMS } from '../../src/export/lineReader';
import { readEntryLine, type ImportedEntry } from '../../src/export/logLine';
import { isPlausibleTime } from '../../src/persist/bounds';
import { ENTRY_KINDS } from '../../src/store/logEntry';

const T0 = Date.UTC(2001, 0, 1);
const time = fc.oneof(fc.integer({ min: T0, max: Date.now() }), fc.double(), fc.constantFrom(1e20, -1, 0, Infinity, NaN), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 }));
const field = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
/** Objects shaped like entry lines, with every field sometimes right and often wrong. */
const lineObject = fc.record({
  time, at: field, kind: fc.oneof(fc.constantFrom(...ENTRY_KINDS), field), type: field, direction: fc.oneof(fc.constantFrom('in', 'out'), field),
  size: fc.oneof(fc.integer(), fc.double(), field), payload: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), field), data: field,
  payloadBase64: fc.oneof(fc.base64String(), field), payloadHex: fc.oneof(fc.stringMatching(/^[0-9a-f]*$/), field), binary: field,
  format: fc.oneof(fc.constantFrom('text', 'json', 'hex', 'base64'), field), close: fc.oneof(fc.record({ code: fc.oneof(fc.integer({ min: 0, max: 70_000 }), field), reason: field, clean: field }, { requiredKeys: [] }), field),
  code: field, reason: field,
}, { requiredKeys: [] });

const entry: fc.Arbitrary<ImportedEntry> = fc.oneof(
  fc.record({ at: fc.integer({ min: T0, max: Date.now() }), kind: fc.constantFrom('sent' as const, 'received' as const), data: fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 64 }).map((b) => b.slice().buffer as ArrayBuffer)), format: fc.constantFrom(null, 'text' as const, 'hex' as const) })
    .map((e) => ({ ...e, size: payloadSize(e.data), close: null, format: e.kind === 'sent' ? e.format : null })),
  fc.record({ at: fc.integer({ min: T0, max: Date.now() }), kind: fc.constantFrom('state' as const, 'info' as const, 'error' as const), data: fc.string({ maxLength: 80 }) })
    .map((e) => ({ ...e, size: 0, close: null, format: null })),
  fc.record({ at: fc.integer({ min: T0, max: Date.now() }), code: fc.integer({ min: 1000, max: 4999 }), reason: fc.string({ maxLength: 40 }), wasClean: fc.boolean() })
    .map(({ at, code, reason, wasClean }) => ({ at, kind: 'close' as const, data: reason, size: 0, close: { code, reason, wasClean }, format: null })),
);

describe('import line parser (property)', () => {
  it('never throws; what it accepts has a plausible time, a known kind and a size measured from the payload', () => {
    fc.assert(fc.property(lineObject, (obj) => {
      const result = readEntryLine(obj as Record<string, unknown>);
      if (!result.ok) {
        expect(result.error.length).toBeGreaterThan(0);
        return;
      }
      const e = result.value;
      expect(isPlausibleTime(e.at)).toBe(true);
      expect(ENTRY_KINDS).toContain(e.kind);
      expect(e.size).toBe(e.kind === 'sent' || e.kind === 'received' ? payloadSize(e.data) : 0);
      if (e.format !== null) expect(e.kind).toBe('sent');
    }), { numRuns: 3000 });
  });

  it('an exported entry reads back as itself', () => {
    fc.assert(fc.property(entry, (e) => {
      const back = readEntryLine(JSON.parse(JSON.stringify(entryToLine(e, { includeSecrets: true }))) as Record<string, unknown>);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      const bytes = (d: unknown) => (typeof d === 'string' ? d : Array.from(new Uint8Array(d as ArrayBuffer)));
      expect({ ...back.value, data: bytes(back.value.data) }).toEqual({ ...e, data: bytes(e.data) });
    }));
  });

  it('reads the same whatever the text is cut into, and never keeps more than the problem limit', () => {
    const lines = fc.array(fc.oneof(entry.map((e) => JSON.stringify(entryToLine(e, { includeSecrets: true }))), fc.string(), lineObject.map((o) => JSON.stringify(o))), { maxLength: 30 });
    fc.assert(fc.property(lines, fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 6 }), (ls, eol, cuts) => {
      const text = ls.join(eol);
      const run = (pieces: string[]) => {
        const got: ImportedEntry[] = [];
        const reader = new LogLineReader((e) => got.push(e), { maxProblems: 5 });
        for (const p of pieces) reader.push(p);
        reader.end();
        return { got, problems: reader.problems, count: reader.problemCount, entries: reader.entryCount };
      };
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const pieces = [0, ...points].map((start, i, all) => text.slice(start, all[i + 1] ?? text.length));
      const whole = run([text]);
      expect(run(pieces)).toEqual(whole);
      expect(whole.problems.length).toBeLessThanOrEqual(5);
      expect(whole.problems.length).toBe(Math.min(5, whole.count));
    }), { numRuns: 500 });
    expect(MAX_PROBLEMS).toBe(100);
  });
});
