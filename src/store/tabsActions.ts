import { addSession, removeSession, useAppStore } from './appStore';
import { createSessionState } from './sessionState';

let lastNumber = 1;

/** Opens a new, empty connection tab and shows it. */
export function newConnection(): string {
  const { sessions } = useAppStore.getState();
  let id: string;
  do id = `c${++lastNumber}`;
  while (sessions[id]);
  addSession(createSessionState(id));
  return id;
}

/** Shows the tab of connection `id`. */
export function activateTab(id: string): void {
  if (useAppStore.getState().sessions[id]) useAppStore.setState({ activeId: id });
}

/**
 * Closes a tab: its session stops its socket, heartbeat, repeat and reconnect. The last tab is
 * replaced by a fresh one, so there is always one.
 */
export function closeTab(id: string): void {
  const { order, activeId } = useAppStore.getState();
  const index = order.indexOf(id);
  if (index === -1) return;
  if (order.length === 1) newConnection();
  const rest = useAppStore.getState().order.filter((other) => other !== id);
  const nextActive = activeId === id ? (rest[Math.min(index, rest.length - 1)] ?? rest[0]!) : activeId;
  removeSession(id, nextActive);
}
