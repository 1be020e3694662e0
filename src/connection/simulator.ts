import { SIMULATOR_COMMANDS } from '../protocol/simulatorCommands';
import { loadSimulatedServer } from './simulatorProtocols/load';
import { simulatedProtocol, type SimulatedServer } from './simulatorProtocols/types';
import type { Connection, ConnectionListener, Payload, ReadyState } from './types';

/** How long the Simulator stays CONNECTING, so the state change is visible. */
export const SIMULATOR_CONNECT_DELAY_MS = 150;

/** Messages pushed per macrotask by `/push`, so a large push never blocks the page. */
const PUSH_CHUNK = 2000;

/**
 * An in-browser endpoint with no network: echoes what it gets and obeys SIMULATOR_COMMANDS; or,
 * when `protocol` (the `Protocol` choice), the URL or the subprotocols ask for it, speaks
 * Socket.IO or GraphQL over WebSocket (see simulatorProtocols/).
 */
export function openSimulatorConnection(url: string, protocols: string[], listener: ConnectionListener, protocol?: string): Connection {
  let state: ReadyState = 'CONNECTING';
  let disposed = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (fn: () => void, ms = 0) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!disposed) fn();
    }, ms);
    timers.add(timer);
  };
  const push = (data: Payload) => {
    if (state === 'OPEN') listener.onMessage(data, Date.now());
  };
  const finish = (code: number, reason: string, wasClean: boolean) => {
    state = 'CLOSED';
    server?.dispose();
    server = null;
    const at = Date.now();
    listener.onEvent({ type: 'close', at, close: { code, reason, wasClean } });
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  const pushNumbered = (total: number, from = 0) => {
    const end = Math.min(total, from + PUSH_CHUNK);
    for (let i = from; i < end; i++) push(`message ${i + 1} of ${total}`);
    if (end < total) later(() => pushNumbered(total, end));
  };
  const obey = (text: string): boolean => {
    const [command, ...args] = text.trim().split(/\s+/);
    switch (command) {
      case '/push': {
        const n = Math.min(Number(args[0] ?? 10) || 0, 1_000_000);
        later(() => pushNumbered(n));
        return true;
      }
      case '/json':
        later(() => push(JSON.stringify({ type: 'sample', id: Date.now(), items: [1, 2, 3], nested: { ok: true, note: null } })));
        return true;
      case '/binary': {
        const n = Math.min(Number(args[0] ?? 16) || 0, 64 * 1024 * 1024);
        const bytes = new Uint8Array(n);
        for (let i = 0; i < n; i++) bytes[i] = i & 0xff;
        later(() => push(bytes.buffer));
        return true;
      }
      case '/close': {
        const code = Number(args[0] ?? 1000) || 1000;
        const reason = text.trim().split(/\s+/).slice(2).join(' ');
        state = 'CLOSING';
        listener.onEvent({ type: 'closing', at: Date.now() });
        later(() => finish(code, reason, true), 20);
        return true;
      }
      case '/drop':
        later(() => finish(1006, '', false), 20);
        return true;
      case '/help':
        later(() => push(SIMULATOR_COMMANDS.map((c) => `${c.command}: ${c.effect}`).join('\n')));
        return true;
      default:
        return false;
    }
  };

  const shape = simulatedProtocol(url, protocols, protocol);
  let server: SimulatedServer | null = null;
  const loading = shape
    ? loadSimulatedServer(shape, {
        push,
        later,
        close: (code, reason) => {
          if (state !== 'OPEN') return;
          state = 'CLOSING';
          listener.onEvent({ type: 'closing', at: Date.now() });
          later(() => finish(code, reason, true), 20);
        },
      })
    : null;
  const open = (subprotocol: string) => {
    state = 'OPEN';
    listener.onEvent({ type: 'open', at: Date.now(), negotiated: { protocol: subprotocol, extensions: '', handshakeMs: SIMULATOR_CONNECT_DELAY_MS } });
  };
  later(() => {
    if (!loading) return open(protocols[0] ?? '');
    loading.then(
      (loaded) => {
        if (disposed) return loaded.dispose();
        server = loaded;
        open(loaded.subprotocol);
        loaded.opened();
      },
      () => {
        if (!disposed) finish(1011, `The Simulator could not load its ${shape === 'socketio' ? 'Socket.IO' : 'GraphQL'} part (offline?)`, false);
      },
    );
  }, SIMULATOR_CONNECT_DELAY_MS);

  return {
    transport: 'simulator',
    get readyState() {
      return state;
    },
    bufferedAmount: 0,
    send(data) {
      if (state !== 'OPEN') throw new Error(`The Simulator is ${state}`);
      if (server) {
        const copy = typeof data === 'string' ? data : data.slice(0);
        const speaking = server;
        return later(() => speaking.received(copy));
      }
      if (typeof data === 'string' && data.startsWith('/') && obey(data)) return;
      // Echo a copy, as a server would: the sender may reuse its buffer.
      const echo = typeof data === 'string' ? data : data.slice(0);
      later(() => push(echo));
    },
    close(code = 1005, reason = '') {
      if (state === 'CLOSING' || state === 'CLOSED') return;
      state = 'CLOSING';
      listener.onEvent({ type: 'closing', at: Date.now() });
      // A browser that sends no code sees 1005 (no status) in the close event.
      later(() => finish(code, reason, true), 20);
    },
    dispose() {
      disposed = true;
      state = 'CLOSED';
      server?.dispose();
      server = null;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

