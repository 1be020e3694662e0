import type { Connection, Payload } from '../connection/types';
import { patchSession } from './appStore';
import { createFrameFlusher, type FrameFlusher } from './frameFlusher';
import { LogBuffer } from './logBuffer';
import { payloadSize } from '../codecs/payload';
import type { LogEntry, MessageFormat } from './logEntry';
import { ZERO_COUNTERS, type Counters } from './sessionState';
import { RateWindow } from '../stats/rateWindow';
import { RttMatcher, type RttSummary } from '../stats/rttMatcher';

/**
 * Live statistics of a connection, updated per message in O(1) and read by the stats strip about
 * once a second (never flushed to the store per message).
 */
export interface SessionStats {
  /** Received and sent messages per second, keyed by the messages' epoch ms. */
  readonly rateIn: RateWindow;
  readonly rateOut: RateWindow;
  /** Echo matching, on the performance.now() clock. */
  readonly rtt: RttMatcher;
  /** Epoch ms of the open event of the current connection, null before it opened. */
  openedAt: number | null;
  /** Epoch ms it closed, null while it has not. */
  closedAt: number | null;
}

/** What the stats strip shows, read from the live stats at one moment. */
export interface StatsSnapshot {
  rateIn: number;
  rateOut: number;
  seriesIn: number[];
  seriesOut: number[];
  /** How long the connection has been (or was) open, null if it never opened. */
  uptimeMs: number | null;
  rtt: RttSummary;
}

/** Reads the live stats of a connection at `nowMs` (epoch ms). */
export function snapshotStats(stats: SessionStats, nowMs: number = Date.now()): StatsSnapshot {
  const { openedAt, closedAt } = stats;
  return {
    rateIn: stats.rateIn.perSecond(nowMs),
    rateOut: stats.rateOut.perSecond(nowMs),
    seriesIn: stats.rateIn.series(nowMs),
    seriesOut: stats.rateOut.series(nowMs),
    uptimeMs: openedAt === null ? null : (closedAt ?? nowMs) - openedAt,
    rtt: stats.rtt.summary(),
  };
}

/**
 * The parts of a connection that change per message and so live outside React state:
 * the socket, the kept log and the live counters. The store gets a snapshot once per frame.
 */
export interface SessionRuntime {
  readonly id: string;
  readonly log: LogBuffer;
  readonly counters: Counters;
  connection: Connection | null;
  readonly flusher: FrameFlusher;
  readonly stats: SessionStats;
}

const runtimes = new Map<string, SessionRuntime>();
let versions = 0;

/** The runtime of a connection slice, created on first use. */
export function getRuntime(id: string): SessionRuntime {
  let runtime = runtimes.get(id);
  if (!runtime) {
    const counters = { ...ZERO_COUNTERS };
    runtime = {
      id,
      log: new LogBuffer(),
      counters,
      connection: null,
      stats: { rateIn: new RateWindow(), rateOut: new RateWindow(), rtt: new RttMatcher(), openedAt: null, closedAt: null },
      flusher: createFrameFlusher(() => {
        patchSession(id, { counters: { ...counters }, logVersion: ++versions });
      }),
    };
    runtimes.set(id, runtime);
  }
  return runtime;
}

/** The kept log of a connection, for rows to read. */
export function getLog(id: string): LogBuffer {
  return getRuntime(id).log;
}

/** Appends to the log and asks for a flush; the one way entries enter the log. */
export function record(runtime: SessionRuntime, entry: Omit<LogEntry, 'seq'>): void {
  runtime.log.push(entry);
  runtime.flusher.schedule();
}

/** Drops a connection's runtime entirely (its socket is disposed). */
export function disposeRuntime(id: string): void {
  const runtime = runtimes.get(id);
  if (!runtime) return;
  runtime.flusher.cancel();
  runtime.connection?.dispose();
  runtimes.delete(id);
}

/**
 * Counts, rates and logs one message that has been sent: the one way sends (Send, repeat,
 * heartbeat) enter the counters and the log. Round-trip matching is the sender's to note.
 */
export function recordSent(runtime: SessionRuntime, data: Payload, format: MessageFormat): void {
  const size = payloadSize(data);
  const at = Date.now();
  runtime.counters.sent++;
  runtime.counters.bytesSent += size;
  runtime.stats.rateOut.add(at);
  record(runtime, { at, kind: 'sent', data, size, close: null, format });
}

/** Logs a line of the app's own (info, or error). */
export function recordNote(runtime: SessionRuntime, text: string, kind: 'info' | 'error' = 'info'): void {
  record(runtime, { at: Date.now(), kind, data: text, size: 0, close: null, format: null });
}
