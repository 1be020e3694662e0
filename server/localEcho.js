// @ts-check
/**
 * The bundled "Local Echo" WebSocket server. It attaches to an existing HTTP server's 'upgrade'
 * event and serves a few test endpoints at the host root (see ./echoRoutes.js). Every upgrade is
 * checked first and anything malformed is refused with an HTTP error; resources are bounded by
 * DEFAULT_LIMITS.
 */
import { WebSocketServer } from 'ws';
import { closeUnknown, pickProtocol, ROUTES, UNCOMPRESSED_PATHS } from './echoRoutes.js';
import { parseTarget, refuse, upgradeRefusal } from './requestGuard.js';
import { createProtocolEndpoints } from './protocolEndpoints.js';

export { LOCAL_ECHO_PATHS } from './echoRoutes.js';

const MiB = 1024 * 1024;

/** Resource limits, as the README documents them. */
export const DEFAULT_LIMITS = Object.freeze({
  /** Largest message accepted, counted after permessage-deflate inflation (ws closes with 1009 past it). */
  maxPayload: 64 * MiB + 64 * 1024,
  /** Open WebSockets at once; further upgrades get 503. */
  maxConnections: 64,
  /** A WebSocket with no bytes read or written for this long is closed with 1001. */
  idleTimeoutMs: 10 * 60 * 1000,
});

/**
 * @typedef {{ maxPayload: number, maxConnections: number, idleTimeoutMs: number }} Limits
 * @typedef {(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void} UpgradeHandler
 * @typedef {{ wants: (req: import('node:http').IncomingMessage) => boolean, handle: UpgradeHandler }} Delegate
 * @typedef {{ log?: (line: string) => void, limits?: Partial<Limits>, delegate?: Delegate }} LocalEchoOptions
 * @typedef {import('./echoRoutes.js').Conn} Conn
 */

/**
 * Attaches the Local Echo endpoints to `httpServer`; `close()` terminates every client and detaches.
 * `delegate` takes the upgrades it wants (Vite's HMR sockets) before Local Echo looks at them.
 */
export function attachLocalEcho(/** @type {import('node:events').EventEmitter} */ httpServer, /** @type {LocalEchoOptions} */ options = {}) {
  const log = options.log ?? ((/** @type {string} */ line) => console.log(line));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { delegate } = options;
  const compressed = new WebSocketServer({
    noServer: true,
    perMessageDeflate: true,
    maxPayload: limits.maxPayload,
    // Without handleProtocols ws picks the client's first offer; keep that for every path but /proto.
    handleProtocols: (offered, req) => (pathOf(req) === '/proto' ? pickProtocol(offered) : (offered.values().next().value ?? false)),
  });
  // Throughput endpoints skip compression so they measure the transport, not zlib.
  const raw = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: limits.maxPayload });
  const idle = idleSweeper(limits.idleTimeoutMs);
  const protocols = createProtocolEndpoints(limits);

  /** The guard around every upgrade: nothing it does may throw out into the HTTP server. */
  function onUpgrade(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:stream').Duplex} */ socket, /** @type {Buffer} */ head) {
    // Node hands the socket over without an error listener: a peer's reset must not crash the process.
    socket.on('error', () => socket.destroy());
    try {
      routeUpgrade(req, socket, head);
    } catch (err) {
      log(`${new Date().toISOString()} [local-echo] upgrade ${JSON.stringify(req.url)} failed: ${err instanceof Error ? err.message : String(err)}`);
      refuse(socket, { status: 400, reason: 'Bad WebSocket handshake' });
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function routeUpgrade(req, socket, head) {
    const target = parseTarget(req.url);
    if (!target.ok) return refuse(socket, { status: 400, reason: target.error });
    if (delegate?.wants(req)) {
      delegate.handle(req, socket, head);
      // The delegate answers at once (Vite's HMR does) or not at all: refuse what it left unanswered.
      setImmediate(() => {
        if (!socket.destroyed && /** @type {import('node:net').Socket} */ (socket).bytesWritten === 0) refuse(socket, { status: 404, reason: 'No WebSocket is served at this path for this subprotocol' });
      });
      return;
    }
    const refusal = upgradeRefusal(req);
    if (refusal) return refuse(socket, refusal);
    if (compressed.clients.size + raw.clients.size + protocols.clients >= limits.maxConnections) {
      return refuse(socket, { status: 503, reason: `Local Echo has its limit of ${limits.maxConnections} open WebSockets`, headers: { 'Retry-After': '5' } });
    }
    const url = target.value;
    if (protocols.serves(url.pathname)) return protocols.handleUpgrade(url.pathname, req, socket, head);
    const wss = UNCOMPRESSED_PATHS.has(url.pathname) ? raw : compressed;
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, req, url));
  }

  /**
   * @param {import('ws').WebSocket} ws
   * @param {import('node:stream').Duplex} socket
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   */
  function onConnection(ws, socket, req, url) {
    const counts = { msgsIn: 0, msgsOut: 0, bytesIn: 0, bytesOut: 0 };
    const remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const proto = ws.protocol ? ` protocol=${ws.protocol}` : '';
    const where = `${url.pathname}${url.search} from ${remote}`;
    log(`${new Date().toISOString()} [local-echo] open ${where}${proto}`);
    ws.on('message', (data) => {
      counts.msgsIn++;
      counts.bytesIn += byteLength(data);
    });
    ws.on('error', (err) => log(`${new Date().toISOString()} [local-echo] error ${where}: ${err.message}`));
    ws.on('close', (code, reason) => {
      const c = counts;
      log(`${new Date().toISOString()} [local-echo] close ${where} code=${code} reason=${JSON.stringify(reason.toString())} ` +
        `in=${c.msgsIn} msgs/${c.bytesIn} B out=${c.msgsOut} msgs/${c.bytesOut} B`);
    });
    idle.watch(ws, socket);
    /** @type {Conn} */
    const conn = {
      ws, socket, url, counts,
      send(data, binary, fin = true) {
        if (ws.readyState !== ws.OPEN) return;
        if (fin) counts.msgsOut++;
        counts.bytesOut += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
        ws.send(data, { binary, fin });
      },
    };
    const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
    if (route) route(conn);
    else closeUnknown(conn);
  }

  httpServer.on('upgrade', onUpgrade);
  return {
    /** Terminates all clients, closes both WebSocket servers and detaches from the HTTP server. */
    close() {
      httpServer.off('upgrade', onUpgrade);
      idle.stop();
      const done = [compressed, raw].map((wss) => new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve(undefined));
      }));
      return Promise.all([...done, protocols.close()]).then(() => undefined);
    },
  };
}

