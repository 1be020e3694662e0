import type { Payload } from '../connection/types';

/** How many recent sends are remembered for matching. */
export const RTT_MAX_PENDING = 1000;
/** A send not echoed within this long is forgotten. */
export const RTT_EXPIRY_MS = 60_000;
/** How many round-trip samples are kept for the median and p95. */
export const RTT_MAX_SAMPLES = 1000;
/** Text up to this many UTF-16 units is its own key; longer text is keyed by length and its ends. */
const TEXT_KEY_MAX = 4096;
/** Bytes of a binary payload that go into its key. */
const BINARY_KEY_BYTES = 32;

/**
 * The matching key of a payload. Short text is the text itself (no copy); long text and binary
 * payloads are keyed by length and leading bytes, so a key costs at most a few dozen characters.
 * NOTE: derived keys start with NUL, so they cannot collide with ordinary text.
 */
export function payloadKey(data: Payload): string {
  if (typeof data === 'string') {
    if (data.length <= TEXT_KEY_MAX) return data;
    return `\u0000t:${data.length}:${data.slice(0, 64)}\u0000${data.slice(-64)}`;
  }
  // NOTE: one char per byte (a flat one-byte string), not hex: this runs per received binary
  // message while sends are pending, and building hex costs microseconds.
  const head = new Uint8Array(data, 0, Math.min(BINARY_KEY_BYTES, data.byteLength));
  return `\u0000b:${data.byteLength}:${String.fromCharCode.apply(null, head as unknown as number[])}`;
}

/** A size that tells text and binary apart: a text's length in UTF-16 units, or -1 - byteLength. */
export function payloadShape(data: Payload): number {
  return typeof data === 'string' ? data.length : -1 - data.byteLength;
}

export interface RttSummary {
  /** The newest round trip in ms, null before any match. */
  last: number | null;
  median: number | null;
  p95: number | null;
  /** Samples the median and p95 are taken from (at most RTT_MAX_SAMPLES). */
  count: number;
  /** Every match ever made. */
  matched: number;
}

/**
 * Matches received payloads to recently sent equal ones (oldest first per payload) and keeps
 * the round-trip times. Memory is bounded: the last `maxPending` sends, the last `maxSamples` times.
 * NOTE: callers test `pending` before computing a key, so with nothing outstanding a received
 * message costs one comparison.
 */
export class RttMatcher {
  /** Sends still waiting for their echo. */
  pending = 0;
  private readonly keys: (string | undefined)[];
  private readonly times: Float64Array;
  private readonly shapes: Float64Array;
  /** How many waiting sends have each shape, so most non-echoes are rejected before a key is built. */
  private readonly shapeCounts = new Map<number, number>();
  /** Unmatched sends per key, as sequence numbers, oldest first. */
  private readonly waiting = new Map<string, number[]>();
  /** Sequence numbers of the oldest remembered and the next send; slot = seq % maxPending. */
  private head = 0;
  private tail = 0;
  private readonly samples: Float64Array;
  private sampleCount = 0;
  private matched = 0;
  private lastRtt: number | null = null;
  private cached: RttSummary | null = null;

  constructor(
    private readonly maxPending = RTT_MAX_PENDING,
    private readonly expiryMs = RTT_EXPIRY_MS,
    private readonly maxSamples = RTT_MAX_SAMPLES,
  ) {
    this.keys = new Array<string | undefined>(maxPending);
    this.times = new Float64Array(maxPending);
    this.shapes = new Float64Array(maxPending);
    this.samples = new Float64Array(maxSamples);
  }

  /** Remembers a sent payload at `atMs`. */
  sentPayload(data: Payload, atMs: number): void {
    this.sent(payloadKey(data), atMs, payloadShape(data));
  }

  /**
   * Matches a received payload: the round trip in ms, or null. A payload whose shape (kind and
   * length) no waiting send has costs one map lookup; only the others get a key.
   */
  receivedPayload(data: Payload, atMs: number): number | null {
    this.expire(atMs);
    if (!this.shapeCounts.has(payloadShape(data))) return null;
    return this.received(payloadKey(data), atMs);
  }

