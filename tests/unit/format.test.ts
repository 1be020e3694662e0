import { describe, it, expect } from 'vitest';
import { formatBytes } from '../../src/format/bytes';
import { formatCount } from '../../src/format/count';
import { formatClock, formatDate, formatDateTime, formatDuration } from '../../src/format/time';

describe('formatDateTime and formatDate', () => {
  it('give the local date (and time to the second), zero-padded', () => {
    expect(formatDateTime(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('2024-01-02 03:04:05');
    expect(formatDate(new Date(2024, 11, 31, 23, 59).getTime())).toBe('2024-12-31');
  });
});

describe('formatClock', () => {
  it('formats local time as HH:MM:SS.mmm with zero padding', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
    expect(formatClock(new Date(2024, 11, 31, 23, 59, 59, 999).getTime())).toBe('23:59:59.999');
    expect(formatClock(new Date(2024, 5, 1, 12, 30, 0, 50).getTime())).toBe('12:30:00.050');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [999.6, '1.00 s'],
    [1250, '1.25 s'],
    [59_994, '59.99 s'],
    [59_996, '1 min 00 s'],
    [125_000, '2 min 05 s'],
    [3_599_000, '59 min 59 s'],
    [3_599_600, '1 h 00 min'],
    [3_720_000, '1 h 02 min'],
    [90_000_000, '25 h 00 min'],
    [-5, '0 ms'],
    [Number.NaN, '—'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [64, '64 B'],
    [1023, '1,023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024, '10.0 KiB'],
    [1024 * 1024 - 1, '1.00 MiB'],
    [16 * 1024 * 1024, '16.0 MiB'],
    [1.5 * 1024 ** 3, '1.50 GiB'],
    [2 * 1024 ** 4, '2.00 TiB'],
    [2048 * 1024 ** 4, '2,048.0 TiB'],
    [-64, '-64 B'],
  ])('formats %d as %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1_000_000, '1,000,000'],
    [-1234, '-1,234'],
    [1234.6, '1,235'],
  ])('formats %d as %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });
});
