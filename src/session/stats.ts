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

/** Fresh statistics: nothing counted, never opened. */
export function createStats(): SessionStats {
  return { rateIn: new RateWindow(), rateOut: new RateWindow(), rtt: new RttMatcher(), openedAt: null, closedAt: null };
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
