import type { LogBuffer } from '../session/logBuffer';
import type { LogEntry } from '../store/logEntry';
import type { EntryMatcher } from './entryMatcher';

/** What the log view shows: a count and the i-th shown entry. */
export interface LogView {
  readonly length: number;
  /** How many entries have ever left the front of this view (trimmed), so a reader can hold its place. */
  readonly dropped: number;
  at(i: number): LogEntry | undefined;
  /** Where the entry with this seq is shown, or -1. */
  indexOf(seq: number): number;
}

/**
 * The seqs of kept entries that match a filter, updated incrementally:
 * each entry is tested once, and trimmed entries fall off the front.
 */
export class FilteredLog implements LogView {
  private seqs: number[] = [];
  private start = 0;
  private scannedSeq = 0;
  dropped = 0;

  constructor(
    private readonly log: LogBuffer,
    private readonly matches: EntryMatcher,
  ) {}

  /** Catches up with the log: forgets trimmed entries and tests new ones. */
  update(): this {
    const { firstSeq, lastSeq } = this.log;
    while (this.start < this.seqs.length && this.seqs[this.start]! < firstSeq) {
      this.start++;
      this.dropped++;
    }
    if (this.start > 1024 && this.start * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.start);
      this.start = 0;
    }
    for (let seq = Math.max(this.scannedSeq + 1, firstSeq); seq <= lastSeq; seq++) {
      const entry = this.log.bySeq(seq);
      if (entry && this.matches(entry)) this.seqs.push(seq);
    }
    this.scannedSeq = lastSeq;
    return this;
  }

  get length(): number {
    return this.seqs.length - this.start;
  }

  at(i: number): LogEntry | undefined {
    const seq = this.seqs[this.start + i];
    return seq === undefined ? undefined : this.log.bySeq(seq);
  }

  indexOf(seq: number): number {
    // Seqs are ascending: binary search.
    let lo = this.start;
    let hi = this.seqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.seqs[mid]!;
      if (value === seq) return mid - this.start;
      if (value < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
