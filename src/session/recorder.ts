import { payloadSize } from '../codecs/payload';
import type { Payload } from '../connection/types';
import type { LogEntry, MessageFormat } from '../store/logEntry';
import { createFrameFlusher, type FrameFlusher } from './frameFlusher';
import { LogBuffer } from './logBuffer';
import { createStats, type SessionStats } from './stats';

/** Exact message and byte counts of one connection. */
export interface Counters {
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
}

export const ZERO_COUNTERS: Readonly<Counters> = Object.freeze({ sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 });

let versions = 0;

/**
 * What a connection has seen: the kept log, the exact counters and the live stats, with the
 * per-frame flush that shows them. Every entry enters the log through here.
 */
export class SessionRecorder {
  readonly log = new LogBuffer();
  readonly counters: Counters = { ...ZERO_COUNTERS };
  readonly stats: SessionStats = createStats();
  private readonly flusher: FrameFlusher;
  /**
   * Reads each received frame while a protocol runs (null otherwise, so Raw pays one check);
   * returns true when the frame was the protocol's housekeeping, which is then shown dimmed.
   */
  watcher: ((data: Payload, at: number) => boolean) | null = null;

  /** `show` gets a copy of the counters and a new log version, at most once per frame. */
  constructor(show: (counters: Counters, logVersion: number) => void) {
    this.flusher = createFrameFlusher(() => show({ ...this.counters }, ++versions));
  }

  /**
   * The hot path for received messages: one O(1) append, three additions, one (coalesced)
   * schedule; echo matching (a map lookup, then a key) only while a sent message awaits its echo.
   */
  receiver(): (data: Payload, at: number) => void {
    const { counters, log, flusher } = this;
    const { rateIn, rtt } = this.stats;
    return (data, at) => {
      const size = payloadSize(data);
      counters.received++;
      counters.bytesReceived += size;
      rateIn.add(at);
      if (rtt.pending !== 0) rtt.receivedPayload(data, performance.now());
      const entry = log.append(at, 'received', data, size, null, null);
      if (this.watcher !== null && this.watcher(data, at)) entry.auto = true;
      flusher.schedule();
    };
  }

  /** Appends to the log and asks for a flush; the one way other entries enter the log. */
  record(entry: Omit<LogEntry, 'seq'>): void {
    this.log.push(entry);
    this.flusher.schedule();
  }

  /** Logs a line of the app's own (info, or error). */
  note(text: string, kind: 'info' | 'error' = 'info'): void {
    this.record({ at: Date.now(), kind, data: text, size: 0, close: null, format: null });
  }

  /** Counts, rates and logs one message that has been sent (Send, repeat, heartbeat). */
  recordSent(data: Payload, format: MessageFormat, auto = false): void {
    const size = payloadSize(data);
    const at = Date.now();
    this.counters.sent++;
    this.counters.bytesSent += size;
    this.stats.rateOut.add(at);
    this.record({ at, kind: 'sent', data, size, close: null, format, auto });
  }

  /** Asks for a flush after the log was changed from outside (cleared, limited, imported). */
  bumpLog(): void {
    this.flusher.schedule();
  }

  /** Shows what changed now rather than at the next frame. */
  flush(): void {
    this.flusher.flush();
  }

  /** Stops the pending flush for good. */
  stop(): void {
    this.flusher.cancel();
  }
}
