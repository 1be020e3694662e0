import { describe, it, expect } from 'vitest';
import { LogBuffer } from '../../src/session/logBuffer';
import type { LogEntry } from '../../src/store/logEntry';

/** A received text entry whose size is given explicitly (the buffer trusts `size`). */
function entry(data: string, size = data.length): Omit<LogEntry, 'seq'> {
  return { at: 0, kind: 'received', data, size, close: null, format: null };
}

function push(log: LogBuffer, n: number, size = 1, from = log.lastSeq + 1): void {
  for (let i = 0; i < n; i++) log.push(entry(`m${from + i}`, size));
}

/** Every kept entry's data, oldest first, read through at(). */
function kept(log: LogBuffer): string[] {
  const out: string[] = [];
  for (let i = 0; i < log.length; i++) out.push(log.at(i)!.data as string);
  return out;
}

const BIG = Number.MAX_SAFE_INTEGER;

describe('LogBuffer: bound by entries', () => {
  it('keeps the newest maxEntries entries and counts the rest as trimmed', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: BIG });
    push(log, 250);
    expect(log.length).toBe(100);
    expect(log.firstSeq).toBe(151);
    expect(log.lastSeq).toBe(250);
    expect(log.trimmed).toBe(150);
    expect(log.dropped).toBe(150);
    expect(log.keptBytes).toBe(100);
  });

  it('at() indexes the kept entries oldest first, across the ring wrap', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: BIG });
    push(log, 250);
    expect(log.at(0)).toMatchObject({ seq: 151, data: 'm151' });
    expect(log.at(49)).toMatchObject({ seq: 200, data: 'm200' });
    expect(log.at(50)).toMatchObject({ seq: 201, data: 'm201' });
    expect(log.at(99)).toMatchObject({ seq: 250, data: 'm250' });
    expect(log.at(100)).toBeUndefined();
    expect(log.at(-1)).toBeUndefined();
    expect(kept(log)).toEqual(Array.from({ length: 100 }, (_, i) => `m${151 + i}`));
  });

  it('bySeq() finds kept entries and nothing for trimmed or future seqs', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: BIG });
    push(log, 250);
    expect(log.bySeq(151)).toMatchObject({ seq: 151, data: 'm151' });
    expect(log.bySeq(222)).toMatchObject({ seq: 222, data: 'm222' });
    expect(log.bySeq(250)).toMatchObject({ seq: 250, data: 'm250' });
    expect(log.bySeq(150)).toBeUndefined();
    expect(log.bySeq(1)).toBeUndefined();
    expect(log.bySeq(251)).toBeUndefined();
  });

  it('push() returns the stored entry with its seq, starting at 1', () => {
    const log = new LogBuffer({ maxEntries: 3, maxBytes: BIG });
    expect(log.lastSeq).toBe(0);
    expect(log.firstSeq).toBe(1);
    expect(log.dropped).toBe(0);
    const first = log.push(entry('a'));
    const second = log.push(entry('b'));
    expect(first).toMatchObject({ seq: 1, data: 'a' });
    expect(second).toMatchObject({ seq: 2, data: 'b' });
    expect(log.bySeq(2)).toBe(second);
  });
});

describe('LogBuffer: byte budget', () => {
  it('drops the oldest entries while the kept payload is over maxBytes', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: 10 });
    log.push(entry('a', 4));
    log.push(entry('b', 4));
    expect(log.keptBytes).toBe(8);
    expect(log.trimmed).toBe(0);
    log.push(entry('c', 4)); // 12 > 10: drop "a"
    expect(kept(log)).toEqual(['b', 'c']);
    expect(log.keptBytes).toBe(8);
    expect(log.trimmed).toBe(1);
    log.push(entry('d', 2)); // 10 is not over 10
    expect(kept(log)).toEqual(['b', 'c', 'd']);
    expect(log.keptBytes).toBe(10);
  });

  it('always keeps the newest entry, even when it alone is over the budget', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: 10 });
    log.push(entry('a', 3));
    log.push(entry('b', 3));
    log.push(entry('huge', 25));
    expect(kept(log)).toEqual(['huge']);
    expect(log.keptBytes).toBe(25);
    expect(log.trimmed).toBe(2);
    expect(log.firstSeq).toBe(3);
    // The next entry pushes the oversized one out.
    log.push(entry('e', 1));
    expect(kept(log)).toEqual(['e']);
    expect(log.keptBytes).toBe(1);
    expect(log.trimmed).toBe(3);
  });

  it('zero-size events never count against the byte budget', () => {
    const log = new LogBuffer({ maxEntries: 5, maxBytes: 0 });
    for (let i = 0; i < 5; i++) log.push({ at: 0, kind: 'state', data: 'OPEN', size: 0, close: null, format: null });
    expect(log.length).toBe(5);
    expect(log.trimmed).toBe(0);
  });
});

describe('LogBuffer: clear()', () => {
  it('empties the log and resets trimmed, while seqs keep counting', () => {
    const log = new LogBuffer({ maxEntries: 10, maxBytes: BIG });
    push(log, 15);
    expect(log.trimmed).toBe(5);
    log.clear();
    expect(log.length).toBe(0);
    expect(log.keptBytes).toBe(0);
    expect(log.trimmed).toBe(0);
    expect(log.at(0)).toBeUndefined();
    expect(log.bySeq(15)).toBeUndefined();
    expect(log.lastSeq).toBe(15);
    expect(log.firstSeq).toBe(16);
    // Cleared entries have left the front too.
    expect(log.dropped).toBe(15);

    const next = log.push(entry('after'));
    expect(next.seq).toBe(16);
    expect(log.at(0)).toBe(next);
    expect(log.bySeq(16)).toBe(next);
    expect(log.length).toBe(1);
  });

  it('works as a full ring again after clearing', () => {
    const log = new LogBuffer({ maxEntries: 4, maxBytes: BIG });
    push(log, 6);
    log.clear();
    push(log, 6);
    expect(kept(log)).toEqual(['m9', 'm10', 'm11', 'm12']);
    expect(log.trimmed).toBe(2);
  });
});

