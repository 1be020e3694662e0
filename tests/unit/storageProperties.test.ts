import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadState } from '../../src/persist/load';
import { mergeShared, type SharedRecords } from '../../src/persist/merge';
import { createSaver } from '../../src/persist/saver';
import { SCHEMA_VERSION, STORAGE_KEY, validateState, type PersistedState } from '../../src/persist/schema';
import { MESSAGE_FORMATS } from '../../src/compose/formats';
import { MemoryStorage } from './support/memoryStorage';

const stored = (raw: string) => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, raw);
  return storage;
};

/** A loaded state is itself valid: what load returns would pass the schema again unchanged. */
function expectValid(state: PersistedState) {
  const again = validateState(JSON.parse(JSON.stringify(state)));
  expect(again.ok).toBe(true);
  if (again.ok) expect(again.value.dropped).toEqual([]);
}

const now = Date.now();
const time = fc.integer({ min: now - 20 * 86_400_000, max: now });
// URLs without `?`, `#` or `@`: the secrets rule leaves them as they are, so they round-trip.
const plain = (max: number) => fc.string({ maxLength: max }).filter((s) => !/[?#@]/.test(s));
const format = fc.constantFrom(...MESSAGE_FORMATS.map((f) => f.value));

const savedMessage = fc.record({
  id: fc.uuid(),
  name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0),
  folder: fc.string({ maxLength: 10 }).map((s) => s.trim()),
  body: fc.string({ maxLength: 50 }),
  format,
  createdAt: time,
  updatedAt: time,
});

const validState: fc.Arbitrary<PersistedState> = fc
  .record({
    tabs: fc.array(fc.record({ url: plain(30), subprotocols: fc.string({ maxLength: 10 }), message: fc.string({ maxLength: 40 }), format }), { maxLength: 4 }),
    saved: fc.uniqueArray(savedMessage, { selector: (m) => m.id, maxLength: 6 }),
    // Distinct endpoints with distinct times, newest first, at most 20: the order load keeps.
    history: fc
      .uniqueArray(fc.record({ url: plain(20).filter((u) => u.trim() === u && u.length > 0), subprotocols: fc.constantFrom('', 'chat'), at: time }), {
        selector: (e) => e.at,
        maxLength: 8,
      })
      .map((list) => {
        const seen = new Set<string>();
        return list.filter((e) => !seen.has(`${e.url}\n${e.subprotocols}`) && seen.add(`${e.url}\n${e.subprotocols}`)).sort((a, b) => b.at - a.at);
      }),
    tombstones: fc.uniqueArray(fc.record({ id: fc.uuid(), at: time }), { selector: (t) => t.id, maxLength: 4 }),
    remember: fc.array(plain(20).filter((u) => u.trim() === u && u.length > 0), { maxLength: 3 }),
  })
  .map(({ tabs, saved, history, tombstones, remember }) => ({
    version: SCHEMA_VERSION,
    tabs,
    saved,
    history,
    deleted: { saved: tombstones, history: [] },
    settings: { rememberSecretsFor: remember },
  }));

describe('the storage loader, on any input', () => {
  it('any JSON value never throws past load, and what it returns is valid', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const { state } = loadState(stored(JSON.stringify(value)));
        expectValid(state);
      }),
      { numRuns: 300 },
    );
  });

  it('any string never throws past load', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        expectValid(loadState(stored(raw)).state);
      }),
      { numRuns: 300 },
    );
  });

  it('any object shaped like a state (random fields in the right places) loads without throwing', () => {
    const anyValue = fc.jsonValue({ maxDepth: 2 });
    fc.assert(
      fc.property(
        fc.record({ version: fc.oneof(fc.constantFrom(0, 1, 2), anyValue), tabs: fc.array(anyValue), saved: fc.array(anyValue), history: fc.array(anyValue), settings: anyValue }, { requiredKeys: [] }),
        (value) => {
          expectValid(loadState(stored(JSON.stringify(value))).state);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a valid state', () => {
  it('round-trips through save → load unchanged', () => {
    fc.assert(
      fc.property(validState, (state) => {
        const storage = new MemoryStorage();
        const saver = createSaver(storage);
        saver.save(state);
        saver.flush();
        expect(loadState(storage)).toEqual({ state });
      }),
      { numRuns: 200 },
    );
  });
});

describe('mergeShared', () => {
  const shared = validState.map((s): SharedRecords => ({ saved: s.saved, history: s.history, deleted: s.deleted }));
  const canonical = (r: SharedRecords) => JSON.stringify(r);

  it('is commutative and idempotent, so every tab ends with the same records', () => {
    fc.assert(
      fc.property(shared, shared, (a, b) => {
        const ab = mergeShared(a, b, now);
        expect(canonical(ab)).toBe(canonical(mergeShared(b, a, now)));
        expect(canonical(mergeShared(ab, ab, now))).toBe(canonical(ab));
        expect(canonical(mergeShared(ab, a, now))).toBe(canonical(ab));
      }),
      { numRuns: 200 },
    );
  });

  it('loses no record that was not deleted later than its last change', () => {
    fc.assert(
      fc.property(shared, shared, (a, b) => {
        const merged = mergeShared(a, b, now);
        const ids = new Set(merged.saved.map((m) => m.id));
        const marks = new Map([...a.deleted.saved, ...b.deleted.saved].map((t) => [t.id, t.at]));
        for (const m of [...a.saved, ...b.saved]) {
          if ((marks.get(m.id) ?? -Infinity) < m.updatedAt) expect(ids.has(m.id)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
