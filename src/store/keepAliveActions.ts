import { findSession } from '../session/registry';
import { DEFAULT_CONNECT_TIMEOUT_S, keepAlivePlan, NO_KEEP_ALIVE } from '../session/settings';
import { getSession, patchSession, setProblem } from './appStore';
import type { KeepAliveSettings, RepeatSettings } from './sessionState';

/**
 * Changes the Staying connected settings as typed and hands the checked plan to the session; a
 * bad value gets an alert, and the rest of the plan still applies without the faulty part.
 */
export function setKeepAlive(id: string, patch: Partial<KeepAliveSettings>): void {
  patchSession(id, (s) => ({ keepAlive: { ...s.keepAlive, ...patch } }));
  applyKeepAlive(id);
}

/** Hands the session the plan for the settings in the store (at connect, and on every change). */
export function applyKeepAlive(id: string): void {
  const state = getSession(id);
  const session = findSession(id);
  if (!state || !session) return;
  const plan = keepAlivePlan(state.keepAlive);
  setProblem(id, 'keepAlive', plan.ok ? null : plan.error);
  session.configure(
    plan.ok ? plan.value : { ...NO_KEEP_ALIVE, autoReconnect: state.keepAlive.autoReconnect, connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_S * 1000 },
  );
}

/** Changes how Send repeats (checked when Send is pressed). */
export function setRepeatSettings(id: string, patch: Partial<RepeatSettings>): void {
  patchSession(id, (s) => ({ repeatSettings: { ...s.repeatSettings, ...patch } }));
}

/** Cancels a pending automatic reconnect. */
export function cancelReconnect(id: string): void {
  findSession(id)?.dispatch({ type: 'cancelReconnect' });
}

/** Stops a running repeat. */
export function stopRepeat(id: string): void {
  findSession(id)?.stopRepeat();
}
