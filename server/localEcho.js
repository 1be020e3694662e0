// @ts-check
/**
 * The bundled "Local Echo" WebSocket server. It attaches to an existing HTTP
 * server's 'upgrade' event and serves a few test endpoints at the host root:
 * /echo, /ticker, /close, /drop, /proto, /firehose and /big.
 */
import { WebSocketServer, WebSocket } from 'ws';

const MiB = 1024 * 1024;
const MAX_PAYLOAD = 64 * MiB;
/** Pause firehose writes while more than this many bytes are queued on the socket. */
const HIGH_WATER = MiB;
/** Yield to the event loop after this many bytes, so one firehose can't starve others. */
const BATCH_BYTES = 256 * 1024;
const MAX_FIREHOSE_COUNT = 10_000_000;
const MAX_FIREHOSE_SIZE = MiB;
const MAX_CLOSE_REASON_BYTES = 123;
const KNOWN_PATHS = ['/echo', '/ticker', '/close', '/drop', '/proto', '/firehose', '/big'];
/** Subprotocols /proto prefers, best first. */
const PROTO_PREFERENCE = ['chat.v2', 'chat', 'json'];
/** Vite's own HMR sockets; Vite's dev server handles these on the same HTTP server. */
const VITE_PROTOCOLS = new Set(['vite-hmr', 'vite-ping']);

/**
 * @typedef {{ log?: (line: string) => void }} LocalEchoOptions
 * @typedef {{ msgsIn: number, msgsOut: number, bytesIn: number, bytesOut: number }} Counts
 * @typedef {{ ws: WebSocket, url: URL, counts: Counts, send: (data: string | Buffer, binary: boolean) => void }} Conn
 */

/** Attaches the Local Echo endpoints to `httpServer`; `close()` terminates every client and detaches. */
export function attachLocalEcho(/** @type {import('node:events').EventEmitter} */ httpServer, /** @type {LocalEchoOptions} */ options = {}) {
  const log = options.log ?? ((/** @type {string} */ line) => console.log(line));
  const compressed = new WebSocketServer({
    noServer: true,
    perMessageDeflate: true,
    maxPayload: MAX_PAYLOAD,
    // Without handleProtocols ws picks the client's first offer; keep that for every path but /proto.
    handleProtocols: (offered, req) => (pathOf(req) === '/proto' ? pickProtocol(offered) : (offered.values().next().value ?? false)),
  });
  // Throughput endpoints skip compression so they measure the transport, not zlib.
  const raw = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_PAYLOAD });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  function onUpgrade(req, socket, head) {
    if (VITE_PROTOCOLS.has(String(req.headers['sec-websocket-protocol'] ?? '').trim())) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const wss = url.pathname === '/firehose' || url.pathname === '/big' ? raw : compressed;
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, url));
  }

  /**
   * @param {WebSocket} ws
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   */
  function onConnection(ws, req, url) {
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
    /** @type {Conn} */
    const conn = {
      ws, url, counts,
      send(data, binary) {
        if (ws.readyState !== WebSocket.OPEN) return;
        counts.msgsOut++;
        counts.bytesOut += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
        ws.send(data, { binary });
      },
    };
    const route = ROUTES[url.pathname];
    if (route) route(conn);
    else closeUnknown(conn);
  }

  httpServer.on('upgrade', onUpgrade);
  return {
    /** Terminates all clients, closes both WebSocket servers and detaches from the HTTP server. */
    close() {
      httpServer.off('upgrade', onUpgrade);
      const done = [compressed, raw].map((wss) => new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve(undefined));
      }));
      return Promise.all(done).then(() => undefined);
    },
  };
}

