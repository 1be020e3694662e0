// @ts-check
/**
 * Local Echo's protocol endpoints, served by the real implementations so people can try each
 * protocol with no server of their own (and the tests run against real servers):
 * /socket.io/ (the socket.io server: echoes each event, acks with its arguments, emits a tick)
 * /graphql (the graphql-ws server with a small schema: a query, a mutation, a counting subscription)
 * /stomp (a small STOMP 1.2 endpoint, see ./stompEndpoint.js), /signalr (a small hub speaking
 * SignalR's JSON hub protocol, see ./signalrEndpoint.js) and /mqtt (the aedes broker, see ./mqttEndpoint.js).
 */
import { Server as EngineServer } from 'engine.io';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { handleProtocols } from 'graphql-ws';
import { createRequire } from 'node:module';
import { pickStompProtocol, serveStomp } from './stompEndpoint.js';
import { serveSignalr } from './signalrEndpoint.js';
import { ROOT, SCHEMA_SDL } from './graphqlSchema.js';
import { createMqttEndpoint } from './mqttEndpoint.js';

// NOTE: graphql refuses a schema built by another copy of itself, so it is loaded as Node resolves
// it for graphql-ws (a test runner's resolver may pick graphql's development build instead).
const { buildSchema } = /** @type {typeof import('graphql')} */ (createRequire(import.meta.url)('graphql'));

/** Paths the protocol endpoints serve (socket.io's path ends with a slash, as its clients ask). */
export const PROTOCOL_PATHS = Object.freeze(['/socket.io/', '/graphql', '/stomp', '/signalr', '/mqtt']);
/** How often /socket.io/ emits its `tick` event. */
export const TICK_MS = 1000;
/** The most events one `firehose` emit may ask for. */
export const MAX_FIREHOSE = 10_000_000;
/** The Auth `/private` wants in its namespace CONNECT. */
export const PRIVATE_TOKEN = 'let-me-in';

const SCHEMA = buildSchema(SCHEMA_SDL);

/**
 * Serves one Socket.IO socket: echoes each event and acks it with its arguments, ticks every
 * second (not with `tick=0` in the URL), and answers `firehose` with `n` events numbered 1…count
 * as fast as the socket drains, then acks with the count.
 * @param {import('socket.io').Socket} socket
 */
function serveSocket(socket) {
  socket.onAny((event, ...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    if (event === 'firehose') return firehose(socket, Math.min(Math.max(Math.floor(Number(args[0]) || 0), 0), MAX_FIREHOSE), ack);
    socket.emit(event, ...args);
    if (ack) ack(...args);
  });
  if (socket.handshake.query.tick === '0') return;
  let n = 0;
  const tick = setInterval(() => socket.emit('tick', { n: ++n, at: Date.now() }), TICK_MS);
  socket.on('disconnect', () => clearInterval(tick));
}

/** Bytes queued toward a client past which the firehose waits for it to drain. */
const FIREHOSE_HIGH_WATER = 1 << 20;

/**
 * Emits `count` small events as the socket drains, in batches so the server keeps answering others.
 * @param {import('socket.io').Socket} socket
 * @param {number} count
 * @param {((...args: unknown[]) => void) | null} ack
 */
function firehose(socket, count, ack) {
  let i = 0;
  const pump = () => {
    if (socket.disconnected) return;
    // NOTE: engine.io's websocket transport keeps the `ws` socket as `socket`; its bufferedAmount is what waits.
    const ws = /** @type {{ socket?: { bufferedAmount?: number } }} */ (/** @type {unknown} */ (socket.conn.transport)).socket;
    if ((ws?.bufferedAmount ?? 0) > FIREHOSE_HIGH_WATER) return void setTimeout(pump, 2);
    const end = Math.min(count, i + 1000);
    while (i < end) socket.emit('n', ++i);
    if (i < count) setImmediate(pump);
    else if (ack) ack({ sent: count });
  };
  pump();
}

/**
 * Creates the protocol endpoints; `handleUpgrade` takes an upgrade for one of PROTOCOL_PATHS
 * (already checked by Local Echo's guard).
 * @param {{ maxPayload: number }} limits
 */
export function createProtocolEndpoints({ maxPayload }) {
  // NOTE: WebSocket only: Engine.IO's HTTP long-polling would need its own HTTP routes past the
  // request guard, and a WebSocket tester connects with transport=websocket anyway.
  const engine = new EngineServer({ transports: ['websocket'], maxHttpBufferSize: maxPayload, pingInterval: 10_000, pingTimeout: 5000 });
  const io = new SocketIoServer({ serveClient: false });
  io.bind(engine);
  // Any namespace echoes; `/private` refuses a CONNECT without the right auth (CONNECT_ERROR).
  const namespaces = io.of(/^\/[\w-]*$/);
  io.of('/private').use((socket, next) => next(socket.handshake.auth?.token === PRIVATE_TOKEN ? undefined : new Error('not authorized: auth.token is wrong')));
  for (const nsp of [io.of('/'), namespaces, io.of('/private')]) nsp.on('connection', serveSocket);

  const graphqlWss = new WebSocketServer({ noServer: true, maxPayload, handleProtocols });
  const graphqlServer = useServer({ schema: SCHEMA, roots: { query: ROOT, mutation: ROOT, subscription: ROOT }, context: (ctx) => ({ connectionParams: ctx.connectionParams }) }, graphqlWss);

  const stompWss = new WebSocketServer({ noServer: true, maxPayload, handleProtocols: pickStompProtocol });
  stompWss.on('connection', serveStomp);
  const signalrWss = new WebSocketServer({ noServer: true, maxPayload });
  signalrWss.on('connection', serveSignalr);
  const mqtt = createMqttEndpoint({ maxPayload });

  /** @type {Promise<void> | null} */
  let closing = null;
  return {
    /** Whether `pathname` is one of these endpoints. */
    serves: (/** @type {string} */ pathname) => PROTOCOL_PATHS.includes(pathname),
    /**
     * Hands an upgrade to the endpoint for `pathname`.
     * @param {string} pathname
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:stream').Duplex} socket
     * @param {Buffer} head
     */
    handleUpgrade(pathname, req, socket, head) {
      if (pathname === '/graphql') graphqlWss.handleUpgrade(req, socket, head, (ws) => graphqlWss.emit('connection', ws, req));
      else if (pathname === '/signalr') signalrWss.handleUpgrade(req, socket, head, (ws) => signalrWss.emit('connection', ws, req));
      else if (pathname === '/mqtt') mqtt.wss.handleUpgrade(req, socket, head, (ws) => mqtt.wss.emit('connection', ws, req));
      else if (pathname === '/stomp') stompWss.handleUpgrade(req, socket, head, (ws) => stompWss.emit('connection', ws, req));
      else engine.handleUpgrade(req, socket, head);
    },
    /** Open connections (they count toward Local Echo's limit). */
    get clients() {
      return graphqlWss.clients.size + stompWss.clients.size + signalrWss.clients.size + mqtt.wss.clients.size + engine.clientsCount;
    },
    /** Closes every connection; safe to call more than once. */
    close() {
      closing ??= (async () => {
        io.close();
        engine.close();
        // NOTE: graphql-ws's dispose closes its WebSocketServer itself (a second close would reject).
        await Promise.resolve(graphqlServer.dispose()).catch(() => {});
        for (const wss of [stompWss, signalrWss]) for (const client of wss.clients) client.terminate();
        await Promise.all([...[stompWss, signalrWss].map((wss) => new Promise((resolve) => wss.close(() => resolve(undefined)))), mqtt.close()]);
      })();
      return closing;
    },
  };
}