  /**
   * Remembers a send of `key` at `atMs` (the oldest remembered send is dropped when full).
   * `shape` (see payloadShape) lets receivedPayload reject other payloads cheaply.
   */
  sent(key: string, atMs: number, shape = 0): void {
    this.expire(atMs);
    if (this.tail - this.head === this.maxPending) this.dropOldest();
    const seq = this.tail++;
    const slot = seq % this.maxPending;
    this.keys[slot] = key;
    this.times[slot] = atMs;
    this.shapes[slot] = shape;
    this.shapeCounts.set(shape, (this.shapeCounts.get(shape) ?? 0) + 1);
    const list = this.waiting.get(key);
    if (list) list.push(seq);
    else this.waiting.set(key, [seq]);
    this.pending++;
  }

  /** Forgets the newest send of `key` if it is still waiting (the send failed after all). */
  unsend(key: string): void {
    const list = this.waiting.get(key);
    if (!list || list[list.length - 1] !== this.tail - 1) return;
    list.pop();
    if (list.length === 0) this.waiting.delete(key);
    this.tail--;
    this.settle(this.tail);
    this.keys[this.tail % this.maxPending] = undefined;
  }

  /** Matches a received `key` to the oldest waiting equal send: the round trip in ms, or null. */
  received(key: string, atMs: number): number | null {
    this.expire(atMs);
    const list = this.waiting.get(key);
    if (!list) return null;
    const seq = list.shift()!;
    if (list.length === 0) this.waiting.delete(key);
    this.settle(seq);
    const rtt = Math.max(0, atMs - this.times[seq % this.maxPending]!);
    this.samples[this.matched % this.maxSamples] = rtt;
    this.matched++;
    this.sampleCount = Math.min(this.sampleCount + 1, this.maxSamples);
    this.lastRtt = rtt;
    this.cached = null;
    return rtt;
  }

  /** Last, median and p95 of the kept samples; sorted on demand, cached until the next match. */
  summary(): RttSummary {
    if (this.cached) return this.cached;
    const n = this.sampleCount;
    const sorted = this.samples.slice(0, n).sort();
    const median = n === 0 ? null : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    // Nearest rank: the smallest sample with at least 95% of the samples at or below it.
    const p95 = n === 0 ? null : sorted[Math.ceil(0.95 * n) - 1]!;
    this.cached = { last: this.lastRtt, median, p95, count: n, matched: this.matched };
    return this.cached;
  }

  /** How many sends are remembered (matched or not); never more than `maxPending`. */
  get remembered(): number {
    return this.tail - this.head;
  }

  /** Forgets every waiting send and every sample. */
  reset(): void {
    this.waiting.clear();
    this.shapeCounts.clear();
    this.keys.fill(undefined);
    this.head = this.tail = 0;
    this.pending = 0;
    this.sampleCount = 0;
    this.matched = 0;
    this.lastRtt = null;
    this.cached = null;
  }

  private expire(nowMs: number): void {
    const limit = nowMs - this.expiryMs;
    while (this.head < this.tail && this.times[this.head % this.maxPending]! < limit) this.dropOldest();
  }

  private dropOldest(): void {
    const seq = this.head++;
    const slot = seq % this.maxPending;
    const key = this.keys[slot]!;
    this.keys[slot] = undefined;
    const list = this.waiting.get(key);
    // NOTE: a matched send leaves its slot behind; only a still-waiting one is at the head of its list.
    if (list && list[0] === seq) {
      list.shift();
      if (list.length === 0) this.waiting.delete(key);
      this.settle(seq);
    }
  }

  /** A waiting send stops waiting (matched, dropped or unsent). */
  private settle(seq: number): void {
    this.pending--;
    const shape = this.shapes[seq % this.maxPending]!;
    const count = (this.shapeCounts.get(shape) ?? 1) - 1;
    if (count === 0) this.shapeCounts.delete(shape);
    else this.shapeCounts.set(shape, count);
  }
}
