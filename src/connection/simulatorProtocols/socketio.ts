import { connectFrame, emitFrame, encodeSocketIo, engineFrame, PacketType, parseSocketIoFrame } from '../../protocol/sessions/socketio/codec';
import type { SimulatedServer, SimulatorIo } from './types';

/** What the simulated Engine.IO server announces in its open packet. */
export const SIMULATED_PING_MS = 25_000;
/** How often each joined namespace gets a `tick` event. */
export const SIMULATED_TICK_MS = 1000;
/** The Auth the simulated `/private` namespace wants, as Local Echo's does. */
export const SIMULATED_PRIVATE_TOKEN = 'let-me-in';

let sids = 0;

/**
 * Socket.IO inside the page (Engine.IO v4, Socket.IO v5, framed by engine.io-parser and
 * socket.io-parser as the app's own Socket.IO session is): the open packet and pings, namespace
 * CONNECT (any namespace; `/private` wants an auth token), each event echoed and acked with its
 * arguments, and a `tick` every second per namespace.
 */
export function createSocketIoServer(io: SimulatorIo): SimulatedServer {
  const joined = new Set<string>();
  let alive = true;
  const every = (ms: number, fn: () => void) => {
    const loop = () => {
      if (!alive) return;
      fn();
      io.later(loop, ms);
    };
    io.later(loop, ms);
  };
  const sid = () => `sim${(++sids).toString(36).padStart(6, '0')}`;
  return {
    subprotocol: '',
    opened() {
      io.push(engineFrame('open', JSON.stringify({ sid: sid(), upgrades: [], pingInterval: SIMULATED_PING_MS, pingTimeout: 20_000, maxPayload: 1_000_000 })));
      every(SIMULATED_PING_MS, () => io.push(engineFrame('ping')));
    },
    received(data) {
      let frame;
      try {
        frame = parseSocketIoFrame(data);
      } catch {
        return; // As engine.io does with a packet it cannot read: nothing is answered.
      }
      if (frame.engine === 'ping') return io.push(engineFrame('pong'));
      if (frame.engine === 'close') return io.close(1000, '');
      if (frame.engine !== 'message') return;
      const { packet } = frame;
      const nsp = packet.nsp || '/';
      switch (packet.type) {
        case PacketType.CONNECT: {
          const auth = packet.data as { token?: unknown } | undefined;
          if (nsp === '/private' && auth?.token !== SIMULATED_PRIVATE_TOKEN) {
            return io.push(encodeSocketIo({ type: PacketType.CONNECT_ERROR, nsp, data: { message: 'not authorized: auth.token is wrong' } }));
          }
          io.push(connectFrame(nsp, { sid: sid() }));
          if (!joined.has(nsp)) {
            joined.add(nsp);
            let n = 0;
            every(SIMULATED_TICK_MS, () => {
              if (joined.has(nsp)) io.push(emitFrame('tick', [{ n: ++n, at: Date.now() }], undefined, nsp));
            });
          }
          return;
        }
        case PacketType.DISCONNECT:
          joined.delete(nsp);
          return;
        case PacketType.EVENT: {
          // Like a server, events to a namespace not joined are dropped.
          if (!joined.has(nsp) || !Array.isArray(packet.data)) return;
          const [event, ...args] = packet.data as [string, ...unknown[]];
          io.push(emitFrame(event, args, undefined, nsp));
          if (packet.id !== undefined) io.push(encodeSocketIo({ type: PacketType.ACK, nsp, id: packet.id, data: args }));
          return;
        }
        default:
      }
    },
    dispose() {
      alive = false;
      joined.clear();
    },
  };
}
