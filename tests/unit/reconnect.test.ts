import { describe, expect, it } from 'vitest';
import { RECONNECT_BASE_MS, RECONNECT_JITTER, RECONNECT_MAX_MS, reconnectDelay } from '../../src/connection/reconnect';

describe('reconnectDelay', () => {
  it('doubles from 1 s without jitter at the midpoint', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelay(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('is capped at 30 s however many attempts', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999]) {
      expect(reconnectDelay(6, random)).toBeLessThanOrEqual(RECONNECT_MAX_MS);
      expect(reconnectDelay(50, random)).toBeLessThanOrEqual(RECONNECT_MAX_MS);
    }
    expect(reconnectDelay(50, () => 0.5)).toBe(RECONNECT_MAX_MS);
  });

  it('spreads each wait by the jitter factor', () => {
    expect(reconnectDelay(1, () => 0)).toBe(RECONNECT_BASE_MS * (1 - RECONNECT_JITTER));
    expect(reconnectDelay(1, () => 1)).toBe(RECONNECT_BASE_MS * (1 + RECONNECT_JITTER));
    expect(reconnectDelay(3, () => 0)).toBe(4000 * (1 - RECONNECT_JITTER));
  });
});
