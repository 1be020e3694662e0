// @ts-check
/**
 * The local agent: a control WebSocket (path /agent) through which an authenticated page opens
 * ws:// and wss:// upstreams with the `ws` client, sees their handshakes, pings, pongs and exact
 * closes, and relays their data. Only loopback hosts, the right per-start token and an allowed
 * Origin get in; everything else gets 403 and a log line.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';
import { AGENT_PROTOCOL, DATA_BINARY, DATA_TEXT, decodeData, encodeData, TOKEN_PREFIX } from './frames.js';
import { openUpstream, specRefusal } from './upstream.js';
import { refuse } from '../requestGuard.js';

export const AGENT_PATH = '/agent';
export const AGENT_VERSION = /** @type {{ version: string }} */ (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;

const MiB = 1024 * 1024;

/** The agent's limits, as the README documents them. */
export const AGENT_LIMITS = Object.freeze({
  /** Control connections (pages) at once. */
  maxControls: 8,
  /** Upstreams one page may hold open at once. */
  maxUpstreamsPerControl: 16,
  /** Upstreams of all pages together. */
  maxUpstreams: 64,
  /** Largest message either way, in bytes. */
  maxPayload: 64 * MiB,
  /** An upgrade not answered by then fails. */
  handshakeTimeoutMs: 30_000,
  /** An upstream with nothing read or written for this long is closed with 1001. */
  idleTimeoutMs: 10 * 60_000,
});

/** Past this many bytes queued toward the page, upstreams stop reading until it drains. */
const HIGH_WATER = 4 * MiB;
const LOW_WATER = 1 * MiB;
/** Host names a same-origin page may use: loopback only, so a rebinding DNS name never passes. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * @typedef {typeof AGENT_LIMITS} AgentLimits
 * @typedef {{ token?: string, allowOrigins?: string[], log?: (line: string) => void, limits?: Partial<AgentLimits> }} AgentOptions
 */

/** A fresh random token: 32 bytes as hex. */
export function newToken() {
  return randomBytes(32).toString('hex');
}

/**
 * Creates the agent. `wants(req)` says whether an upgrade is for it; `handleUpgrade` checks and
 * answers it; `close()` ends every control connection and upstream.
 */
export function createAgent(/** @type {AgentOptions} */ options = {}) {
  const token = options.token ?? newToken();
  const allowOrigins = new Set((options.allowOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const log = options.log ?? ((/** @type {string} */ line) => console.log(line));
  const limits = { ...AGENT_LIMITS, ...options.limits };
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: limits.maxPayload + 64 * 1024, handleProtocols: () => AGENT_PROTOCOL });
  let upstreamCount = 0;

  /** Why this upgrade may not become a control connection, or null. */
  function refusal(/** @type {import('node:http').IncomingMessage} */ req) {
    const host = String(req.headers.host ?? '').toLowerCase();
    const hostName = host.replace(/:\d+$/, '');
    const origin = String(req.headers.origin ?? '').toLowerCase();
    // A server bound to another address (serve.js --host 0.0.0.0) still takes control connections from this machine only.
    const remote = req.socket.remoteAddress ?? '';
    if (!/^(?:127\.|::1$|::ffff:127\.)/.test(remote)) return `the peer ${remote} is not on this machine`;
    if (!LOOPBACK_HOSTS.has(hostName)) return `Host ${JSON.stringify(host)} is not a loopback name`;
    const sameOrigin = origin === `http://${host}` || origin === `https://${host}`;
    if (!sameOrigin && !allowOrigins.has(origin)) return `Origin ${JSON.stringify(origin || '(none)')} is not allowed (start the agent with --allow-origin ${origin || 'ORIGIN'})`;
    const offers = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    if (!offers.includes(AGENT_PROTOCOL)) return `Not offering the ${AGENT_PROTOCOL} subprotocol`;
    const offered = offers.find((s) => s.startsWith(TOKEN_PREFIX))?.slice(TOKEN_PREFIX.length) ?? '';
    if (!offered) return 'No token offered';
    const a = Buffer.from(offered);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return 'Wrong token';
    if (wss.clients.size >= limits.maxControls) return `The agent has its limit of ${limits.maxControls} pages`;
    return null;
  }

  /** Answers an upgrade at /agent: a control connection, or 403. */
  function handleUpgrade(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:stream').Duplex} */ socket, /** @type {Buffer} */ head) {
    socket.on('error', () => socket.destroy());
    const why = refusal(req);
    if (why) {
      log(`${new Date().toISOString()} [agent] refused a control connection from ${req.socket.remoteAddress ?? '?'}: ${why}`);
      return refuse(socket, { status: 403, reason: `Local agent: ${why}` });
    }
    wss.handleUpgrade(req, socket, head, (control) => onControl(control, String(req.headers.origin ?? '')));
  }

  /** One page's control connection and the upstreams it opened. */
  function onControl(/** @type {import('ws').WebSocket} */ control, /** @type {string} */ origin) {
    log(`${new Date().toISOString()} [agent] page connected from ${origin}`);
    /** @type {Map<number, NonNullable<ReturnType<typeof openUpstream>> & { lastActive: number }>} */
    const upstreams = new Map();
    let paused = false;
    const sendEvent = (/** @type {Record<string, unknown>} */ message) => {
      if (control.readyState === control.OPEN) control.send(JSON.stringify(message));
    };
    sendEvent({ t: 'hello', version: AGENT_VERSION, limits });

    const relieve = setInterval(() => {
      const now = Date.now();
      if (paused && control.bufferedAmount < LOW_WATER) {
        paused = false;
        for (const up of upstreams.values()) up.ws.resume();
      }
      if (limits.idleTimeoutMs > 0) {
        for (const up of upstreams.values()) {
          if (now - up.lastActive >= limits.idleTimeoutMs && up.ws.readyState === up.ws.OPEN) {
            up.close(1001, `Idle for ${Math.round(limits.idleTimeoutMs / 1000)} s`);
          }
        }
      }
    }, 20);
    relieve.unref();

    const open = (/** @type {Record<string, unknown>} */ msg) => {
      const id = Number(msg.id);
      const spec = /** @type {import('./upstream.js').UpstreamSpec} */ ({
        url: String(msg.url ?? ''),
        protocols: Array.isArray(msg.protocols) ? msg.protocols.map(String) : [],
        headers: Array.isArray(msg.headers) ? msg.headers.map((h) => [String(h?.[0] ?? ''), String(h?.[1] ?? '')]) : [],
        verify: msg.verify !== false,
        cert: msg.cert ? String(msg.cert) : undefined,
        key: msg.key ? String(msg.key) : undefined,
        pfx: msg.pfx ? String(msg.pfx) : undefined,
        passphrase: msg.passphrase ? String(msg.passphrase) : undefined,
        proxy: msg.proxy ? String(msg.proxy) : undefined,
        answerPings: msg.answerPings !== false,
      });
      const fail = (/** @type {string} */ message) => {
        sendEvent({ t: 'error', id, message });
        sendEvent({ t: 'close', id, code: 1006, reason: '', wasClean: false, by: 'agent' });
      };
      if (!Number.isInteger(id) || id < 0 || id > 0xffffffff || upstreams.has(id)) return fail('Bad upstream id');
      const why = specRefusal(spec);
      if (why) return fail(why);
      if (upstreams.size >= limits.maxUpstreamsPerControl) return fail(`The agent allows ${limits.maxUpstreamsPerControl} upstreams per page`);
      if (upstreamCount >= limits.maxUpstreams) return fail(`The agent has its limit of ${limits.maxUpstreams} upstreams`);
      log(`${new Date().toISOString()} [agent] open ${spec.url}`);
      const up = openUpstream(spec, limits, {
        event(message) {
          const entry = upstreams.get(id);
          if (entry) entry.lastActive = Date.now();
          if (message.t === 'close' && upstreams.delete(id)) upstreamCount--;
          sendEvent({ ...message, id });
        },
        data(isBinary, payload) {
          const entry = upstreams.get(id);
          if (!entry || control.readyState !== control.OPEN) return;
          entry.lastActive = Date.now();
          control.send(encodeData(isBinary ? DATA_BINARY : DATA_TEXT, id, payload));
          if (!paused && control.bufferedAmount > HIGH_WATER) {
            paused = true;
            for (const other of upstreams.values()) other.ws.pause();
          }
        },
      });
      if (!up) return;
      upstreams.set(id, Object.assign(up, { lastActive: Date.now() }));
      upstreamCount++;
      if (paused) up.ws.pause();
    };

    control.on('message', (data, isBinary) => {
      const buf = /** @type {Buffer} */ (data);
      if (isBinary) {
        const frame = decodeData(buf);
        const up = frame && upstreams.get(frame.id);
        if (!frame || !up || up.ws.readyState !== up.ws.OPEN) return;
        up.lastActive = Date.now();
        up.ws.send(frame.payload, { binary: frame.kind === DATA_BINARY });
        return;
      }
      /** @type {Record<string, unknown>} */
      let msg;
      try {
        msg = JSON.parse(buf.toString('utf8'));
      } catch {
        return sendEvent({ t: 'problem', message: 'A control message was not JSON' });
      }
      if (!msg || typeof msg !== 'object') return;
      const up = upstreams.get(Number(msg.id));
      switch (msg.t) {
        case 'open':
          return open(msg);
        case 'close':
          return up?.close(typeof msg.code === 'number' ? msg.code : undefined, typeof msg.reason === 'string' ? msg.reason : undefined);
        case 'ping':
          return up?.ping(Buffer.from(String(msg.data ?? ''), 'base64').subarray(0, 125));
        case 'answerPings':
          return up?.setAnswerPings(msg.on !== false);
        case 'dispose':
          if (up) {
            up.terminate();
            upstreams.delete(Number(msg.id));
            upstreamCount--;
          }
          return;
        default:
          return sendEvent({ t: 'problem', message: `Unknown control message ${JSON.stringify(String(msg.t)).slice(0, 40)}` });
      }
    });
    control.on('error', () => control.terminate());
    control.on('close', () => {
      clearInterval(relieve);
      for (const up of upstreams.values()) up.terminate();
      upstreamCount -= upstreams.size;
      upstreams.clear();
      log(`${new Date().toISOString()} [agent] page disconnected; its upstreams are closed`);
    });
  }

  return {
    token,
    limits,
    /** Whether an upgrade request is for the agent. */
    wants: (/** @type {import('node:http').IncomingMessage} */ req) => String(req.url ?? '').split('?')[0] === AGENT_PATH,
    handleUpgrade,
    /** Ends every control connection (and so every upstream). */
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve(undefined)));
    },
  };
}
