/** First wait before reconnecting after an unclean close. */
export const RECONNECT_BASE_MS = 1000;
/** The longest wait between attempts. */
export const RECONNECT_MAX_MS = 30_000;
/** Jitter spreads reconnecting clients: each wait is scaled by a factor in [1 - J, 1 + J]. */
export const RECONNECT_JITTER = 0.2;

/**
 * How long to wait before reconnect attempt `attempt` (1, 2, 3…): 1 s, 2 s, 4 s… capped at 30 s,
 * each with ±20% jitter (never above the cap).
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(RECONNECT_MAX_MS, exponential);
  const jittered = capped * (1 - RECONNECT_JITTER + 2 * RECONNECT_JITTER * random());
  return Math.round(Math.min(RECONNECT_MAX_MS, jittered));
}

/**
 * The automatic-reconnect schedule of one connection: counts attempts since the last successful
 * open and holds at most one pending timer.
 */
export class Reconnector {
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly random: () => number = Math.random) {}

  /** Whether an attempt is waiting for its time. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /** Schedules the next attempt (replacing a pending one); `run` is called when it is due. */
  schedule(run: () => void): { attempt: number; delayMs: number } {
    this.cancel();
    this.attempts++;
    const delayMs = reconnectDelay(this.attempts, this.random);
    this.timer = setTimeout(() => {
      this.timer = null;
      run();
    }, delayMs);
    return { attempt: this.attempts, delayMs };
  }

  /** Cancels a pending attempt; true if there was one. */
  cancel(): boolean {
    if (this.timer === null) return false;
    clearTimeout(this.timer);
    this.timer = null;
    return true;
  }

  /** A successful open: the next unclean close starts again from the first delay. */
  reset(): void {
    this.attempts = 0;
  }
}
