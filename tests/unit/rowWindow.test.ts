import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopFor } from '../../src/log/rowWindow';

const base = { rowHeight: 26, overscan: 4, viewHeight: 260 };

describe('rowWindow', () => {
  it('is empty for an empty list', () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 0, following: true })).toEqual({ start: 0, end: 0 });
  });

  it('while following, is the newest rows that fit, whatever the scroll offset', () => {
    // 260 px of 26 px rows: 10 fit, 11 when the top one is cut.
    expect(rowWindow({ ...base, count: 1000, scrollTop: 0, following: true })).toEqual({ start: 989, end: 1000 });
    expect(rowWindow({ ...base, count: 5, scrollTop: 0, following: true })).toEqual({ start: 0, end: 5 });
  });

  it('otherwise, is the rows at the scroll offset with overscan each side', () => {
    expect(rowWindow({ ...base, count: 1000, scrollTop: 26 * 100, following: false })).toEqual({ start: 96, end: 115 });
    expect(rowWindow({ ...base, count: 1000, scrollTop: 0, following: false })).toEqual({ start: 0, end: 15 });
    expect(rowWindow({ ...base, count: 20, scrollTop: 26 * 1000, following: false })).toEqual({ start: 15, end: 20 });
  });

  it('always covers every row in the viewport (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 10 }), (count, offset, viewHeight, overscan) => {
        const maxTop = Math.max(0, count * 26 - viewHeight);
        const scrollTop = Math.min(offset, maxTop);
        const { start, end } = rowWindow({ count, scrollTop, viewHeight, rowHeight: 26, overscan, following: false });
        const firstVisible = Math.floor(scrollTop / 26);
        const lastVisible = Math.min(count - 1, Math.ceil((scrollTop + viewHeight) / 26) - 1);
        expect(start).toBeLessThanOrEqual(firstVisible);
        expect(end).toBeGreaterThan(lastVisible);
        expect(end - start).toBeLessThanOrEqual(Math.ceil(viewHeight / 26) + 1 + 2 * overscan);
        // Following at the end shows the same rows as scrolled to the end.
        const pinned = rowWindow({ count, scrollTop: 0, viewHeight, rowHeight: 26, overscan, following: true });
        expect(pinned.end).toBe(count);
        expect(pinned.start).toBeLessThanOrEqual(Math.floor(maxTop / 26));
      }),
    );
  });
});

describe('scrollTopFor', () => {
  it('scrolls the least that shows the row, or not at all', () => {
    expect(scrollTopFor(5, 260, 260, 26)).toBe(130);
    expect(scrollTopFor(30, 260, 260, 26)).toBe(31 * 26 - 260);
    expect(scrollTopFor(12, 260, 260, 26)).toBe(260);
  });
});
