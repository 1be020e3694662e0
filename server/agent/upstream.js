// @ts-check
/**
 * One upstream WebSocket opened by the agent for a page: the `ws` client with the page's headers,
 * Origin, TLS and proxy options, reporting the handshake as sent and received (with timings and
 * the server certificate), pings and pongs both ways, and the exact close code and who closed first.
 */
import { readFileSync } from 'node:fs';
import { HttpsProxyAgent } from 'https-proxy-agent';
import WebSocket from 'ws';
import { headerRefusal, valueRefusal } from './headerRules.js';

/** Bytes of a refused upgrade's body kept for the page. */
export const REFUSED_BODY_BYTES = 4096;

/** Plain words for the statuses a refused upgrade most often has. */
const EXPLANATIONS = /** @type {Record<number, string>} */ ({
  400: 'the server found the handshake malformed',
  401: 'the server wants credentials (an Authorization header or a cookie)',
  403: 'the server refused this client (credentials, Origin or address not allowed)',
  404: 'no WebSocket endpoint at this path',
  426: 'the server wants another protocol version',
  429: 'too many requests: the server is rate limiting',
  500: 'the server failed while handling the upgrade',
  502: 'a proxy or gateway could not reach the server',
  503: 'the server is unavailable or overloaded',
});

/**
 * @typedef {{ url: string, protocols: string[], headers: [string, string][], verify: boolean,
 *   cert?: string, key?: string, pfx?: string, passphrase?: string, proxy?: string, answerPings: boolean }} UpstreamSpec
 * @typedef {{ maxPayload: number, handshakeTimeoutMs: number }} UpstreamLimits
 * @typedef {{ event(message: Record<string, unknown>): void, data(isBinary: boolean, payload: Buffer): void }} UpstreamReport
 */

