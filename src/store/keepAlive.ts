import { reconnectDelay } from '../connection/reconnect';
import { startRepeat, type RepeatHandle } from '../connection/repeatSender';
import type { CloseInfo, Payload } from '../connection/types';
import { getSession, patchSession, setProblem } from './appStore';
import { getRuntime, recordNote, recordSent } from './sessionRuntime';
import type { MessageFormat } from './logEntry';
import type { KeepAliveSettings } from './sessionState';

/** Timers and handles of one connection's reconnect, heartbeat and repeat (outside React state). */
interface KeepAliveRuntime {
  reconnectTimer: ReturnType<typeof setTimeout> | null;
  heartbeatTimer: ReturnType<typeof setInterval> | null;
  repeat: RepeatHandle | null;
  /** Attempts since the last successful open. */
  attempts: number;
  /** The user asked for this close (Disconnect): never reconnect after it. */
  closingByUser: boolean;
}

const runtimes = new Map<string, KeepAliveRuntime>();

function runtimeOf(id: string): KeepAliveRuntime {
  let rt = runtimes.get(id);
  if (!rt) runtimes.set(id, (rt = { reconnectTimer: null, heartbeatTimer: null, repeat: null, attempts: 0, closingByUser: false }));
  return rt;
}

function note(id: string, text: string): void {
  recordNote(getRuntime(id), text);
}

/** Changes the keep-alive settings; a bad heartbeat interval gets an alert and changes nothing else. */
export function setKeepAlive(id: string, patch: Partial<KeepAliveSettings>): void {
  patchSession(id, (s) => ({ keepAlive: { ...s.keepAlive, ...patch }, problems: { ...s.problems, keepAlive: null } }));
  if ('autoReconnect' in patch && !patch.autoReconnect) cancelReconnect(id);
  if ('heartbeatInterval' in patch || 'heartbeatMessage' in patch) restartHeartbeat(id);
}

/** Parses a whole, non-negative number typed by the user; null for anything else. */
function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Heartbeat interval in ms, 0 when off, or an error message. */
function heartbeatMs(settings: KeepAliveSettings): number | string {
  const text = settings.heartbeatInterval.trim();
  if (text === '') return 0;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    return `Heartbeat interval must be a number of seconds from 0.1 to 86400, got "${settings.heartbeatInterval}"`;
  }
  return Math.max(100, Math.round(seconds * 1000));
}

function stopHeartbeat(rt: KeepAliveRuntime): void {
  if (rt.heartbeatTimer !== null) clearInterval(rt.heartbeatTimer);
  rt.heartbeatTimer = null;
}

/** (Re)starts the heartbeat if the connection is open and one is set. */
function restartHeartbeat(id: string): void {
  const rt = runtimeOf(id);
  stopHeartbeat(rt);
  const session = getSession(id);
  const connection = getRuntime(id).connection;
  if (!session || !connection || connection.readyState !== 'OPEN') return;
  const ms = heartbeatMs(session.keepAlive);
  if (typeof ms === 'string') {
    setProblem(id, 'keepAlive', ms);
    return;
  }
  if (ms === 0) return;
  if (session.keepAlive.heartbeatMessage === '') {
    setProblem(id, 'keepAlive', 'Heartbeat message is empty: type what to send');
    return;
  }
  rt.heartbeatTimer = setInterval(() => {
    const now = getSession(id);
    const live = getRuntime(id).connection;
    if (!now || !live || live.readyState !== 'OPEN') return stopHeartbeat(rt);
    const message = now.keepAlive.heartbeatMessage;
    live.send(message);
    sent(id, message, 'text');
  }, ms);
}

/** Accounts for a message the heartbeat or a repeat has just sent, and remembers it for round trips. */
function sent(id: string, data: Payload, format: MessageFormat): void {
  const runtime = getRuntime(id);
  runtime.stats.rtt.sentPayload(data, performance.now());
  recordSent(runtime, data, format);
}

