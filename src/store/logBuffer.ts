import type { LogEntry } from './logEntry';

/** Default bound of the kept log: entries, and bytes of payload. */
export const DEFAULT_LOG_LIMITS = { maxEntries: 100_000, maxBytes: 256 * 1024 * 1024 } as const;

export interface LogLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * The kept log: a ring of the newest entries, bounded in count and in payload bytes.
 * Mutable on purpose: appending is O(1) and never copies the log; readers learn of changes
 * through the store's version number.
 */
export class LogBuffer {
  private ring: (LogEntry | undefined)[];
  private head = 0; // index of the oldest entry
  private count = 0;
  private bytes = 0;
  private nextSeq = 1;
  /** Entries dropped to stay within the limits since the log was last cleared. */
  trimmed = 0;

  constructor(private limits: LogLimits = DEFAULT_LOG_LIMITS) {
    this.ring = new Array(limits.maxEntries);
  }

  /** Entries kept now. */
  get length(): number {
    return this.count;
  }

  /** Seq of the oldest kept entry (equals `nextSeq` when empty). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }

  /** Seq of the newest entry ever appended (0 before the first). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** How many entries have left the front of the log (trimmed or cleared). */
  get dropped(): number {
    return this.firstSeq - 1;
  }

  /** Payload bytes kept now. */
  get keptBytes(): number {
    return this.bytes;
  }

  get limit(): LogLimits {
    return this.limits;
  }

  /** Appends an entry, giving it the next seq, and drops the oldest ones beyond the limits. */
  push(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const stored = entry as LogEntry;
    stored.seq = this.nextSeq++;
    const capacity = this.ring.length;
    if (this.count === capacity) this.dropOldest();
    this.ring[(this.head + this.count) % capacity] = stored;
    this.count++;
    this.bytes += stored.size;
    // The newest entry is always kept, even when it alone is over the byte budget.
    while (this.bytes > this.limits.maxBytes && this.count > 1) this.dropOldest();
    return stored;
  }

  /** The i-th kept entry, oldest first. */
  at(i: number): LogEntry | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.ring[(this.head + i) % this.ring.length];
  }

  /** The entry with this seq, if it is still kept. */
  bySeq(seq: number): LogEntry | undefined {
    return this.at(seq - this.firstSeq);
  }

  /** Forgets every entry; seqs keep counting so rows never reuse a key. */
  clear(): void {
    this.ring = new Array(this.ring.length);
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    this.trimmed = 0;
  }

  /** Changes the bounds, keeping the newest entries that fit. */
  setLimits(limits: LogLimits): void {
    const kept: LogEntry[] = [];
    for (let i = 0; i < this.count; i++) kept.push(this.at(i)!);
    this.limits = limits;
    this.ring = new Array(limits.maxEntries);
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    const start = Math.max(0, kept.length - limits.maxEntries);
    this.trimmed += start;
    for (let i = start; i < kept.length; i++) {
      const entry = kept[i]!;
      this.ring[this.count++] = entry;
      this.bytes += entry.size;
    }
    while (this.bytes > limits.maxBytes && this.count > 1) this.dropOldest();
  }

  private dropOldest(): void {
    const entry = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    this.bytes -= entry?.size ?? 0;
    this.trimmed++;
  }
}
