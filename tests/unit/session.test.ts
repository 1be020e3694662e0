import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnector, RECONNECT_BASE_MS, RECONNECT_JITTER, RECONNECT_MAX_MS } from '../../src/connection/reconnect';
import { openSimulatorConnection } from '../../src/connection/simulator';
import type { Connection, ConnectionFactory, ConnectionListener, Payload, ReadyState } from '../../src/connection/types';
import { createSession, disposeSession, findSession, liveSessionIds } from '../../src/session/registry';
import { Session, type SessionView } from '../../src/session/session';
import { keepAlivePlan, NO_KEEP_ALIVE, type KeepAlivePlan } from '../../src/session/settings';
import { addSession, getSession, useAppStore } from '../../src/store/appStore';
import { createSessionState } from '../../src/store/sessionState';
import { closeTab } from '../../src/store/tabsActions';

/** A transport the test drives by hand: it opens, receives and closes when told. */
interface FakeTransport extends Connection {
  sent: Payload[];
  disposed: boolean;
  listener: ConnectionListener;
  serverOpens(): void;
  serverCloses(code: number, wasClean: boolean): void;
  serverSends(data: Payload): void;
}

function fakeFactory(): { open: ConnectionFactory; made: FakeTransport[] } {
  const made: FakeTransport[] = [];
  const open: ConnectionFactory = (_url, _protocols, listener) => {
    let state: ReadyState = 'CONNECTING';
    const transport: FakeTransport = {
      transport: 'websocket',
      get readyState() {
        return state;
      },
      bufferedAmount: 0,
      sent: [],
      disposed: false,
      listener,
      send(data) {
        if (state !== 'OPEN') throw new Error(`fake is ${state}`);
        transport.sent.push(data);
      },
      close() {
        if (state === 'CLOSING' || state === 'CLOSED') return;
        const wasConnecting = state === 'CONNECTING';
        state = 'CLOSING';
        listener.onEvent({ type: 'closing', at: Date.now() });
        // A browser that gives up a handshake reports an unclean 1006.
        setTimeout(() => transport.serverCloses(wasConnecting ? 1006 : 1000, !wasConnecting), 5);
      },
      dispose() {
        transport.disposed = true;
        state = 'CLOSED';
      },
      serverOpens() {
        state = 'OPEN';
        listener.onEvent({ type: 'open', at: Date.now(), negotiated: { protocol: '', extensions: '', handshakeMs: 1 } });
      },
      serverCloses(code, wasClean) {
        if (transport.disposed) return;
        state = 'CLOSED';
        listener.onEvent({ type: 'close', at: Date.now(), close: { code, reason: '', wasClean } });
      },
      serverSends(data) {
        if (!transport.disposed) listener.onMessage(data, Date.now());
      },
    };
    made.push(transport);
    return transport;
  };
  return { open, made };
}

const plan = (patch: Partial<KeepAlivePlan>): KeepAlivePlan => ({ ...NO_KEEP_ALIVE, ...patch });

let counter = 0;
function newSession(open: ConnectionFactory, onChange?: (patch: Partial<SessionView>) => void): Session {
  return createSession(`session-test-${++counter}`, { open, onChange });
}

const kinds = (session: Session) => Array.from({ length: session.log.length }, (_, i) => session.log.at(i)!);

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
});

