import { fail, ok, type ParseResult } from '../codecs/result';

/** What the user typed under Staying connected (kept as typed; read by the rules below). */
export interface KeepAliveSettings {
  autoReconnect: boolean;
  heartbeatMessage: string;
  /** Seconds; empty means off. */
  heartbeatInterval: string;
  /** Seconds a handshake may take; empty or 0 means no limit. */
  connectTimeout: string;
}

/** How Send repeats, as the user typed it. */
export interface RepeatSettings {
  /** How many times Send sends; empty or 1 means once. */
  count: string;
  /** Milliseconds between repeated sends; 0 means as fast as the socket drains. */
  interval: string;
}

/** The default handshake limit, in seconds. */
export const DEFAULT_CONNECT_TIMEOUT_S = 15;

export const DEFAULT_KEEP_ALIVE: Readonly<KeepAliveSettings> = Object.freeze({
  autoReconnect: false,
  heartbeatMessage: '',
  heartbeatInterval: '',
  connectTimeout: String(DEFAULT_CONNECT_TIMEOUT_S),
});

export const DEFAULT_REPEAT: Readonly<RepeatSettings> = Object.freeze({ count: '', interval: '0' });

/** What a session does to stay connected, checked and in milliseconds. */
export interface KeepAlivePlan {
  autoReconnect: boolean;
  /** null when the heartbeat is off. */
  heartbeat: { ms: number; message: string } | null;
  /** 0 means no limit. */
  connectTimeoutMs: number;
}

export const NO_KEEP_ALIVE: Readonly<KeepAlivePlan> = Object.freeze({ autoReconnect: false, heartbeat: null, connectTimeoutMs: 0 });

/** Parses a whole, non-negative number typed by the user; null for anything else. */
function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Seconds typed by the user, as ms within [min, max] seconds; empty (and 0 where allowed) is 0. */
function secondsToMs(text: string, label: string, min: number, max: number, zeroIsOff: boolean): ParseResult<number> {
  const trimmed = text.trim();
  if (trimmed === '' || (zeroIsOff && /^0+(\.0*)?$/.test(trimmed))) return ok(0);
  const seconds = Number(trimmed);
  if (!/^\d*\.?\d+$/.test(trimmed) || !Number.isFinite(seconds) || seconds < min || seconds > max) {
    return fail(`${label} must be a number of seconds from ${min} to ${max}, got "${text}"`);
  }
  return ok(Math.round(seconds * 1000));
}

/** Checks the Staying connected settings; the error names the field at fault. */
export function keepAlivePlan(settings: KeepAliveSettings): ParseResult<KeepAlivePlan> {
  const heartbeat = secondsToMs(settings.heartbeatInterval, 'Heartbeat interval', 0.1, 86_400, false);
  if (!heartbeat.ok) return heartbeat;
  if (heartbeat.value > 0 && settings.heartbeatMessage === '') return fail('Heartbeat message is empty: type what to send');
  const timeout = secondsToMs(settings.connectTimeout, 'Connect timeout', 0.1, 3600, true);
  if (!timeout.ok) return timeout;
  return ok({
    autoReconnect: settings.autoReconnect,
    heartbeat: heartbeat.value > 0 ? { ms: Math.max(100, heartbeat.value), message: settings.heartbeatMessage } : null,
    connectTimeoutMs: timeout.value,
  });
}

/** The repeat the user set up: count and interval. Count 1 means send once. */
export function repeatPlan(settings: RepeatSettings): ParseResult<{ count: number; intervalMs: number }> {
  const countText = settings.count.trim();
  const intervalText = settings.interval.trim();
  const count = countText === '' ? 1 : parseWholeNumber(countText);
  if (count === null) return fail(`Repeat count must be a whole number of 0 or more, got "${settings.count}"`);
  const intervalMs = intervalText === '' ? 0 : parseWholeNumber(intervalText);
  if (intervalMs === null) return fail(`Repeat interval must be a whole number of milliseconds of 0 or more, got "${settings.interval}"`);
  return ok({ count, intervalMs });
}
