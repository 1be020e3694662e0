/** How long a flush may wait when no animation frame comes (a hidden tab gets none). */
export const FLUSH_FALLBACK_MS = 200;

/**
 * The shortest time between two flushes. A lone message shows at the next frame; a stream of
 * them is shown at most this often, which is still live to the eye but leaves the main thread to
 * the messages themselves (measured: about a third less rendering under a firehose).
 */
export const MIN_FLUSH_INTERVAL_MS = 50;

export interface FrameFlusher {
  /** Asks for one flush at an animation frame (or the fallback timer, whichever is first). */
  schedule(): void;
  /** Flushes now if a flush is pending. */
  flush(): void;
  cancel(): void;
}

/**
 * Coalesces many `schedule()` calls into one call of `run` per animation frame, and under a
 * steady stream into at most one per MIN_FLUSH_INTERVAL_MS.
 * NOTE: browsers stop animation frames in hidden tabs; the timer keeps the log flowing there
 * (throttled to about once a second by the browser, which is fine: nothing is lost meanwhile).
 */
export function createFrameFlusher(run: () => void, now: () => number = () => performance.now()): FrameFlusher {
  let pending = false;
  let frame: number | null = null;
  let delay: ReturnType<typeof setTimeout> | null = null;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  let lastRun = -Infinity;
  const hasFrames = typeof requestAnimationFrame === 'function';

  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (delay !== null) clearTimeout(delay);
    if (fallback !== null) clearTimeout(fallback);
    frame = delay = fallback = null;
    pending = false;
  };
  const fire = () => {
    cancel();
    lastRun = now();
    run();
  };
  const requestFrame = () => {
    delay = null;
    fallback = setTimeout(fire, FLUSH_FALLBACK_MS);
    if (hasFrames) frame = requestAnimationFrame(fire);
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      // NOTE: waiting with a timer, not by skipping frames: every requested frame costs the page a
      // rendering pass even when nothing changed.
      const wait = lastRun + MIN_FLUSH_INTERVAL_MS - now();
      if (wait > 0) delay = setTimeout(requestFrame, wait);
      else requestFrame();
    },
    flush() {
      if (pending) fire();
    },
    cancel,
  };
}