/** @type {Record<string, (conn: Conn) => void>} */
const ROUTES = {
  '/echo': echo,
  '/proto': echo,
  '/ticker'(conn) {
    let seq = 0;
    const tick = () => conn.send(JSON.stringify({ type: 'tick', seq: ++seq, time: new Date().toISOString() }), false);
    tick();
    const timer = setInterval(tick, 1000);
    conn.ws.on('close', () => clearInterval(timer));
    echo(conn);
  },
  '/close'({ ws, url }) {
    const asked = url.searchParams.get('code');
    const code = asked === null || asked === '' ? 1000 : Number(asked);
    const reason = url.searchParams.get('reason') ?? 'closing as asked';
    ws.once('message', () => {
      if (isValidCloseCode(code)) ws.close(code, truncateUtf8(reason, MAX_CLOSE_REASON_BYTES));
      else ws.close(1008, truncateUtf8(`Invalid close code ${asked}; use 1000-1003, 1007-1014 or 3000-4999`, MAX_CLOSE_REASON_BYTES));
    });
  },
  '/drop'({ ws }) {
    // terminate() destroys the TCP socket without a close frame, so the browser sees 1006.
    ws.once('message', () => ws.terminate());
  },
  '/firehose'(conn) {
    const n = clampInt(conn.url.searchParams.get('n'), 50_000, 0, MAX_FIREHOSE_COUNT);
    const size = clampInt(conn.url.searchParams.get('size'), 64, 1, MAX_FIREHOSE_SIZE);
    if (conn.url.searchParams.get('start') === 'message') conn.ws.once('message', () => firehose(conn, n, size));
    else firehose(conn, n, size);
  },
  '/big'(conn) {
    const size = clampInt(conn.url.searchParams.get('size'), 16 * MiB, 0, MAX_PAYLOAD);
    const binary = conn.url.searchParams.get('type') === 'binary';
    conn.send(binary ? binaryPattern(size) : Buffer.alloc(size, 'BIG-TEXT 0123456789 abcdefghijklmnopqrstuvwxyz\n'), binary);
    echo(conn);
  },
};

/** Echoes every message back unchanged: text as text, binary as binary. */
function echo(/** @type {Conn} */ conn) {
  conn.ws.on('message', (data, isBinary) => conn.send(toBuffer(data), isBinary));
}

/** Accepts an unknown path, then closes with 1008 and a reason listing the known paths. */
function closeUnknown(/** @type {Conn} */ { ws, url }) {
  const tail = `; try ${KNOWN_PATHS.join(', ')}`;
  const path = truncateUtf8(url.pathname, MAX_CLOSE_REASON_BYTES - Buffer.byteLength(`Unknown path ${tail}`));
  ws.close(1008, `Unknown path ${path}${tail}`);
}

/**
 * Sends n numbered text messages of exactly `size` bytes as fast as the socket drains.
 * @param {Conn} conn
 * @param {number} n
 * @param {number} size
 */
function firehose(conn, n, size) {
  const { ws } = conn;
  const fill = 'x'.repeat(Math.max(0, size - 10));
  const socket = /** @type {{ _socket?: import('node:net').Socket }} */ (/** @type {unknown} */ (ws))._socket;
  let seq = 0;
  const pump = () => {
    let batch = 0;
    while (seq < n && ws.readyState === WebSocket.OPEN) {
      seq++;
      conn.send(size >= 10 ? `${String(seq).padStart(9, '0')} ${fill}` : String(seq).padStart(size, '0').slice(-size), false);
      batch += size;
      // Over the high-water mark the socket has necessarily returned false from write(), so 'drain' will come.
      if (ws.bufferedAmount > HIGH_WATER && socket) return void socket.once('drain', pump);
      if (batch >= BATCH_BYTES) return void setImmediate(pump);
    }
  };
  pump();
}

/** Bytes 0..255 repeating, `size` bytes long. */
function binaryPattern(/** @type {number} */ size) {
  const pattern = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) pattern[i] = i;
  return size === 0 ? Buffer.alloc(0) : Buffer.alloc(size, pattern);
}

/** Picks /proto's subprotocol: the preferred ones in order, else the client's first offer, else none. */
function pickProtocol(/** @type {Set<string>} */ offered) {
  return PROTO_PREFERENCE.find((p) => offered.has(p)) ?? offered.values().next().value ?? false;
}

/** Close codes an endpoint may send (RFC 6455 §7.4 plus the registered 1012-1014). */
function isValidCloseCode(/** @type {number} */ code) {
  return Number.isInteger(code) &&
    (code === 1000 || (code >= 1001 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999));
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
function truncateUtf8(/** @type {string} */ text, /** @type {number} */ max) {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/** Parses an integer query value, falling back to `fallback` and clamping to [min, max]. */
function clampInt(/** @type {string | null} */ value, /** @type {number} */ fallback, /** @type {number} */ min, /** @type {number} */ max) {
  const parsed = value === null || value.trim() === '' ? NaN : Number(value);
  const n = Number.isFinite(parsed) ? Math.floor(parsed) : fallback;
  return Math.min(max, Math.max(min, n));
}

/** The request's pathname, ignoring the query. */
function pathOf(/** @type {import('node:http').IncomingMessage} */ req) {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

/** Normalises ws's RawData to one Buffer. */
function toBuffer(/** @type {import('ws').RawData} */ data) {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Byte length of ws's RawData. */
function byteLength(/** @type {import('ws').RawData} */ data) {
  return Array.isArray(data) ? data.reduce((sum, b) => sum + b.length, 0) : data.byteLength;
}