describe('Session lifecycle', () => {
  it('goes CONNECTING → OPEN → CLOSING → CLOSED through dispatch and logs each state', () => {
    const { open, made } = fakeFactory();
    const states: string[] = [];
    const session = newSession(open, (p) => p.readyState && states.push(p.readyState));
    expect(session.connect('ws://x/', [])).toBeNull();
    made[0]!.serverOpens();
    session.disconnect(1000);
    vi.advanceTimersByTime(10);
    expect(states).toEqual(['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);
    expect(kinds(session).filter((e) => e.kind === 'state').map((e) => e.data)).toEqual(['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);
    expect(session.holdsResources).toBe(false);
    disposeSession(session.id);
  });

  it('closing a tab during a repeat and a heartbeat sends nothing more and leaves no timer and no session', () => {
    const id = 'lifecycle-tab';
    addSession(createSessionState(id), false);
    const session = findSession(id)!;
    session.configure(plan({ heartbeat: { ms: 1000, message: 'hb' } }));
    session.connect('simulator://local', []);
    vi.advanceTimersByTime(200);
    expect(session.state).toBe('OPEN');
    session.startRepeat('text', 1000, 100, () => 'r');
    vi.advanceTimersByTime(2050);
    const sentBefore = session.counters.sent;
    expect(sentBefore).toBeGreaterThan(20);
    expect(kinds(session).some((e) => e.kind === 'sent' && e.data === 'hb')).toBe(true);
    expect(session.holdsResources).toBe(true);

    closeTab(id);
    expect(session.isDisposed).toBe(true);
    expect(session.holdsResources).toBe(false);
    expect(findSession(id)).toBeUndefined();
    expect(getSession(id)).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    expect(session.counters.sent).toBe(sentBefore);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a disconnect while CONNECTING is unclean but never followed by a reconnect', () => {
    const { open, made } = fakeFactory();
    const session = newSession(open);
    session.configure(plan({ autoReconnect: true }));
    session.connect('ws://x/', []);
    session.disconnect();
    vi.advanceTimersByTime(10);
    expect(session.state).toBe('CLOSED');
    const close = kinds(session).find((e) => e.kind === 'close')!;
    expect(close.close).toEqual({ code: 1006, reason: '', wasClean: false });
    vi.advanceTimersByTime(RECONNECT_MAX_MS * 2);
    expect(made).toHaveLength(1);
    expect(session.holdsResources).toBe(false);
    disposeSession(session.id);
  });

  it('reconnects after an unclean close from the server, with the exported delays, and resets them after an open', () => {
    const { open, made } = fakeFactory();
    const reconnects: unknown[] = [];
    const session = newSession(open, (p) => 'reconnect' in p && reconnects.push(p.reconnect));
    session.configure(plan({ autoReconnect: true }));
    session.connect('ws://x/', []);
    made[0]!.serverOpens();
    made[0]!.serverCloses(1006, false);
    expect(session.state).toBe('CLOSED');
    expect(reconnects.at(-1)).toMatchObject({ attempt: 1 });
    vi.advanceTimersByTime(RECONNECT_BASE_MS * (1 - RECONNECT_JITTER) - 1);
    expect(made).toHaveLength(1);
    vi.advanceTimersByTime(RECONNECT_BASE_MS * 2 * RECONNECT_JITTER + 2);
    expect(made).toHaveLength(2);
    expect(session.state).toBe('CONNECTING');
    // A second failure before opening waits longer (attempt 2).
    made[1]!.serverCloses(1006, false);
    expect(reconnects.at(-1)).toMatchObject({ attempt: 2 });
    vi.advanceTimersByTime(RECONNECT_BASE_MS * 2 * (1 + RECONNECT_JITTER) + 1);
    expect(made).toHaveLength(3);
    made[2]!.serverOpens();
    made[2]!.serverCloses(1006, false);
    expect(reconnects.at(-1)).toMatchObject({ attempt: 1 });
    // A clean close from the server is not reconnected.
    vi.advanceTimersByTime(RECONNECT_BASE_MS * 2);
    made[3]!.serverOpens();
    made[3]!.serverCloses(1000, true);
    vi.advanceTimersByTime(RECONNECT_MAX_MS * 2);
    expect(made).toHaveLength(4);
    disposeSession(session.id);
  });

  it('a handshake that never completes ends at the connect timeout, and the log says so', () => {
    const { open, made } = fakeFactory();
    const session = newSession(open);
    const checked = keepAlivePlan({ autoReconnect: false, heartbeatMessage: '', heartbeatInterval: '', connectTimeout: '2' });
    expect(checked.ok).toBe(true);
    if (checked.ok) session.configure(checked.value);
    session.connect('ws://x/', []);
    vi.advanceTimersByTime(1999);
    expect(session.state).toBe('CONNECTING');
    vi.advanceTimersByTime(1);
    expect(session.state).toBe('CLOSED');
    expect(made[0]!.disposed).toBe(true);
    const texts = kinds(session).map((e) => String(e.data));
    expect(texts.some((t) => /Connect timeout: the handshake did not complete within 2 s/.test(t))).toBe(true);
    expect(kinds(session).find((e) => e.kind === 'close')!.close).toEqual({ code: 1006, reason: '', wasClean: false });
    expect(session.holdsResources).toBe(false);
    disposeSession(session.id);
  });

  it('a subscriber that throws is not mistaken for a browser refusing the connection', () => {
    const { open } = fakeFactory();
    const session = newSession(open, (p) => {
      if (p.readyState === 'CONNECTING') throw new Error('subscriber bug');
    });
    expect(() => session.connect('ws://x/', [])).toThrow('subscriber bug');
    expect(kinds(session).some((e) => /refused/.test(String(e.data)))).toBe(false);
    disposeSession(session.id);
  });

  it('says why the browser refused to open, and stays CLOSED', () => {
    const session = newSession(() => {
      throw new DOMException('blocked port', 'SecurityError');
    });
    expect(session.connect('ws://x:6000/', [])).toMatch(/The browser refused to open ws:\/\/x:6000\/: .*blocked port/);
    expect(session.state).toBe('CLOSED');
    disposeSession(session.id);
  });

  it('says so in the log when the transport reports a refusal after connect() returned, and ends CLOSED', () => {
    const { open, made } = fakeFactory();
    const session = newSession(open);
    expect(session.connect('ws://x:6000/', [])).toBeNull();
    made[0]!.listener.onEvent({ type: 'refused', at: Date.now(), message: 'blocked port' });
    expect(session.state).toBe('CLOSED');
    expect(kinds(session).filter((e) => e.kind === 'error').map((e) => e.data)).toEqual(['The browser refused to open ws://x:6000/: blocked port']);
    expect(session.holdsResources).toBe(false);
    disposeSession(session.id);
  });

  it('ignores whatever a replaced transport still reports', () => {
    const { open, made } = fakeFactory();
    const session = newSession(open);
    session.connect('ws://x/', []);
    session.connect('ws://y/', []);
    expect(made[0]!.disposed).toBe(true);
    made[0]!.listener.onEvent({ type: 'open', at: Date.now(), negotiated: { protocol: '', extensions: '', handshakeMs: 1 } });
    expect(session.state).toBe('CONNECTING');
    made[1]!.serverOpens();
    made[1]!.serverSends('hello');
    expect(session.counters.received).toBe(1);
    disposeSession(session.id);
  });

  it('a disposed session reports nothing and dispatch does nothing', () => {
    const { open, made } = fakeFactory();
    const changes: unknown[] = [];
    const session = newSession(open, (p) => changes.push(p));
    session.connect('ws://x/', []);
    disposeSession(session.id);
    const seen = changes.length;
    session.dispatch({ type: 'connect', url: 'ws://x/', protocols: [] });
    made[0]!.serverOpens();
    expect(changes.length).toBe(seen);
    expect(made).toHaveLength(1);
    expect(liveSessionIds()).not.toContain(session.id);
  });

  it('refuses to create a second session under one id', () => {
    const session = newSession(fakeFactory().open);
    expect(() => createSession(session.id)).toThrow(/already exists/);
    disposeSession(session.id);
  });
});

describe('Simulator transport', () => {
  it('ends CLOSED when disposed, so a repeat stops sending into it', () => {
    const listener: ConnectionListener = { onMessage: () => {}, onEvent: () => {} };
    const sim = openSimulatorConnection('simulator://local', [], listener);
    vi.advanceTimersByTime(200);
    expect(sim.readyState).toBe('OPEN');
    sim.dispose();
    expect(sim.readyState).toBe('CLOSED');
  });
});

describe('Reconnector', () => {
  it('waits the jittered delay, counts attempts and starts again after reset', () => {
    const reconnector = new Reconnector(() => 0.5);
    const run = vi.fn();
    expect(reconnector.schedule(run)).toEqual({ attempt: 1, delayMs: RECONNECT_BASE_MS });
    expect(reconnector.pending).toBe(true);
    vi.advanceTimersByTime(RECONNECT_BASE_MS - 1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(reconnector.pending).toBe(false);
    expect(reconnector.schedule(run).delayMs).toBe(RECONNECT_BASE_MS * 2);
    expect(reconnector.cancel()).toBe(true);
    expect(reconnector.cancel()).toBe(false);
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(run).toHaveBeenCalledTimes(1);
    reconnector.reset();
    expect(reconnector.schedule(run).attempt).toBe(1);
    reconnector.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});

// The store creates the session with the slice: no session outlives its tab.
describe('store and sessions', () => {
  it('every slice has a live session and a removed slice has none', () => {
    const { sessions } = useAppStore.getState();
    for (const id of Object.keys(sessions)) expect(findSession(id), id).toBeDefined();
  });
});
