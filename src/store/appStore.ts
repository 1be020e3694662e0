import { create } from 'zustand';
import { createSessionState, type Problems, type SessionState } from './sessionState';

/** The whole app: one slice per connection, and which one is shown. */
export interface AppState {
  sessions: Record<string, SessionState>;
  order: string[];
  activeId: string;
}

export const FIRST_SESSION_ID = 'c1';

export const useAppStore = create<AppState>()(() => ({
  sessions: { [FIRST_SESSION_ID]: createSessionState(FIRST_SESSION_ID) },
  order: [FIRST_SESSION_ID],
  activeId: FIRST_SESSION_ID,
}));

/** Replaces part of one connection's slice, leaving the others untouched. */
export function patchSession(id: string, patch: Partial<SessionState> | ((s: SessionState) => Partial<SessionState>)): void {
  useAppStore.setState((state) => {
    const current = state.sessions[id];
    if (!current) return state;
    const next = typeof patch === 'function' ? patch(current) : patch;
    return { sessions: { ...state.sessions, [id]: { ...current, ...next } } };
  });
}

/** Adds a connection slice after the others and, with `activate`, shows it. */
export function addSession(session: SessionState, activate = true): void {
  useAppStore.setState((state) => ({
    sessions: { ...state.sessions, [session.id]: session },
    order: state.order.includes(session.id) ? state.order : [...state.order, session.id],
    activeId: activate ? session.id : state.activeId,
  }));
}

/** Removes a connection slice (its runtime is the caller's to dispose); `activeId` moves to `nextActive`. */
export function removeSession(id: string, nextActive: string): void {
  useAppStore.setState((state) => {
    const { [id]: _removed, ...sessions } = state.sessions;
    const order = state.order.filter((other) => other !== id);
    const activeId = sessions[nextActive] ? nextActive : (order[0] ?? state.activeId);
    return { sessions, order, activeId };
  });
}

/** Shows (or, with null, clears) the alert of one area of a connection's page. */
export function setProblem(id: string, area: keyof Problems, message: string | null): void {
  patchSession(id, (s) => ({ problems: { ...s.problems, [area]: message } }));
}

/** Reads one connection's slice outside React. */
export function getSession(id: string): SessionState | undefined {
  return useAppStore.getState().sessions[id];
}

/** Selects one connection's slice value; components pass narrow selectors through this. */
export function useSession<T>(id: string, select: (s: SessionState) => T): T {
  return useAppStore((state) => select(state.sessions[id] ?? createMissing(id)));
}

const missing = new Map<string, SessionState>();
// A stable stand-in, so a selector on a removed connection never loops (zustand v5 needs stable results).
function createMissing(id: string): SessionState {
  let s = missing.get(id);
  if (!s) missing.set(id, (s = createSessionState(id)));
  return s;
}
