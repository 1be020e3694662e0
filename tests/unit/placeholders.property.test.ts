import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandPlaceholders, findPlaceholders, PLACEHOLDER_NAMES, type PlaceholderContext } from '../../src/compose/placeholders';

const known = fc.constantFrom(...PLACEHOLDER_NAMES).chain((name) => fc.constantFrom(`{{${name}}}`, `{{ ${name} }}`));
const piece = fc.oneof(fc.string({ maxLength: 8 }), known, fc.constantFrom('{{', '}}', '{', '}', '{{}}', '{{nope}}', '{{{counter}}}'));
const text = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));
const context = fc.record({
  now: fc.integer({ min: 0, max: 8.64e15 }),
  counter: fc.integer(),
  uuid: fc.string({ maxLength: 40 }).map((s) => () => s),
  random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((r) => () => r),
}) as fc.Arbitrary<PlaceholderContext>;

describe('placeholders (property)', () => {
  it('never throws; matches are in order and inside the text', () => {
    fc.assert(fc.property(fc.oneof(text, fc.string()), context, (input, ctx) => {
      const result = expandPlaceholders(input, ctx);
      if (!result.ok) expect(result.error).toMatch(/Unknown placeholder/);
      let last = 0;
      for (const m of findPlaceholders(input)) {
        expect(m.start).toBeGreaterThanOrEqual(last);
        expect(input.slice(m.start, m.end)).toBe(m.raw);
        last = m.end;
      }
    }), { numRuns: 2000 });
  });

  it('text without a placeholder comes out unchanged', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/\{\{[^{}]*\}\}/.test(s)), context, (input, ctx) => {
      expect(expandPlaceholders(input, ctx)).toEqual({ ok: true, value: input });
    }));
  });

  it('known placeholders are all replaced, and substituted values are never scanned again', () => {
    const knownOnly = fc.array(fc.oneof(fc.stringMatching(/^[^{}]{0,6}$/), known), { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(fc.property(knownOnly, context, (input, ctx) => {
      const sneaky = { ...ctx, uuid: () => '{{counter}}' };
      const result = expandPlaceholders(input, sneaky);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const uuids = findPlaceholders(input).filter((m) => m.name === 'uuid').length;
      expect(findPlaceholders(result.value)).toHaveLength(uuids);
      for (const m of findPlaceholders(result.value)) expect(m.raw).toBe('{{counter}}');
    }));
  });

  it('{{random}} is a whole number from 0 to 999999', () => {
    fc.assert(fc.property(context, (ctx) => {
      const result = expandPlaceholders('{{random}}', ctx);
      expect(result.ok && /^\d{1,6}$/.test(result.value)).toBe(true);
    }));
  });
});
