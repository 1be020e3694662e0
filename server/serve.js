// @ts-check
/**
 * Tiny static file server with Local Echo attached, for end-to-end tests, the
 * bench, and serving a built dist/.
 * CLI: node server/serve.js [root=dist] [--base /app/] [--port 8080] [--host 127.0.0.1]
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { announceLocalEcho } from './announceLocalEcho.js';
import { attachLocalEcho } from './localEcho.js';

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
 * @typedef {{ root: string, base?: string, port?: number, host?: string, log?: (line: string) => void }} ServeOptions
 * @typedef {{ url: string, origin: string, port: number, close(): Promise<void> }} RunningServer
 */

/** Serves `root` under the URL prefix `base`, with Local Echo at the host root; resolves once listening. */
export async function startServer(/** @type {ServeOptions} */ { root, base = '/', port = 0, host = '127.0.0.1', log = () => {} }) {
  const rootDir = resolve(root);
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const server = createServer((req, res) => {
    serveFile(rootDir, prefix, req, res).catch((err) => {
      log(`[serve] ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  const echo = attachLocalEcho(server, { log });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return /** @type {RunningServer} */ ({
    url: origin + prefix,
    origin,
    port: actualPort,
    async close() {
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
 */
async function serveFile(rootDir, prefix, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === prefix.slice(0, -1) && prefix !== '/') {
    return send(res, 301, 'Moved Permanently', { Location: prefix + url.search });
  }
  if (!url.pathname.startsWith(prefix)) return send(res, 404, 'Not Found');
  let rel;
  try {
    rel = decodeURIComponent(url.pathname.slice(prefix.length));
  } catch {
    return send(res, 400, 'Bad Request');
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = resolve(rootDir, rel);
  // Encoded '..' or '\' survive URL normalisation, so check the resolved path stays inside root.
  if (rel.includes('\0') || !file.startsWith(rootDir + sep)) return send(res, 404, 'Not Found');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return send(res, 404, 'Not Found');
  if (extname(file).toLowerCase() === '.html') {
    // This server runs Local Echo beside the page: say so in the page, as the dev server does.
    const body = Buffer.from(announceLocalEcho(await readFile(file, 'utf8')));
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'] ?? 'text/html', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/**
 * Sends a short plain-text response.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Parses CLI arguments: one positional root plus --base/--port/--host (either `--x v` or `--x=v`). */
function parseArgs(/** @type {string[]} */ argv) {
  /** @type {Record<string, string>} */
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) positional.push(arg);
    else flags[/** @type {string} */ (m[1])] = m[2] ?? argv[++i] ?? '';
  }
  return { root: positional[0] ?? 'dist', base: flags.base ?? '/', port: Number(flags.port ?? 8080), host: flags.host ?? '127.0.0.1' };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const info = await stat(args.root).catch(() => null);
  if (!info?.isDirectory()) {
    console.error(`No such directory: ${args.root} (run "npm run build" first?)`);
    process.exit(1);
  }
  const running = await startServer({ ...args, log: (line) => console.log(line) });
  console.log(`Serving ${args.root} at ${running.url} — Local Echo at ${running.origin.replace(/^http/, 'ws')}/echo`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
