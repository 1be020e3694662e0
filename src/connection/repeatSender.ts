import type { Connection, Payload } from './types';

/** Bytes allowed to wait in the socket's buffer before a 0 ms repeat pauses for it to drain. */
export const REPEAT_HIGH_WATER_BYTES = 1024 * 1024;
/** How often a paused 0 ms repeat looks at the buffer again. */
const DRAIN_POLL_MS = 10;
/** Sends made per macrotask by a 0 ms repeat, so the page stays responsive. */
const BURST = 500;

export interface RepeatProgress {
  sent: number;
  total: number;
}

export interface RepeatHandle {
  stop(): void;
}

/**
 * Sends `payload` `total` times, `intervalMs` apart; 0 ms sends as fast as the socket's buffer
 * allows (backpressure via bufferedAmount). `onSend` runs after each send (to log and count it),
 * `onDone` once at the end, whether finished, stopped or failed.
 */
export function startRepeat(
  connection: Connection,
  payload: () => Payload,
  total: number,
  intervalMs: number,
  onSend: (data: Payload, progress: RepeatProgress) => void,
  onDone: (progress: RepeatProgress, error?: string) => void,
): RepeatHandle {
  let sent = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const finish = (error?: string) => {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    onDone({ sent, total }, error);
  };
  const sendOne = (): boolean => {
    if (connection.readyState !== 'OPEN') {
      finish(`the connection is ${connection.readyState}`);
      return false;
    }
    const data = payload();
    connection.send(data);
    sent++;
    onSend(data, { sent, total });
    if (sent >= total) {
      finish();
      return false;
    }
    return true;
  };
  const tick = () => {
    timer = null;
    if (stopped) return;
    if (intervalMs > 0) {
      if (sendOne()) timer = setTimeout(tick, intervalMs);
      return;
    }
    for (let i = 0; i < BURST; i++) {
      if (connection.bufferedAmount > REPEAT_HIGH_WATER_BYTES) break;
      if (!sendOne()) return;
    }
    timer = setTimeout(tick, connection.bufferedAmount > REPEAT_HIGH_WATER_BYTES ? DRAIN_POLL_MS : 0);
  };
  if (total <= 0) finish();
  else tick();
  return { stop: () => finish('stopped') };
}

/** What a repeat reports while it runs. */
export interface RepeatHooks {
  /** After each send, with what was sent (to count and log it). */
  sent(data: Payload): void;
  /** Progress, at most every 50 sends (or per send when sends are 20 ms or more apart). */
  progress(progress: RepeatProgress): void;
  /** Once, at the end, whether finished, stopped or failed. */
  done(progress: RepeatProgress, error?: string): void;
}

/**
 * Starts a repeat whose payload may change per send (`payload(true)` gives the first) and whose
 * progress is reported sparingly; returns its handle, or null when it ended before returning.
 */
export function startReportedRepeat(
  connection: Connection,
  count: number,
  intervalMs: number,
  payload: (first: boolean) => Payload,
  hooks: RepeatHooks,
): RepeatHandle | null {
  let lastShown = 0;
  let first = true;
  let done = false;
  const handle = startRepeat(
    connection,
    () => {
      const data = payload(first);
      first = false;
      return data;
    },
    count,
    intervalMs,
    (data, progress) => {
      hooks.sent(data);
      if (progress.sent - lastShown >= 50 || intervalMs >= 20) {
        lastShown = progress.sent;
        hooks.progress({ ...progress });
      }
    },
    (progress, error) => {
      done = true;
      hooks.done(progress, error);
    },
  );
  // A repeat can end before startRepeat returns (a count of 0, a socket already closing).
  return done ? null : handle;
}