/** Called when a connection opens: a successful open resets the backoff and starts the heartbeat. */
export function keepAliveOnOpen(id: string): void {
  const rt = runtimeOf(id);
  rt.attempts = 0;
  rt.closingByUser = false;
  patchSession(id, { reconnect: null });
  restartHeartbeat(id);
}

/** Marks the coming close as the user's own, so it is never followed by a reconnect. */
export function keepAliveOnUserClose(id: string): void {
  runtimeOf(id).closingByUser = true;
  cancelReconnect(id);
}

/**
 * Called when a connection has closed: stops heartbeat and repeat, and after an unclean close
 * (not the user's) schedules the next reconnect attempt if Auto reconnect is on.
 */
export function keepAliveOnClose(id: string, close: CloseInfo, reconnect: () => void): void {
  const rt = runtimeOf(id);
  stopHeartbeat(rt);
  rt.repeat?.stop();
  const byUser = rt.closingByUser;
  rt.closingByUser = false;
  const session = getSession(id);
  if (!session?.keepAlive.autoReconnect || byUser || close.wasClean) return;
  rt.attempts++;
  const delay = reconnectDelay(rt.attempts);
  const at = Date.now() + delay;
  patchSession(id, { reconnect: { attempt: rt.attempts, at } });
  note(id, `Auto reconnect: attempt ${rt.attempts} in ${(delay / 1000).toFixed(1)} s (after close ${close.code})`);
  rt.reconnectTimer = setTimeout(() => {
    rt.reconnectTimer = null;
    patchSession(id, { reconnect: null });
    note(id, `Auto reconnect: attempt ${rt.attempts}`);
    reconnect();
  }, delay);
}

/** Cancels a pending automatic reconnect (Disconnect, Connect, or turning it off). */
export function cancelReconnect(id: string): void {
  const rt = runtimeOf(id);
  if (rt.reconnectTimer !== null) {
    clearTimeout(rt.reconnectTimer);
    rt.reconnectTimer = null;
    note(id, 'Auto reconnect cancelled');
  }
  if (getSession(id)?.reconnect) patchSession(id, { reconnect: null });
}

/** The repeat the user set up: count and interval, or an error message. null count means send once. */
export function repeatPlan(settings: KeepAliveSettings): { count: number; intervalMs: number } | string {
  const countText = settings.repeatCount.trim();
  const intervalText = settings.repeatInterval.trim();
  const count = countText === '' ? 1 : parseWholeNumber(countText);
  if (count === null) return `Repeat count must be a whole number of 0 or more, got "${settings.repeatCount}"`;
  const intervalMs = intervalText === '' ? 0 : parseWholeNumber(intervalText);
  if (intervalMs === null) return `Repeat interval must be a whole number of milliseconds of 0 or more, got "${settings.repeatInterval}"`;
  return { count, intervalMs };
}

/** Starts sending `count` times (payload(true) gives the first payload); progress shows in the store until it ends. */
export function startRepeatedSend(
  id: string,
  format: MessageFormat,
  count: number,
  intervalMs: number,
  payload: (first: boolean) => Payload,
): void {
  const rt = runtimeOf(id);
  const connection = getRuntime(id).connection;
  if (!connection) return;
  rt.repeat?.stop();
  patchSession(id, { repeat: { sent: 0, total: count } });
  let lastShown = 0;
  let first = true;
  rt.repeat = startRepeat(
    connection,
    () => {
      const data = payload(first);
      first = false;
      return data;
    },
    count,
    intervalMs,
    (sentData, progress) => {
      sent(id, sentData, format);
      // Progress is shown at most every 50 sends or 1 s of sends, not per message.
      if (progress.sent - lastShown >= 50 || intervalMs >= 20) {
        lastShown = progress.sent;
        patchSession(id, { repeat: { ...progress } });
      }
    },
    (progress, error) => {
      rt.repeat = null;
      patchSession(id, { repeat: null });
      note(id, `Repeat ${error ? `ended (${error})` : 'finished'}: sent ${progress.sent} of ${progress.total}`);
    },
  );
}

/** Stops a running repeat. */
export function stopRepeat(id: string): void {
  runtimeOf(id).repeat?.stop();
}