describe('LogBuffer: setLimits()', () => {
  it('shrinking keeps the newest entries in order and counts each dropped one once', () => {
    const log = new LogBuffer({ maxEntries: 10, maxBytes: BIG });
    push(log, 15); // ring has wrapped: head is in the middle
    expect(log.trimmed).toBe(5);
    log.setLimits({ maxEntries: 4, maxBytes: BIG });
    expect(kept(log)).toEqual(['m12', 'm13', 'm14', 'm15']);
    expect(log.trimmed).toBe(11);
    expect(log.dropped).toBe(11);
    expect(log.firstSeq).toBe(12);
    expect(log.bySeq(11)).toBeUndefined();
    expect(log.bySeq(12)).toMatchObject({ data: 'm12' });
    // The new bound applies to later pushes.
    push(log, 1);
    expect(kept(log)).toEqual(['m13', 'm14', 'm15', 'm16']);
    expect(log.trimmed).toBe(12);
  });

  it('shrinking by both count and bytes counts every dropped entry exactly once', () => {
    const log = new LogBuffer({ maxEntries: 10, maxBytes: BIG });
    push(log, 10, 10);
    log.setLimits({ maxEntries: 5, maxBytes: 30 });
    expect(kept(log)).toEqual(['m8', 'm9', 'm10']);
    expect(log.keptBytes).toBe(30);
    expect(log.trimmed).toBe(7);
    expect(log.trimmed + log.length).toBe(log.lastSeq);
  });

  it('growing keeps every entry and lets more in', () => {
    const log = new LogBuffer({ maxEntries: 3, maxBytes: BIG });
    push(log, 5);
    log.setLimits({ maxEntries: 6, maxBytes: BIG });
    expect(kept(log)).toEqual(['m3', 'm4', 'm5']);
    expect(log.trimmed).toBe(2);
    push(log, 4);
    expect(kept(log)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(log.trimmed).toBe(3);
    expect(log.limit).toEqual({ maxEntries: 6, maxBytes: BIG });
  });
});

describe('LogBuffer: invariants under random use', () => {
  it('matches a plain array model for any mix of push, clear and setLimits', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let limits = { maxEntries: 7, maxBytes: 40 };
    const log = new LogBuffer(limits);
    let model: { seq: number; size: number }[] = [];
    let trimmed = 0;
    let nextSeq = 1;
    const enforce = () => {
      while (model.length > limits.maxEntries) {
        model.shift();
        trimmed++;
      }
      while (model.length > 1 && model.reduce((a, e) => a + e.size, 0) > limits.maxBytes) {
        model.shift();
        trimmed++;
      }
    };
    for (let step = 0; step < 3000; step++) {
      const op = rand(100);
      if (op < 90) {
        const size = rand(15);
        log.push(entry(`m${nextSeq}`, size));
        model.push({ seq: nextSeq++, size });
        // the ring drops by count before by bytes, like the model
        enforce();
      } else if (op < 93) {
        log.clear();
        model = [];
        trimmed = 0;
      } else {
        limits = { maxEntries: 1 + rand(12), maxBytes: rand(60) };
        log.setLimits(limits);
        enforce();
      }
      expect(log.length).toBe(model.length);
      expect(log.trimmed).toBe(trimmed);
      expect(log.lastSeq).toBe(nextSeq - 1);
      expect(log.firstSeq).toBe(model[0]?.seq ?? nextSeq);
      expect(log.dropped).toBe(log.firstSeq - 1);
      expect(log.keptBytes).toBe(model.reduce((a, e) => a + e.size, 0));
      for (let i = 0; i < model.length; i++) {
        expect(log.at(i)?.seq).toBe(model[i]!.seq);
        expect(log.bySeq(model[i]!.seq)?.data).toBe(`m${model[i]!.seq}`);
      }
    }
  });
});

describe('LogBuffer: why entries were trimmed', () => {
  it('counts the entries dropped for the byte budget apart from those dropped for the count', () => {
    const log = new LogBuffer({ maxEntries: 10, maxBytes: 100 });
    push(log, 20, 1);
    expect([log.trimmed, log.trimmedForBytes]).toEqual([10, 0]);
    // Entries of 30 bytes: four of them go over the count first (one entry each), then 8 entries go for the budget (only three fit in 100 bytes).
    push(log, 5, 30);
    expect(log.length).toBe(3);
    expect([log.trimmed, log.trimmedForBytes]).toEqual([22, 8]);
    log.clear();
    expect([log.trimmed, log.trimmedForBytes]).toEqual([0, 0]);
  });

  it('counts a lower limit set later by what it exceeds', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: 1000 });
    push(log, 50, 10);
    log.setLimits({ maxEntries: 40, maxBytes: 1000 });
    log.setLimits({ maxEntries: 40, maxBytes: 300 });
    expect([log.length, log.trimmed, log.trimmedForBytes]).toEqual([30, 20, 10]);
  });
});
