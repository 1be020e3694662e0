import { create } from 'zustand';
import { createSessionState, type SessionState } from './sessionState';

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
