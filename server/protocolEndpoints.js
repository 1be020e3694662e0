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
import { createMqttEndpoint } from './mqttEndpoint.js';

// NOTE: graphql refuses a schema built by another copy of itself, so it is loaded as Node resolves
// it for graphql-ws (a test runner's resolver may pick graphql's development build instead).
const { buildSchema } = /** @type {typeof import('graphql')} */ (createRequire(import.meta.url)('graphql'));

/** Paths the protocol endpoints serve (socket.io's path ends with a slash, as its clients ask). */
export const PROTOCOL_PATHS = Object.freeze(['/socket.io/', '/graphql', '/stomp', '/signalr', '/mqtt']);
/** How often /socket.io/ emits its `tick` event. */
export const TICK_MS = 1000;

const SCHEMA = buildSchema(`
  type Query { hello(name: String): String! }
  type Mutation { echo(text: String!): String! }
  type Subscription { count(to: Int = 3): Int! }
`);

/** Resolvers of the schema: `count` yields 1..to, a short pause apart, then completes; `to` above 100 is an error. */
const ROOT = {
  hello: (/** @type {{ name?: string }} */ { name }) => `Hello, ${name ?? 'world'}!`,
  echo: (/** @type {{ text: string }} */ { text }) => text,
  count: async function* (/** @type {{ to: number }} */ { to }) {
    if (to > 100) throw new Error('count: "to" may be at most 100');
    for (let i = 1; i <= to; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      yield { count: i };
    }
  },
};

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
  io.on('connection', (socket) => {
    socket.onAny((event, ...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
      socket.emit(event, ...args);
      if (ack) ack(...args);
    });
    let n = 0;
    const tick = setInterval(() => socket.emit('tick', { n: ++n, at: Date.now() }), TICK_MS);
    socket.on('disconnect', () => clearInterval(tick));
  });

  const graphqlWss = new WebSocketServer({ noServer: true, maxPayload, handleProtocols });
  const graphqlServer = useServer({ schema: SCHEMA, roots: { query: ROOT, mutation: ROOT, subscription: ROOT } }, graphqlWss);

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
