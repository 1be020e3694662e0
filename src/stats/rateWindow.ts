/** How many one-second buckets a RateWindow keeps: the last minute. */
export const RATE_WINDOW_SECONDS = 60;

/**
 * Counts events in one-second buckets over the last minute, in a fixed ring of 60 numbers.
 * NOTE: `add` is on the per-message hot path: two comparisons and one increment while the second
 * has not changed; it never allocates.
 */
export class RateWindow {
  private readonly buckets = new Float64Array(RATE_WINDOW_SECONDS);
  /** The second (epoch ms / 1000, floored) the bucket at `index` counts; -Infinity before any add. */
  private second = -Infinity;
  private index = 0;
  /** Start and end (exclusive) of the current second, in ms, so `add` needs no division. */
  private startMs = Infinity;
  private endMs = -Infinity;
  /** Every event ever added, for totals. */
  total = 0;

  /** Counts `count` events at `nowMs` (epoch or any monotonic ms clock, used consistently). */
  add(nowMs: number, count = 1): void {
    if (nowMs >= this.endMs || nowMs < this.startMs) this.advance(nowMs);
    this.buckets[this.index]! += count;
    this.total += count;
  }

  /** Events in the last complete second before `nowMs`. */
  perSecond(nowMs: number): number {
    return this.countAt(Math.floor(nowMs / 1000) - 1);
  }

  /** Events per second for the 60 complete seconds before `nowMs`, oldest first (a new array). */
  series(nowMs: number): number[] {
    const last = Math.floor(nowMs / 1000) - 1;
    const out = new Array<number>(RATE_WINDOW_SECONDS);
    for (let i = 0; i < RATE_WINDOW_SECONDS; i++) out[i] = this.countAt(last - (RATE_WINDOW_SECONDS - 1) + i);
    return out;
  }

  /** Forgets every bucket (the total too). */
  reset(): void {
    this.buckets.fill(0);
    this.second = -Infinity;
    this.index = 0;
    this.startMs = Infinity;
    this.endMs = -Infinity;
    this.total = 0;
  }

  private countAt(second: number): number {
    if (second > this.second || second <= this.second - RATE_WINDOW_SECONDS) return 0;
    return this.buckets[slot(second)]!;
  }

  /** Moves to the second of `nowMs`, zeroing the buckets skipped over (at most 60). */
  private advance(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second < this.second) {
      // NOTE: the clock went back (wall-clock adjustment): keep counting in the current bucket
      // rather than rewriting history; it is exact again once the clock passes this second.
      this.startMs = -Infinity;
      return;
    }
    const skipped = Math.min(second - this.second, RATE_WINDOW_SECONDS);
    for (let i = 1; i <= skipped; i++) this.buckets[slot(second - skipped + i)] = 0;
    this.second = second;
    this.index = slot(second);
    this.startMs = second * 1000;
    this.endMs = this.startMs + 1000;
  }
}

function slot(second: number): number {
  const r = second % RATE_WINDOW_SECONDS;
  return r < 0 ? r + RATE_WINDOW_SECONDS : r;
}
