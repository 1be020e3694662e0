// @ts-check
/**
 * What each Local Echo path does once its WebSocket is open. Everything a client makes the server
 * send is produced as the socket drains, so a client that stops reading holds at most about
 * HIGH_WATER bytes of the server's memory, whatever it asked for.
 */
import { WebSocket } from 'ws';

const MiB = 1024 * 1024;
/** Stop producing (and stop reading echoes) while more than this many bytes wait to be sent. */
const HIGH_WATER = MiB;
/** Yield to the event loop after this many bytes, so one firehose can't starve others. */
const BATCH_BYTES = 256 * 1024;
/** /big goes out as fragments of this size, cut from one shared pattern buffer. */
const BIG_FRAGMENT = 256 * 1024;
/** The largest /big message. */
export const MAX_BIG_SIZE = 64 * MiB;
const MAX_FIREHOSE_COUNT = 10_000_000;
const MAX_FIREHOSE_SIZE = MiB;
const MAX_CLOSE_REASON_BYTES = 123;
/** Subprotocols /proto prefers, best first. */
const PROTO_PREFERENCE = ['chat.v2', 'chat', 'json'];
const TEXT_PATTERN = 'BIG-TEXT 0123456789 abcdefghijklmnopqrstuvwxyz\n';

/**
 * @typedef {{ msgsIn: number, msgsOut: number, bytesIn: number, bytesOut: number }} Counts
 * @typedef {{
 *   ws: WebSocket, socket: import('node:stream').Duplex, url: URL, counts: Counts,
 *   send: (data: string | Buffer, binary: boolean, fin?: boolean) => void,
 * }} Conn
 */

/** The paths Local Echo serves, each with what it does on open. */
export const ROUTES = /** @type {Record<string, (conn: Conn) => void>} */ ({
  '/echo': echo,
  '/proto': echo,
  '/ticker'(conn) {
    let seq = 0;
    const tick = () => {
      seq++;
      // A client that does not read misses ticks instead of piling them up here.
      if (conn.ws.bufferedAmount <= HIGH_WATER) conn.send(JSON.stringify({ type: 'tick', seq, time: new Date().toISOString() }), false);
    };
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
    const make = firehoseMaker(conn.url.searchParams.get('type'), size);
    if (conn.url.searchParams.get('start') === 'message') conn.ws.once('message', () => firehose(conn, n, make));
    else firehose(conn, n, make);
  },
  '/big'(conn) {
    const size = clampInt(conn.url.searchParams.get('size'), 16 * MiB, 0, MAX_BIG_SIZE);
    big(conn, size, conn.url.searchParams.get('type') === 'binary');
  },
});

/** The paths Local Echo serves. */
export const LOCAL_ECHO_PATHS = Object.freeze(Object.keys(ROUTES));

/** Paths that measure the transport: no compression there. */
export const UNCOMPRESSED_PATHS = new Set(['/firehose', '/big']);

/** Accepts an unknown path, then closes with 1008 and a reason listing the known paths. */
export function closeUnknown(/** @type {Conn} */ { ws, url }) {
  const tail = `; try ${LOCAL_ECHO_PATHS.join(', ')}`;
  const path = truncateUtf8(url.pathname, MAX_CLOSE_REASON_BYTES - Buffer.byteLength(`Unknown path ${tail}`));
  ws.close(1008, `Unknown path ${path}${tail}`);
}

/** Picks /proto's subprotocol: the preferred ones in order, else the client's first offer, else none. */
export function pickProtocol(/** @type {Set<string>} */ offered) {
  return PROTO_PREFERENCE.find((p) => offered.has(p)) ?? offered.values().next().value ?? false;
}

/**
 * Echoes every message back unchanged: text as text, binary as binary. While the echoes wait to
 * be sent, it stops reading, so a client that sends without reading fills its own buffers, not ours.
 * @param {Conn} conn
 * @param {() => boolean} [holding] true while another sender owns the socket (a /big message in fragments)
 */
function echo(conn, holding = () => false) {
  const { ws } = conn;
  /** @type {{ data: Buffer, binary: boolean }[]} */
  const waiting = [];
  let paused = false;
  const pause = () => {
    if (paused) return;
    paused = true;
    ws.pause();
    whenDrained(conn, () => {
      paused = false;
      flush();
    });
  };
  const flush = () => {
    if (holding()) return;
    for (let next = waiting.shift(); next; next = waiting.shift()) conn.send(next.data, next.binary);
    if (ws.bufferedAmount > HIGH_WATER) pause();
    else if (ws.isPaused && ws.readyState === WebSocket.OPEN) ws.resume();
  };
  ws.on('message', (data, isBinary) => {
    waiting.push({ data: toBuffer(data), binary: isBinary });
    if (holding()) pause();
    else flush();
  });
  return flush;
}

/**
 * @typedef {{ size: number, binary: boolean, message: (seq: number) => string | Buffer }} FirehoseMaker
 */

/** The kinds of message /firehose sends (`type=`); the first is the default. */
export const FIREHOSE_TYPES = Object.freeze(['text', 'json', 'binary']);

/**
 * How /firehose builds its messages, each exactly `size` bytes and numbered from 1:
 * text is the seq as 9 digits, a space and x's; json is a ticker-like object (an order book's
 * levels make up the size, `pad` the last bytes; at least JSON_MIN_SIZE); binary is the seq as a
 * big-endian uint32 followed by bytes 0..255 repeating.
 * @param {string | null} type
 * @param {number} size
 * @returns {FirehoseMaker}
 */
