// @ts-check
/**
 * Checks a request before anything acts on it, and refuses what fails with a proper HTTP error,
 * so that no request, however malformed, can throw out of a handler or leave a socket hanging.
 */
import { STATUS_CODES } from 'node:http';

/** Longest request target accepted; Node already caps the whole header block at 16 KiB. */
const MAX_TARGET_LENGTH = 8192;
/** Sec-WebSocket-Key: 16 random bytes in base64 (RFC 6455 §4.1). */
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;
/** How long a refused peer may take to read the refusal before its socket is destroyed. */
const REFUSAL_GRACE_MS = 1000;

/**
 * @typedef {{ status: number, reason: string, headers?: Record<string, string> }} Refusal
 * @typedef {import('../src/codecs/result.ts').ParseResult<URL>} TargetResult
 */

/**
 * Parses a request target (origin-form `/path?q`, or absolute-form `http://host/path?q`) into a URL
 * on a fixed origin; `//`, `/@x` and the like are ordinary paths here, never hosts.
 * @param {unknown} target
 * @returns {TargetResult}
 */
export function parseTarget(target) {
  if (typeof target !== 'string' || target === '') return { ok: false, error: 'Missing request target' };
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, error: `Request target longer than ${MAX_TARGET_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0020\u007f]/.test(target)) return { ok: false, error: 'Request target contains a space or control character' };
  try {
    if (target.startsWith('/')) return { ok: true, value: new URL(`http://localhost${target}`) };
    if (/^(?:https?|wss?):\/\//i.test(target)) {
      const absolute = new URL(target);
      return { ok: true, value: new URL(`http://localhost${absolute.pathname}${absolute.search}`) };
    }
  } catch {
    // Falls through to the refusal below.
  }
  return { ok: false, error: 'Malformed request target' };
}

/**
 * Why an upgrade request cannot become a WebSocket (RFC 6455 §4.2.1), or null when it can.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Refusal | null}
 */
export function upgradeRefusal(req) {
  if (req.method !== 'GET') return { status: 405, reason: 'A WebSocket handshake uses GET', headers: { Allow: 'GET' } };
  if (req.httpVersion !== '1.1') return { status: 400, reason: 'A WebSocket handshake needs HTTP/1.1' };
  if (String(req.headers.upgrade ?? '').trim().toLowerCase() !== 'websocket') {
    return { status: 426, reason: 'Only "Upgrade: websocket" is served here', headers: { Upgrade: 'websocket' } };
  }
  if (String(req.headers['sec-websocket-version'] ?? '').trim() !== '13') {
    return { status: 426, reason: 'Sec-WebSocket-Version must be 13', headers: { 'Sec-WebSocket-Version': '13' } };
  }
  if (!WEBSOCKET_KEY.test(String(req.headers['sec-websocket-key'] ?? '').trim())) {
    return { status: 400, reason: 'Missing or invalid Sec-WebSocket-Key' };
  }
  return null;
}

/**
 * Answers a raw (upgrade) socket with a short plain-text HTTP error, then closes it; a peer that
 * does not read the answer is cut off after a second.
 * @param {import('node:stream').Duplex} socket
 * @param {Refusal} refusal
 */
export function refuse(socket, { status, reason, headers = {} }) {
  if (socket.destroyed) return;
  if (!socket.writable) return void socket.destroy();
  const body = `${reason}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  socket.once('finish', () => socket.destroy());
  socket.end(`${head}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), REFUSAL_GRACE_MS).unref();
}
