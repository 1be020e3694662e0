// @ts-check
/**
 * Tiny static file server with Local Echo attached, for end-to-end tests, the
 * bench, and serving a built dist/.
 * CLI: node server/serve.js [root=dist] [--base /app/] [--port 8080] [--host 127.0.0.1] [--quiet]
 *      [--max-connections 64] [--idle-timeout SECONDS] [--max-payload BYTES]
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { closeOnSignals, runIfMain } from './cliMain.js';
import { announceAgent } from './agent/announceAgent.js';
import { AGENT_PATH, createAgent } from './agent/agentServer.js';
import { announceLocalEcho } from './announceLocalEcho.js';
import { SECURITY_HEADERS } from './csp.js';
import { attachLocalEcho, LOCAL_ECHO_PATHS } from './localEcho.js';
import { parseTarget } from './requestGuard.js';

/** TCP connections at once, HTTP and WebSocket together; Node drops the ones past it. */
const MAX_SOCKETS = 256;
/** A client must finish sending its request headers within this (slow-loris guard). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * @typedef {{ root: string, base?: string, port?: number, host?: string, log?: (line: string) => void, limits?: Partial<import('./localEcho.js').Limits>, agent?: import('./agent/agentServer.js').AgentOptions | false }} ServeOptions
 * @typedef {{ url: string, origin: string, port: number, agentToken: string | null, close(): Promise<void> }} RunningServer
 */

/**
 * Serves `root` under the URL prefix `base`, with Local Echo and the local agent (`/agent`, unless
 * `agent: false`) at the host root; resolves once listening.
 */
export async function startServer(/** @type {ServeOptions} */ { root, base = '/', port = 0, host = '127.0.0.1', log = () => {}, limits, agent: agentOptions = {} }) {
  // Symlinks are resolved before the inside-root check, so the root itself is compared resolved too.
  const rootDir = await realpath(resolve(root));
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const agent = agentOptions ? createAgent({ log, ...agentOptions }) : null;
  const server = createServer((req, res) => {
    /** @param {unknown} err */
    const fail = (err) => {
      log(`[serve] ${JSON.stringify(req.url)}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    };
    try {
      serveFile(rootDir, prefix, req, res, agent?.token ?? null).catch(fail);
    } catch (err) {
      fail(err);
    }
  });
  server.maxConnections = MAX_SOCKETS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  const echo = attachLocalEcho(server, { log, limits, delegate: agent ? { wants: agent.wants, handle: agent.handleUpgrade } : undefined });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  // After listening, an 'error' (say, out of file descriptors on accept) is logged, never thrown.
  server.on('error', (err) => log(`[serve] ${err.message}`));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return /** @type {RunningServer} */ ({
    url: origin + prefix,
    origin,
    port: actualPort,
    agentToken: agent?.token ?? null,
    async close() {
      await agent?.close();
      await echo.close();
      server.closeAllConnections();
      await new Promise((ok) => server.close(() => ok(undefined)));
    },
  });
}

/**
 * Answers one HTTP request from the files under rootDir.
 * @param {string} rootDir
 * @param {string} prefix URL prefix, starting and ending with '/'
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string | null} agentToken the agent's token, announced in HTML pages; null without an agent
 */
async function serveFile(rootDir, prefix, req, res, agentToken) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const target = parseTarget(req.url);
  if (!target.ok) return send(res, 400, `Bad Request: ${target.error}`, { Connection: 'close' });
  const url = target.value;
  if (LOCAL_ECHO_PATHS.includes(url.pathname) || url.pathname === AGENT_PATH) {
    return send(res, 426, `Upgrade Required: ${url.pathname} is a WebSocket endpoint (ws://host${url.pathname})`, { Upgrade: 'websocket' });
  }
  if (url.pathname === prefix.slice(0, -1) && prefix !== '/') {
    return send(res, 301, 'Moved Permanently', { Location: prefix + url.search });
  }
  if (!url.pathname.startsWith(prefix)) return send(res, 404, 'Not Found');
  let rel;
  try {
    rel = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return send(res, 400, 'Bad Request: malformed percent-encoding', { Connection: 'close' });
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = resolve(rootDir, rel);
  // Encoded '..' or '\' survive URL normalisation, so check the resolved path stays inside root.
  if (rel.includes('\0') || !file.startsWith(rootDir + sep)) return send(res, 404, 'Not Found');
  // A symlink inside root may lead anywhere: serve only what really lies inside root.
  const real = await realpath(file).catch(() => null);
  if (!real || !real.startsWith(rootDir + sep)) return send(res, 404, 'Not Found');
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return send(res, 404, 'Not Found');
  if (extname(real).toLowerCase() === '.html') {
    // This server runs Local Echo beside the page: say so in the page, as the dev server does.
    const html = announceLocalEcho(await readFile(real, 'utf8'));
    const body = Buffer.from(agentToken ? announceAgent(html, AGENT_PATH, agentToken) : html);
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES['.html'] ?? 'text/html', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(real).on('error', () => res.destroy()).pipe(res);
}

/**
 * Sends a short plain-text response.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Parses CLI arguments: one positional root, --quiet, and --name value (or --name=value) options. */
export function parseArgs(/** @type {string[]} */ argv) {
  /** @type {Record<string, string>} */
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) positional.push(arg);
    else if (m[1] === 'quiet') flags.quiet = 'yes';
    else flags[/** @type {string} */ (m[1])] = m[2] ?? argv[++i] ?? '';
  }
  /** @type {Partial<import('./localEcho.js').Limits>} */
  const limits = {};
  if (flags['max-connections'] !== undefined) limits.maxConnections = wholeNumber('--max-connections', flags['max-connections']);
  if (flags['max-payload'] !== undefined) limits.maxPayload = wholeNumber('--max-payload', flags['max-payload']);
  if (flags['idle-timeout'] !== undefined) limits.idleTimeoutMs = wholeNumber('--idle-timeout', flags['idle-timeout']) * 1000;
  return {
    root: positional[0] ?? 'dist',
    base: flags.base ?? '/',
    port: wholeNumber('--port', flags.port ?? '8080'),
    host: flags.host ?? '127.0.0.1',
    quiet: flags.quiet === 'yes',
    limits,
  };
}

/** A CLI option's whole-number value, or an error naming the option. */
function wholeNumber(/** @type {string} */ name, /** @type {string} */ value) {
  if (!/^\d{1,15}$/.test(value.trim())) throw new Error(`${name} needs a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const info = await stat(args.root).catch(() => null);
  if (!info?.isDirectory()) {
    console.error(`No such directory: ${args.root} (run "npm run build" first?)`);
    process.exit(1);
  }
  const running = await startServer({ ...args, log: args.quiet ? () => {} : (line) => console.log(line) });
  console.log(`Serving ${args.root} at ${running.url} — Local Echo at ${running.origin.replace(/^http/, 'ws')}/echo, local agent at ${running.origin.replace(/^http/, 'ws')}${AGENT_PATH}`);
  closeOnSignals(running);
}

runIfMain(import.meta.url, main);