export function firehoseMaker(type, size) {
  if (type === 'binary') {
    const fill = Buffer.alloc(size, BINARY_BLOCK.block.subarray(0, 256));
    return {
      size,
      binary: true,
      message(seq) {
        // A buffer per message: ws may still hold the previous one in its queue.
        const out = Buffer.from(fill);
        if (size >= 4) out.writeUInt32BE(seq >>> 0, 0);
        return out;
      },
    };
  }
  if (type === 'json') return jsonMaker(Math.max(size, JSON_MIN_SIZE));
  const fill = 'x'.repeat(Math.max(0, size - 10));
  return {
    size,
    binary: false,
    message: (seq) => (size >= 10 ? `${String(seq).padStart(9, '0')} ${fill}` : String(seq).padStart(size, '0').slice(-size)),
  };
}

const JSON_HEAD = '{"type":"ticker","seq":';
const JSON_BODY = ',"symbol":"BTC-USD","bid":43120.15,"ask":43120.87,"last":43120.5,"volume":1523.4471,"time":"2026-01-01T00:00:00.000Z","levels":[';
const JSON_END = '],"pad":"';
const JSON_TAIL = '"}';
/** The smallest JSON message /firehose sends: no levels, room for a 10-digit seq in the pad. */
export const JSON_MIN_SIZE = JSON_HEAD.length + JSON_BODY.length + JSON_END.length + JSON_TAIL.length + 10;

/** A ticker-like JSON message of exactly `size` bytes (seq up to 10 digits). */
function jsonMaker(/** @type {number} */ size) {
  const levels = [];
  let fixed = JSON_MIN_SIZE;
  for (let i = 0; ; i++) {
    const level = `${i ? ',' : ''}[${(43120.15 - i * 0.25).toFixed(2)},${(0.5 + (i % 7) * 0.125).toFixed(3)}]`;
    if (fixed + level.length > size) break;
    levels.push(level);
    fixed += level.length;
  }
  const middle = JSON_BODY + levels.join('') + JSON_END;
  const pad = '.'.repeat(size);
  return {
    size,
    binary: false,
    message(/** @type {number} */ seq) {
      const digits = String(seq);
      return `${JSON_HEAD}${digits}${middle}${pad.slice(0, size - (fixed - 10) - digits.length)}${JSON_TAIL}`;
    },
  };
}

/**
 * Sends n numbered messages (as `make` builds them) as fast as the socket drains.
 * @param {Conn} conn
 * @param {number} n
 * @param {FirehoseMaker} make
 */
function firehose(conn, n, make) {
  const { ws } = conn;
  const { size, binary, message } = make;
  let seq = 0;
  const pump = () => {
    let batch = 0;
    while (seq < n && ws.readyState === WebSocket.OPEN) {
      seq++;
      conn.send(message(seq), binary);
      batch += size;
      if (ws.bufferedAmount > HIGH_WATER) return void whenDrained(conn, pump);
      if (batch >= BATCH_BYTES) return void setImmediate(pump);
    }
  };
  pump();
}

/**
 * Sends one message of `size` bytes in fragments cut from a shared pattern buffer, each only once
 * the previous ones have drained; messages the client sends meanwhile are echoed after it.
 * @param {Conn} conn
 * @param {number} size
 * @param {boolean} binary
 */
function big(conn, size, binary) {
  const { ws } = conn;
  const { block, period } = binary ? BINARY_BLOCK : TEXT_BLOCK;
  let sent = 0;
  let done = false;
  const flushEchoes = echo(conn, () => !done);
  const pump = () => {
    while (!done && ws.readyState === WebSocket.OPEN) {
      const length = Math.min(BIG_FRAGMENT, size - sent);
      const phase = sent % period;
      sent += length;
      done = sent >= size;
      conn.send(block.subarray(phase, phase + length), binary, done);
      if (done) return void flushEchoes();
      if (ws.bufferedAmount > HIGH_WATER) return void whenDrained(conn, pump);
    }
  };
  pump();
}

/** Calls `resume` once the socket's queue is back under HIGH_WATER / 2 (never, if it closes first). */
function whenDrained(/** @type {Conn} */ { ws, socket }, /** @type {() => void} */ resume) {
  const check = () => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount <= HIGH_WATER / 2) return resume();
    // Bytes still being compressed are not on the socket yet, so no 'drain' may come for them.
    if (socket.writableNeedDrain) socket.once('drain', check);
    else setTimeout(check, 5);
  };
  check();
}

/** A pattern repeated over BIG_FRAGMENT bytes plus one period, so any fragment is a slice of it. */
function patternBlock(/** @type {Buffer} */ pattern) {
  return { block: Buffer.alloc(BIG_FRAGMENT + pattern.length, pattern), period: pattern.length };
}

/** Bytes 0..255 repeating. */
const BINARY_BLOCK = patternBlock(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
const TEXT_BLOCK = patternBlock(Buffer.from(TEXT_PATTERN));

/** Close codes an endpoint may send (RFC 6455 §7.4 plus the registered 1012-1014). */
function isValidCloseCode(/** @type {number} */ code) {
  return Number.isInteger(code) &&
    (code === 1000 || (code >= 1001 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999));
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(/** @type {string} */ text, /** @type {number} */ max) {
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

/** Normalises ws's RawData to one Buffer. */
function toBuffer(/** @type {import('ws').RawData} */ data) {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
