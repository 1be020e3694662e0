import { useAppStore } from './appStore';
import { keepAliveOnUserClose } from './keepAlive';
import { disposeRuntime } from './sessionRuntime';
import { createSessionState } from './sessionState';

let lastNumber = 1;

/** Opens a new, empty connection tab and shows it. */
export function newConnection(): string {
  const { sessions } = useAppStore.getState();
  let id: string;
  do id = `c${++lastNumber}`;
  while (sessions[id]);
  useAppStore.setState((s) => ({
    sessions: { ...s.sessions, [id]: createSessionState(id) },
    order: [...s.order, id],
    activeId: id,
  }));
  return id;
}

/** Shows the tab of connection `id`. */
export function activateTab(id: string): void {
  if (useAppStore.getState().sessions[id]) useAppStore.setState({ activeId: id });
}

/** Closes a tab and its connection; the last tab is replaced by a fresh one, so there is always one. */
export function closeTab(id: string): void {
  const { order, activeId } = useAppStore.getState();
  const index = order.indexOf(id);
  if (index === -1) return;
  keepAliveOnUserClose(id);
  disposeRuntime(id);
  if (order.length === 1) newConnection();
  useAppStore.setState((s) => {
    const sessions = { ...s.sessions };
    delete sessions[id];
    const rest = s.order.filter((other) => other !== id);
    const nextActive = activeId === id ? (rest[Math.min(index, rest.length - 1)] ?? rest[0]!) : s.activeId;
    return { sessions, order: rest, activeId: nextActive };
  });
}