/** Why a spec may not be opened (only ws:// and wss://, valid headers), or null. */
export function specRefusal(/** @type {UpstreamSpec} */ spec) {
  let url;
  try {
    url = new URL(spec.url);
  } catch {
    return `${JSON.stringify(spec.url)} is not a URL`;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `The agent opens only ws:// and wss:// URLs, not ${url.protocol}//`;
  for (const [name, value] of spec.headers) {
    const why = headerRefusal(name) ?? valueRefusal(value);
    if (why) return `Header ${name}: ${why}`;
  }
  if (spec.proxy) {
    try {
      const proxy = new URL(spec.proxy);
      if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') return 'A proxy URL starts with http:// or https://';
    } catch {
      return `Proxy ${JSON.stringify(spec.proxy)} is not a URL`;
    }
  }
  return null;
}

/** Opens the upstream described by `spec` (already checked by specRefusal); reports go to `report`. */
export function openUpstream(/** @type {UpstreamSpec} */ spec, /** @type {UpstreamLimits} */ limits, /** @type {UpstreamReport} */ report) {
  const started = performance.now();
  /** @type {Record<string, number | null>} */
  const timings = { dns: null, tcp: null, tls: null, upgrade: null };
  const since = () => Math.round((performance.now() - started) * 10) / 10;
  /** @type {Record<string, unknown> | null} */
  let request = null;
  let closedByClient = false;
  let finished = false;
  /** @type {Record<string, unknown> | null} */
  let certificate = null;

  const headers = /** @type {Record<string, string>} */ ({});
  let origin;
  for (const [name, value] of spec.headers) {
    if (name.toLowerCase() === 'origin') origin = value;
    else headers[name] = value;
  }
  /** @type {import('ws').ClientOptions & import('node:tls').ConnectionOptions} */
  const options = {
    headers,
    origin,
    rejectUnauthorized: spec.verify,
    autoPong: spec.answerPings,
    maxPayload: limits.maxPayload,
    handshakeTimeout: limits.handshakeTimeoutMs,
    perMessageDeflate: true,
    followRedirects: false,
    finishRequest(req) {
      req.on('socket', (socket) => {
        socket.once('lookup', () => (timings.dns = since()));
        socket.once('connect', () => (timings.tcp = since()));
        socket.once('secureConnect', () => {
          timings.tls = since();
          certificate = describeCertificate(/** @type {import('node:tls').TLSSocket} */ (socket));
        });
      });
      const names = req.getRawHeaderNames();
      request = {
        line: `${req.method} ${req.path} HTTP/1.1`,
        headers: names.map((name) => [name, String(req.getHeader(name))]),
      };
      req.end();
    },
  };
  try {
    if (spec.cert) options.cert = readFileSync(spec.cert);
    if (spec.key) options.key = readFileSync(spec.key);
    if (spec.pfx) options.pfx = readFileSync(spec.pfx);
    if (spec.passphrase) options.passphrase = spec.passphrase;
    if (spec.proxy) options.agent = new HttpsProxyAgent(spec.proxy, { rejectUnauthorized: spec.verify });
  } catch (err) {
    return failBeforeStart(report, `Could not read a client certificate file: ${err instanceof Error ? err.message : String(err)}`);
  }
  /** @type {WebSocket} */
  let ws;
  try {
    ws = new WebSocket(spec.url, spec.protocols, options);
  } catch (err) {
    return failBeforeStart(report, err instanceof Error ? err.message : String(err));
  }

  const finish = (/** @type {number} */ code, /** @type {string} */ reason, /** @type {boolean} */ wasClean) => {
    if (finished) return;
    finished = true;
    report.event({ t: 'close', code, reason, wasClean, by: closedByClient ? 'client' : 'server' });
  };

  let handshakeReported = false;
  ws.on('upgrade', (res) => {
    timings.upgrade = since();
    handshakeReported = true;
    report.event({
      t: 'handshake', ok: true, request, timings, certificate,
      response: { status: res.statusCode, statusText: res.statusMessage, headers: rawPairs(res.rawHeaders) },
    });
  });
  ws.on('unexpected-response', (req, res) => {
    timings.upgrade = since();
    const chunks = /** @type {Buffer[]} */ ([]);
    let kept = 0;
    const done = () => {
      if (finished) return;
      const status = res.statusCode ?? 0;
      handshakeReported = true;
      report.event({
        t: 'handshake', ok: false, request, timings, certificate,
        response: { status, statusText: res.statusMessage, headers: rawPairs(res.rawHeaders) },
        body: Buffer.concat(chunks).subarray(0, REFUSED_BODY_BYTES).toString('utf8'),
        explanation: EXPLANATIONS[status] ?? (status >= 300 && status < 400 ? 'a redirect: WebSocket clients do not follow it' : 'the server did not switch protocols'),
      });
      report.event({ t: 'error', message: `Upgrade refused: ${status} ${res.statusMessage ?? ''}`.trim() });
      finish(1006, '', false);
      req.destroy();
      res.destroy();
    };
    res.on('data', (/** @type {Buffer} */ chunk) => {
      if (kept < REFUSED_BODY_BYTES) chunks.push(chunk);
      kept += chunk.length;
      if (kept >= REFUSED_BODY_BYTES) done();
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
  ws.on('open', () => {
    report.event({ t: 'open', protocol: ws.protocol, extensions: ws.extensions, handshakeMs: since() });
  });
  ws.on('message', (data, isBinary) => report.data(isBinary, /** @type {Buffer} */ (data)));
  ws.on('ping', (data) => {
    report.event({ t: 'ping', dir: 'in', data: data.toString('base64') });
    if (spec.answerPings) report.event({ t: 'pong', dir: 'out', data: data.toString('base64'), auto: true });
  });
  ws.on('pong', (data) => report.event({ t: 'pong', dir: 'in', data: data.toString('base64') }));
  ws.on('error', (err) => {
    if (finished) return;
    const code = /** @type {{ code?: string }} */ (err).code;
    const message = describeError(err);
    if (!handshakeReported) {
      handshakeReported = true;
      report.event({ t: 'handshake', ok: false, request, timings, certificate, response: null, error: message });
    }
    report.event({ t: 'error', message, code: code ?? null });
  });
  ws.on('close', (code, reason) => finish(code, reason.toString('utf8'), code !== 1006));

  return {
    /** The socket, for sending data and checking backpressure. */
    ws,
    /** Starts the closing handshake (the page's Disconnect). */
    close(/** @type {number | undefined} */ code, /** @type {string | undefined} */ reason) {
      closedByClient = true;
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    },
    /** Sends a ping with up to 125 bytes of payload. */
    ping(/** @type {Buffer} */ payload) {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.ping(payload);
      report.event({ t: 'ping', dir: 'out', data: payload.toString('base64') });
    },
    /** Turns answering the server's pings on or off. */
    setAnswerPings(/** @type {boolean} */ on) {
      spec.answerPings = on;
      /** @type {{ _autoPong: boolean }} */ (/** @type {unknown} */ (ws))._autoPong = on;
    },
    /** Drops the connection at once, reporting nothing more. */
    terminate() {
      finished = true;
      ws.terminate();
    },
  };
}

/** Reports a failure that happened before any socket existed. */
function failBeforeStart(/** @type {UpstreamReport} */ report, /** @type {string} */ message) {
  setImmediate(() => {
    report.event({ t: 'error', message });
    report.event({ t: 'close', code: 1006, reason: '', wasClean: false, by: 'agent' });
  });
  return null;
}

/** rawHeaders as [name, value] pairs, in the order and case received. */
function rawPairs(/** @type {string[]} */ raw) {
  const pairs = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}

/** The peer certificate's subject, issuer, validity, SANs and SHA-256 fingerprint. */
function describeCertificate(/** @type {import('node:tls').TLSSocket} */ socket) {
  const cert = socket.getPeerCertificate?.();
  if (!cert || !Object.keys(cert).length) return null;
  const name = (/** @type {Record<string, unknown> | undefined} */ part) => (part ? Object.entries(part).map(([k, v]) => `${k}=${String(v)}`).join(', ') : '');
  return {
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    subjectAltName: cert.subjectaltname ?? '',
    fingerprint256: cert.fingerprint256,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
  };
}

/** Certificate and network errors, named in words with their code. */
const ERROR_WORDS = /** @type {Record<string, string>} */ ({
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate is in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the server certificate is not trusted here',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'the server requires a client certificate: set Client certificate and Client key, or a PKCS#12 file',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the server does not trust the issuer of the client certificate',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'the server refused the client certificate',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'the server refused the client certificate',
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: 'the client key does not belong to the client certificate',
  ECONNREFUSED: 'nothing listens at that address (connection refused)',
  ENOTFOUND: 'the host name was not found (DNS)',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset by the peer',
});

/** An error as the page shows it: its code in words, then the message. */
function describeError(/** @type {Error & { code?: string }} */ err) {
  const words = err.code ? ERROR_WORDS[err.code] : undefined;
  const isCert = err.code && (err.code.startsWith('CERT_') || err.code.includes('CERT') || err.code.includes('SELF_SIGNED') || err.code.includes('ALTNAME'));
  return `${isCert ? 'Certificate error' : 'Error'} ${err.code ?? ''}${words ? `: ${words}` : ''} (${err.message})`.replace(/\s+\(/, ' (');
}