/**
 * Closes with 1001 each watched WebSocket whose socket has read and written nothing for `ms`, and
 * cuts off one that is still there a period later. One timer checks them all, so a busy socket
 * pays nothing per write (a socket timeout would be re-armed on every write of a firehose).
 * @param {number} ms 0 turns it off
 */
function idleSweeper(ms) {
  /** @type {Map<import('ws').WebSocket, { socket: import('node:net').Socket, bytes: number, since: number }>} */
  const watched = new Map();
  const timer = ms > 0 ? setInterval(() => {
    const now = Date.now();
    for (const [ws, entry] of watched) {
      const bytes = entry.socket.bytesRead + entry.socket.bytesWritten;
      if (bytes !== entry.bytes) Object.assign(entry, { bytes, since: now });
      else if (now - entry.since >= ms) {
        entry.since = now;
        if (ws.readyState === ws.OPEN) ws.close(1001, `Idle for ${Math.round(ms / 1000)} s`);
        else ws.terminate();
      }
    }
  }, Math.max(50, Math.min(ms / 4, 15_000))) : undefined;
  timer?.unref();
  return {
    /** Starts watching `ws` until it closes. */
    watch(/** @type {import('ws').WebSocket} */ ws, /** @type {import('node:stream').Duplex} */ socket) {
      if (!timer) return;
      const net = /** @type {import('node:net').Socket} */ (socket);
      watched.set(ws, { socket: net, bytes: net.bytesRead + net.bytesWritten, since: Date.now() });
      ws.once('close', () => watched.delete(ws));
    },
    /** Stops the timer. */
    stop: () => clearInterval(timer),
  };
}

/** The request's pathname, ignoring the query ('' when malformed: the guard refuses those first). */
function pathOf(/** @type {import('node:http').IncomingMessage} */ req) {
  const target = parseTarget(req.url);
  return target.ok ? target.value.pathname : '';
}

/** Byte length of ws's RawData. */
function byteLength(/** @type {import('ws').RawData} */ data) {
  return Array.isArray(data) ? data.reduce((sum, b) => sum + b.length, 0) : data.byteLength;
}
