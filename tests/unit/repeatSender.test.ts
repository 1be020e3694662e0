import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPEAT_HIGH_WATER_BYTES, startRepeat } from '../../src/connection/repeatSender';
import type { Connection, Payload, ReadyState } from '../../src/connection/types';

/** A connection that records sends; its buffer drains only when the test says so. */
function fakeConnection() {
  const sent: Payload[] = [];
  const state = { readyState: 'OPEN' as ReadyState, bufferedAmount: 0 };
  const connection: Connection = {
    transport: 'simulator',
    get readyState() {
      return state.readyState;
    },
    get bufferedAmount() {
      return state.bufferedAmount;
    },
    send: (data) => {
      sent.push(data);
      state.bufferedAmount += typeof data === 'string' ? data.length : data.byteLength;
    },
    close: () => {},
    dispose: () => {},
  };
  return { connection, sent, state };
}

afterEach(() => vi.useRealTimers());

describe('startRepeat', () => {
  it('sends count times at the interval and reports progress, then done', () => {
    vi.useFakeTimers();
    const { connection, sent } = fakeConnection();
    const progress: number[] = [];
    const done = vi.fn();
    startRepeat(connection, () => 'x', 3, 100, (_d, p) => progress.push(p.sent), done);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(3);
    expect(progress).toEqual([1, 2, 3]);
    expect(done).toHaveBeenCalledWith({ sent: 3, total: 3 }, undefined);
  });

  it('with 0 ms waits while the buffer is above the high-water mark', () => {
    vi.useFakeTimers();
    const { connection, sent, state } = fakeConnection();
    const big = 'y'.repeat(REPEAT_HIGH_WATER_BYTES / 4);
    const done = vi.fn();
    startRepeat(connection, () => big, 100, 0, () => {}, done);
    // Four quarter-megabyte sends fill the buffer up to the mark; the fifth is held back... until drained.
    expect(sent.length).toBeLessThanOrEqual(5);
    vi.advanceTimersByTime(100);
    expect(sent.length).toBeLessThanOrEqual(5);
    state.bufferedAmount = 0;
    vi.advanceTimersByTime(20);
    expect(sent.length).toBeGreaterThan(5);
    while (!done.mock.calls.length) {
      state.bufferedAmount = 0;
      vi.advanceTimersByTime(20);
    }
    expect(sent).toHaveLength(100);
  });

  it('stop() ends it early and says so', () => {
    vi.useFakeTimers();
    const { connection, sent } = fakeConnection();
    const done = vi.fn();
    const handle = startRepeat(connection, () => 'x', 10, 50, () => {}, done);
    vi.advanceTimersByTime(50);
    handle.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    expect(done).toHaveBeenCalledWith({ sent: 2, total: 10 }, 'stopped');
  });

  it('ends with the reason when the connection closes midway', () => {
    vi.useFakeTimers();
    const { connection, state } = fakeConnection();
    const done = vi.fn();
    startRepeat(connection, () => 'x', 10, 50, () => {}, done);
    state.readyState = 'CLOSED';
    vi.advanceTimersByTime(50);
    expect(done).toHaveBeenCalledWith({ sent: 1, total: 10 }, 'the connection is CLOSED');
  });
});
