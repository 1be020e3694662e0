import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_SECONDS, RateWindow } from '../../src/stats/rateWindow';

const T0 = 1_700_000_000_000; // a whole second, epoch ms

describe('RateWindow', () => {
  it('reports the last complete second, not the current one', () => {
    const w = new RateWindow();
    for (let i = 0; i < 5; i++) w.add(T0 + i * 100);
    expect(w.perSecond(T0 + 900)).toBe(0); // that second is not complete yet
    expect(w.perSecond(T0 + 1000)).toBe(5);
    expect(w.perSecond(T0 + 1999)).toBe(5);
    w.add(T0 + 1500, 3);
    expect(w.perSecond(T0 + 2000)).toBe(3);
    expect(w.perSecond(T0 + 3000)).toBe(0); // nothing arrived in the second before
    expect(w.total).toBe(8);
  });

  it('counts exactly at second boundaries', () => {
    const w = new RateWindow();
    w.add(T0 - 1);
    w.add(T0);
    w.add(T0 + 999);
    w.add(T0 + 1000);
    expect(w.perSecond(T0 + 1000)).toBe(2);
    expect(w.perSecond(T0 + 2000)).toBe(1);
  });

  it('gives 60 numbers for the last minute, oldest first, zero where nothing came', () => {
    const w = new RateWindow();
    for (let s = 0; s < 90; s++) w.add(T0 + s * 1000 + 10, s);
    const series = w.series(T0 + 90_000);
    expect(series).toHaveLength(RATE_WINDOW_SECONDS);
    expect(series).toEqual(Array.from({ length: 60 }, (_, i) => 30 + i));
    // Seconds skipped over read 0, and after a minute of silence everything is 0.
    expect(w.series(T0 + 95_000).slice(-5)).toEqual([0, 0, 0, 0, 0]);
    expect(w.series(T0 + 200_000)).toEqual(new Array(60).fill(0));
    expect(w.perSecond(T0 + 200_000)).toBe(0);
  });

  it('zeroes the buckets it skips over when traffic resumes after a gap', () => {
    const w = new RateWindow();
    for (let s = 0; s < 60; s++) w.add(T0 + s * 1000, 7);
    w.add(T0 + 75_000, 2); // 15 silent seconds, then traffic again
    const series = w.series(T0 + 76_000);
    expect(series.slice(-1)).toEqual([2]);
    expect(series.slice(-16, -1)).toEqual(new Array(15).fill(0));
    expect(series.slice(0, 44)).toEqual(new Array(44).fill(7));
  });

  it('keeps counting in the current second when the clock goes back', () => {
    const w = new RateWindow();
    w.add(T0 + 5000);
    w.add(T0 + 3000);
    expect(w.perSecond(T0 + 6000)).toBe(2);
    w.add(T0 + 6000);
    expect(w.perSecond(T0 + 7000)).toBe(1);
  });

  it('reset forgets everything', () => {
    const w = new RateWindow();
    w.add(T0, 10);
    w.reset();
    expect(w.perSecond(T0 + 1000)).toBe(0);
    expect(w.total).toBe(0);
  });

  it('handles a firehose of adds cheaply and exactly', () => {
    const w = new RateWindow();
    for (let i = 0; i < 200_000; i++) w.add(T0 + i * 0.025); // 40,000 per second for 5 s
    expect(w.series(T0 + 5000).slice(-5)).toEqual([40_000, 40_000, 40_000, 40_000, 40_000]);
  });
});
