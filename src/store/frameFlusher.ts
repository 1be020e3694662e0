/** How long a flush may wait when no animation frame comes (a hidden tab gets none). */
export const FLUSH_FALLBACK_MS = 200;

export interface FrameFlusher {
  /** Asks for one flush at the next animation frame (or the fallback timer, whichever is first). */
  schedule(): void;
  /** Flushes now if a flush is pending. */
  flush(): void;
  cancel(): void;
}

/**
 * Coalesces many `schedule()` calls into one call of `run` per animation frame.
 * NOTE: browsers stop animation frames in hidden tabs; the timer keeps the log flowing there
 * (throttled to about once a second by the browser, which is fine: nothing is lost meanwhile).
 */
export function createFrameFlusher(run: () => void): FrameFlusher {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const hasFrames = typeof requestAnimationFrame === 'function';

  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  const fire = () => {
    cancel();
    run();
  };
  return {
    schedule() {
      if (timer !== null) return;
      timer = setTimeout(fire, FLUSH_FALLBACK_MS);
      if (hasFrames) frame = requestAnimationFrame(fire);
    },
    flush() {
      if (timer !== null) fire();
    },
    cancel,
  };
}
