import { Session, type SessionOptions } from './session';

/** Every live session, by connection id. */
const sessions = new Map<string, Session>();

/** Creates the session of connection `id`; an id that already has one is a mistake. */
export function createSession(id: string, options?: SessionOptions): Session {
  if (sessions.has(id)) throw new Error(`Session ${id} already exists`);
  const session = new Session(id, options);
  sessions.set(id, session);
  return session;
}

/** The session of connection `id`, or undefined when there is none (never created, or disposed). */
export function findSession(id: string): Session | undefined {
  return sessions.get(id);
}

/** Disposes the session of connection `id` (its timers and socket) and forgets it. */
export function disposeSession(id: string): void {
  sessions.get(id)?.dispose();
  sessions.delete(id);
}

/** Ids of the live sessions (for tests that check nothing is left behind). */
export function liveSessionIds(): string[] {
  return [...sessions.keys()];
}
