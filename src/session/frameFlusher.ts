/** How long a flush may wait when no animation frame comes (a hidden tab gets none). */
export const FLUSH_FALLBACK_MS = 200;

/**
 * The shortest time between two flushes. A lone message shows at the next frame; a stream of
 * them is shown at most this often, which is still live to the eye but leaves the main thread to
 * the messages themselves (measured: about a third less rendering under a firehose).
 */
export const MIN_FLUSH_INTERVAL_MS = 50;

/**
 * Under a stream, flushes are spaced so that showing them takes about this share of the time: a
 * flush that took 10 ms to show is followed by the next one no sooner than 200 ms later.
 * NOTE: showing also costs the compositor, raster and GPU threads about as much again as what is
 * measured here; at a tenth, rendering alone cost a firehose about a tenth of its rate.
 */
export const FLUSH_TIME_SHARE = 0.05;

/**
 * What showing a flush costs in all, per ms of script that its run() and React's render (and the
 * layout the log's scroll to the end forces) take.
 * NOTE: measured with a Chromium trace under a 2 KiB JSON firehose: about 16 ms of script per
 * flush (traced), then about 26 ms more of layout, pre-paint, paint and commit on the main thread.
 */
export const RENDER_COST_PER_SCRIPT_MS = 3;

/** The longest time between two flushes under a stream, however slow rendering is. */
export const MAX_FLUSH_INTERVAL_MS = 500;

/**
 * No schedule() for this long means the stream has paused: the waiting flush runs at once rather
 * than at the stream's cadence.
 * NOTE: at 50 ms (looked for every 50 ms), the last messages of a burst waited 50-100 ms; at 16 ms,
 * the gaps a loaded machine leaves in a firehose passed for pauses and doubled its flushes.
 */
export const PAUSE_MS = 32;

/** How often a waiting flush looks for a pause: it is seen PAUSE_MS to PAUSE_MS + this after the last message. */
export const PAUSE_CHECK_MS = 16;

/**
 * A check that runs this much later than it was due found the main thread busy: messages that
 * came meanwhile may still wait in the queue, so its silence proves no pause.
 * NOTE: without this, any long enough task under a firehose (a GC, a render) passed for a
 * pause and brought a flush early: about twice the flushes at 64 bytes a message.
 */
export const LATE_CHECK_MS = 8;

export interface FrameFlusher {
  /** Asks for one flush at an animation frame (or the fallback timer, whichever is first). */
  schedule(): void;
  /** Flushes now if a flush is pending; unlike the flushes it schedules, this one does not hold back the next. */
  flush(): void;
  cancel(): void;
}

/**
 * Coalesces many `schedule()` calls into one call of `run` per animation frame, and under a
 * steady stream into at most one per MIN_FLUSH_INTERVAL_MS, or less often when showing a flush
 * is slow (see FLUSH_TIME_SHARE). When the stream pauses (no schedule() for PAUSE_MS), the waiting
 * flush runs at once, so the last messages of a burst never wait for a slow cadence.
 * NOTE: browsers stop animation frames in hidden tabs; the timer keeps the log flowing there
 * (throttled to about once a second by the browser, which is fine: nothing is lost meanwhile).
 */
export function createFrameFlusher(run: () => void, now: () => number = () => performance.now()): FrameFlusher {
  let pending = false;
  let frame: number | null = null;
  let delay: ReturnType<typeof setTimeout> | null = null;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  let lastRun = -Infinity;
  /** What the last flushes cost to show (smoothed), in ms of the main thread. */
  let cost = 0;
  /** schedule() calls ever, and as last seen by a check. */
  let calls = 0;
  let callsSeen = 0;
  /** When the checks last saw schedule() calls come in (or the wait began, or a check came late). */
  let quietSince = 0;
  /** When the waiting check is due. */
  let checkDueAt = 0;
  const hasFrames = typeof requestAnimationFrame === 'function';

  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (delay !== null) clearTimeout(delay);
    if (fallback !== null) clearTimeout(fallback);
    frame = delay = fallback = null;
    pending = false;
  };
  /** Runs the flush; `spaced` ones set when the next may come (see flush() for one that does not). */
  const runFlush = (spaced: boolean) => {
    cancel();
    const start = now();
    if (spaced) lastRun = start;
    run();
    // NOTE: React renders a store update in a microtask queued during run(); this one is queued
    // after it, so it sees the render and commit (the frame's paint comes on top, in proportion).
    queueMicrotask(() => {
      cost = (cost + (now() - start)) / 2;
    });
  };
  const fire = () => runFlush(true);
  const requestFrame = () => {
    delay = null;
    fallback = setTimeout(fire, FLUSH_FALLBACK_MS);
    if (hasFrames) frame = requestAnimationFrame(fire);
  };
  const interval = () => Math.min(MAX_FLUSH_INTERVAL_MS, Math.max(MIN_FLUSH_INTERVAL_MS, (cost * RENDER_COST_PER_SCRIPT_MS) / FLUSH_TIME_SHARE));
  /**
   * While waiting under a stream: flush at a frame once the interval is over; once the stream has
   * paused (no schedule() for PAUSE_MS), flush at once, but never sooner than MIN_FLUSH_INTERVAL_MS
   * after the last flush.
   * NOTE: at once rather than at the next frame: nothing else is coming to batch with, and the
   * frame will paint what this flush changed anyway.
   */
  const check = () => {
    delay = null;
    const t = now();
    const since = t - lastRun;
    if (calls !== callsSeen || t - checkDueAt > LATE_CHECK_MS) {
      callsSeen = calls;
      quietSince = t;
    }
    const quietFor = t - quietSince;
    if (quietFor >= PAUSE_MS && since >= MIN_FLUSH_INTERVAL_MS) return fire();
    if (since >= interval()) return requestFrame();
    const untilPause = quietFor >= PAUSE_MS ? MIN_FLUSH_INTERVAL_MS - since : Math.min(PAUSE_CHECK_MS, PAUSE_MS - quietFor);
    wait(Math.min(interval() - since, untilPause));
  };
  const wait = (ms: number) => {
    checkDueAt = now() + ms;
    delay = setTimeout(check, ms);
  };
  return {
    schedule() {
      calls++;
      if (pending) return;
      pending = true;
      // NOTE: waiting with a timer, not by skipping frames: every requested frame costs the page a
      // rendering pass even when nothing changed.
      const t = now();
      const untilMin = lastRun + MIN_FLUSH_INTERVAL_MS - t;
      if (untilMin <= 0) return requestFrame();
      callsSeen = calls;
      quietSince = t;
      wait(Math.min(untilMin, PAUSE_CHECK_MS));
    },
    flush() {
      // NOTE: not spaced: what it shows was asked for now (a Connect click), and the stream that
      // may follow (a socket opening 20 ms later) should show at its first frame, not 50 ms on.
      if (pending) runFlush(false);
    },
    cancel,
  };
}
