import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest';
import {
  createFrameFlusher,
  FLUSH_FALLBACK_MS,
  FLUSH_TIME_SHARE,
  MAX_FLUSH_INTERVAL_MS,
  MIN_FLUSH_INTERVAL_MS,
  PAUSE_CHECK_MS,
  PAUSE_MS,
  RENDER_COST_PER_SCRIPT_MS,
} from '../../src/session/frameFlusher';

/** The flusher's clock: Date.now, which the fake timers move forward. */
const clock = () => Date.now();

/** A hand-driven requestAnimationFrame: frames run only when the test says so. */
function stubFrames() {
  let nextId = 1;
  const pending = new Map<number, FrameRequestCallback>();
  const request = vi.fn((cb: FrameRequestCallback) => {
    const id = nextId++;
    pending.set(id, cb);
    return id;
  });
  const cancel = vi.fn((id: number) => {
    pending.delete(id);
  });
  vi.stubGlobal('requestAnimationFrame', request);
  vi.stubGlobal('cancelAnimationFrame', cancel);
  return {
    request,
    cancel,
    pendingCount: () => pending.size,
    /** Runs every callback requested so far, like the browser painting one frame. */
    frame(time = performance.now()) {
      const callbacks = [...pending.values()];
      pending.clear();
      for (const cb of callbacks) cb(time);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createFrameFlusher with animation frames', () => {
  let frames: ReturnType<typeof stubFrames>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    frames = stubFrames();
  });

  it('coalesces many schedule() calls into one run at the next frame', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    for (let i = 0; i < 1000; i++) flusher.schedule();
    expect(run).not.toHaveBeenCalled();
    expect(frames.request).toHaveBeenCalledTimes(1);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not run again from the fallback timer once the frame has run', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    frames.frame();
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS * 5);
    expect(run).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('under a steady stream runs at most once per MIN_FLUSH_INTERVAL_MS, each time at a frame', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    frames.frame();
    expect(run).toHaveBeenCalledTimes(1);
    for (let f = 2; f <= 5; f++) {
      // A message every 5 ms until the interval has passed.
      for (let t = 0; t < MIN_FLUSH_INTERVAL_MS; t += 5) {
        flusher.schedule();
        // Too soon: no frame is even requested until the interval has passed.
        expect(frames.pendingCount()).toBe(0);
        frames.frame();
        expect(run).toHaveBeenCalledTimes(f - 1);
        vi.advanceTimersByTime(5);
      }
      expect(frames.pendingCount()).toBe(1);
      frames.frame();
      expect(run).toHaveBeenCalledTimes(f);
    }
    // No schedule since the last run: nothing more runs.
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS * 2);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('a lone schedule() after a quiet spell runs at the very next frame', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    frames.frame();
    vi.advanceTimersByTime(MIN_FLUSH_INTERVAL_MS + 1);
    flusher.schedule();
    expect(frames.pendingCount()).toBe(1);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('a schedule() made during run() gets its own later frame', () => {
    const flusher = createFrameFlusher(() => {
      calls++;
      if (calls === 1) flusher.schedule();
    }, clock);
    let calls = 0;
    flusher.schedule();
    frames.frame();
    expect(calls).toBe(1);
    frames.frame();
    expect(calls).toBe(1);
    vi.advanceTimersByTime(MIN_FLUSH_INTERVAL_MS);
    frames.frame();
    expect(calls).toBe(2);
  });

  it('flush() runs a pending flush now and cancels its frame and timer', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    flusher.flush();
    expect(run).toHaveBeenCalledTimes(1);
    expect(frames.cancel).toHaveBeenCalledWith(1);
    expect(frames.pendingCount()).toBe(0);
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS * 2);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('flush() does not space the next flush: a stream that starts right after it shows at its first frame', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    flusher.flush();
    flusher.schedule();
    expect(frames.pendingCount()).toBe(1);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(2);
    // A flush at a frame does space the next one.
    flusher.schedule();
    expect(frames.pendingCount()).toBe(0);
  });

  it('flush() does nothing when no flush is pending', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.flush();
    expect(run).not.toHaveBeenCalled();
    flusher.schedule();
    frames.frame();
    flusher.flush();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('cancel() drops a pending flush', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    flusher.cancel();
    frames.frame();
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS * 2);
    expect(run).not.toHaveBeenCalled();
    // It can be scheduled again afterwards.
    flusher.schedule();
    frames.frame();
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('createFrameFlusher when showing a flush is slow', () => {
  let frames: ReturnType<typeof stubFrames>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    frames = stubFrames();
  });

  /** A flusher whose run() takes `costMs` of the clock, as a slow render would. */
  function slowFlusher(costMs: number) {
    let extra = 0;
    let clockReads = 0;
    const clock = () => {
      clockReads++;
      return Date.now() + extra;
    };
    const run = vi.fn(() => {
      extra += costMs;
    });
    const flusher = createFrameFlusher(run, clock);
    return {
      run,
      flusher,
      /**
       * Shows `count` flushes at once, so the flusher has measured what one costs (it reads that in
       * a microtask); the last at a frame, so the next is spaced from it as under a stream.
       */
      async warmUp(count: number) {
        for (let f = 1; f <= count; f++) {
          flusher.schedule();
          if (f < count) flusher.flush();
          else frames.frame();
          await Promise.resolve();
        }
      },
      /** A task of `ms` on the main thread: the clock moves on while no timer runs. */
      block(ms: number) {
        extra += ms;
      },
      /** How often the flusher has read its clock (while it waits, only its checks do). */
      get clockReads() {
        return clockReads;
      },
    };
  }

  it('spaces flushes under a steady stream so that showing them takes about FLUSH_TIME_SHARE of the time', async () => {
    const { run, flusher, warmUp } = slowFlusher(5);
    await warmUp(4);
    expect(run).toHaveBeenCalledTimes(4);
    // Script takes about 5 ms a flush: a steady stream waits for the whole estimated cost to be a
    // FLUSH_TIME_SHARE of the time, not MIN_FLUSH_INTERVAL_MS.
    const expected = (5 * RENDER_COST_PER_SCRIPT_MS) / FLUSH_TIME_SHARE;
    expect(expected).toBeGreaterThan(2 * MIN_FLUSH_INTERVAL_MS);
    expect(expected).toBeLessThan(MAX_FLUSH_INTERVAL_MS);
    let waited = 0;
    while (frames.pendingCount() === 0 && waited < MAX_FLUSH_INTERVAL_MS * 2) {
      flusher.schedule(); // a message every 10 ms
      vi.advanceTimersByTime(10);
      waited += 10;
    }
    expect(waited).toBeGreaterThanOrEqual(expected * 0.8 - 20);
    expect(waited).toBeLessThanOrEqual(expected + 20);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('never waits longer than MAX_FLUSH_INTERVAL_MS, however slow', async () => {
    const { run, flusher, warmUp } = slowFlusher(1000);
    await warmUp(3);
    expect(run).toHaveBeenCalledTimes(3);
    let waited = 0;
    while (run.mock.calls.length === 3 && waited < 10_000) {
      flusher.schedule();
      vi.advanceTimersByTime(10);
      waited += 10;
    }
    expect(waited).toBeLessThanOrEqual(MAX_FLUSH_INTERVAL_MS + FLUSH_FALLBACK_MS + 10);
  });

  it('when the stream pauses, the waiting flush runs at once instead of at the slow cadence', async () => {
    const { run, flusher, warmUp } = slowFlusher(40);
    await warmUp(3);
    // A burst, then nothing: the frame is requested within about MIN_FLUSH_INTERVAL_MS of the burst,
    // although the slow cadence alone would wait MAX_FLUSH_INTERVAL_MS.
    for (let i = 0; i < 10; i++) {
      flusher.schedule();
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(2 * MIN_FLUSH_INTERVAL_MS);
    // Run at once, not at a frame: nothing more is coming to batch with.
    expect(run).toHaveBeenCalledTimes(4);
    expect(frames.pendingCount()).toBe(0);
  });

  it('shows the end of a long stream within about three frames of its last message, not at the slow cadence', async () => {
    const { run, flusher, warmUp } = slowFlusher(40);
    await warmUp(3);
    // A message every 5 ms for 300 ms: one flush at the slow cadence (MAX_FLUSH_INTERVAL_MS) comes due meanwhile.
    for (let i = 0; i < 60; i++) {
      flusher.schedule();
      vi.advanceTimersByTime(5);
      if (frames.pendingCount()) frames.frame();
    }
    const before = run.mock.calls.length;
    let waited = 5;
    while (run.mock.calls.length === before && waited < MAX_FLUSH_INTERVAL_MS) {
      vi.advanceTimersByTime(1);
      waited++;
    }
    expect(waited).toBeGreaterThanOrEqual(PAUSE_MS);
    // Within about three frames (it was 50-100 ms when the pause was looked for every 50 ms).
    expect(waited).toBeLessThanOrEqual(PAUSE_MS + PAUSE_CHECK_MS + 1);
    expect(waited).toBeLessThanOrEqual(50);
    expect(run).toHaveBeenCalledTimes(before + 1);
  });

  it('a check that comes late (the main thread was busy, messages may be queued) does not take the silence for a pause', async () => {
    const slow = slowFlusher(40);
    const { run, flusher } = slow;
    await slow.warmUp(3);
    // A stream past the minimum interval, at a slow cadence (MAX_FLUSH_INTERVAL_MS).
    for (let t = 0; t < 2 * MIN_FLUSH_INTERVAL_MS; t += 5) {
      flusher.schedule();
      vi.advanceTimersByTime(5);
    }
    // The stream stops until a check has seen its last messages (while waiting, only checks read the clock)…
    const reads = slow.clockReads;
    while (slow.clockReads === reads) vi.advanceTimersByTime(1);
    // …then a 30 ms task: the next check runs late and sees no message, though some may be queued.
    slow.block(30);
    vi.advanceTimersByTime(PAUSE_MS);
    expect(slow.clockReads).toBeGreaterThan(reads + 2);
    expect(run).toHaveBeenCalledTimes(3);
    // The queued messages run and the stream goes on: still no flush before its cadence.
    for (let t = 0; t < 2 * MIN_FLUSH_INTERVAL_MS; t += 5) {
      flusher.schedule();
      vi.advanceTimersByTime(5);
    }
    expect(run).toHaveBeenCalledTimes(3);
    // A real pause (checks on time, no message) still shows at once.
    vi.advanceTimersByTime(2 * PAUSE_MS + 1);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('a gap shorter than PAUSE_MS in a steady stream is not taken for a pause', async () => {
    const { run, flusher, warmUp } = slowFlusher(5);
    await warmUp(3);
    const interval = (5 * RENDER_COST_PER_SCRIPT_MS) / FLUSH_TIME_SHARE;
    // A message every PAUSE_MS - 1 ms: the checks must never see a pause, so nothing runs before the interval.
    let waited = 0;
    while (frames.pendingCount() === 0 && waited < 2 * interval) {
      flusher.schedule();
      vi.advanceTimersByTime(PAUSE_MS - 1);
      waited += PAUSE_MS - 1;
    }
    expect(run).toHaveBeenCalledTimes(3);
    expect(waited).toBeGreaterThanOrEqual(interval - 2 * PAUSE_MS);
    frames.frame();
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('a pause never brings a flush sooner than MIN_FLUSH_INTERVAL_MS after the last one', () => {
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    frames.frame();
    flusher.schedule(); // one message right after a flush, then silence
    vi.advanceTimersByTime(MIN_FLUSH_INTERVAL_MS - 1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('createFrameFlusher without frames (hidden tab)', () => {
  it('falls back to the timer when the frame never comes', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const frames = stubFrames(); // requested frames are never called back
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    for (let i = 0; i < 100; i++) flusher.schedule();
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    // The stale frame request is withdrawn, so a frame arriving later cannot run it twice.
    expect(frames.cancel).toHaveBeenCalledWith(1);
    expect(frames.pendingCount()).toBe(0);

    // Keeps flowing: a later burst, once it has paused, runs after the minimum interval (no frame needed).
    for (let i = 0; i < 100; i++) flusher.schedule();
    vi.advanceTimersByTime(MIN_FLUSH_INTERVAL_MS - 1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    // A steady stream waits for its frame, and without frames for the fallback timer.
    for (let t = 0; t < MIN_FLUSH_INTERVAL_MS + FLUSH_FALLBACK_MS - 5; t += 5) {
      flusher.schedule();
      vi.advanceTimersByTime(5);
    }
    expect(run).toHaveBeenCalledTimes(2);
    flusher.schedule();
    vi.advanceTimersByTime(5);
    expect(run).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS * 10);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('uses the timer alone where requestAnimationFrame does not exist', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubGlobal('requestAnimationFrame', undefined);
    const run = vi.fn();
    const flusher = createFrameFlusher(run, clock);
    flusher.schedule();
    flusher.schedule();
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS);
    expect(run).toHaveBeenCalledTimes(1);
    flusher.schedule();
    flusher.flush();
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(FLUSH_FALLBACK_MS);
    expect(run).toHaveBeenCalledTimes(2);
  });
});
