import { create } from 'zustand';
import { createSession, disposeSession } from '../session/registry';
import { createSessionState, type Problems, type SessionState } from './sessionState';

/** The whole app: one slice per connection, and which one is shown. */
export interface AppState {
  sessions: Record<string, SessionState>;
  order: string[];
  activeId: string;
}

export const FIRST_SESSION_ID = 'c1';

/** Creates the session that owns connection `id`'s socket, log and timers, writing its view into the slice. */
function startSession(id: string): void {
  createSession(id, { onChange: (patch) => patchSession(id, patch) });
}

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

startSession(FIRST_SESSION_ID);

/** Adds a connection slice after the others (with its session) and, with `activate`, shows it. */
export function addSession(session: SessionState, activate = true): void {
  startSession(session.id);
  useAppStore.setState((state) => ({
    sessions: { ...state.sessions, [session.id]: session },
    order: state.order.includes(session.id) ? state.order : [...state.order, session.id],
    activeId: activate ? session.id : state.activeId,
  }));
}

/** Removes a connection slice and disposes its session (socket, timers); `activeId` moves to `nextActive`. */
export function removeSession(id: string, nextActive: string): void {
  disposeSession(id);
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
