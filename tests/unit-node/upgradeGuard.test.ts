// @vitest-environment node
// Every upgrade is checked before anything acts on it: malformed ones get an HTTP error and a
// closed socket, Vite's own sockets go to Vite, and the limits hold.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { localEchoPlugin } from '../../server/localEchoPlugin.js';
import { startServer } from '../../server/serve.js';
import { rawExchange, upgradeRequest } from './serverChild';
import { useServedDir } from './servedDir';
import { closed, openClient, type Client } from './wsClient';

const served = useServedDir('upgrade-guard-');

/** Opens a client on this file's server. */
const open = (path: string, protocols?: string[]): Promise<Client> => openClient(served.wsOrigin + path, protocols);

describe('Vite HMR sockets beside Local Echo (the plugin)', () => {
  let plain: Server;
  const hmr = new WebSocketServer({ noServer: true });
  // Upgrades nobody answers stay half-open on the server side; destroy them so close() can finish.
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    plain = createServer();
    plain.on('connection', (socket) => sockets.add(socket));
    // Stands in for Vite's own listener, registered before plugins run: it parses the URL
    // unguarded, answers vite-hmr at its path, ignores everything else.
    plain.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(`http://example.com${req.url}`);
      if (url.pathname === '/throw') throw new Error('a listener that throws');
      const protocol = req.headers['sec-websocket-protocol'];
      if ((protocol === 'vite-hmr' || protocol === 'vite-ping') && url.pathname === '/') hmr.handleUpgrade(req, socket, head, () => {});
    });
    const configureServer = localEchoPlugin().configureServer as (server: unknown) => void;
    configureServer({ httpServer: plain, config: { logger: { info: () => {} } } });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    hmr.close();
    await new Promise((resolve) => plain.close(resolve));
  });

  const port = () => (plain.address() as { port: number }).port;

  it('leaves vite-hmr at Vite\'s path to Vite, which answers it', async () => {
    const { data } = await rawExchange(port(), upgradeRequest('/', ['Sec-WebSocket-Protocol: vite-hmr']), 2000, undefined, 100);
    expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 101 [^]*Sec-WebSocket-Protocol: vite-hmr/i);
  });

  it('refuses vite-hmr at a path Vite does not serve with 404, instead of leaving it hanging', async () => {
    const { data, closed } = await rawExchange(port(), upgradeRequest('/elsewhere', ['Sec-WebSocket-Protocol: vite-ping']), 2000);
    expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 404 /);
    expect(closed).toBe(true);
  });

  it('answers 400 when a listener it hands over to throws, and keeps serving', async () => {
    const { data, closed } = await rawExchange(port(), upgradeRequest('/throw', ['Sec-WebSocket-Protocol: vite-hmr']), 2000);
    expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
    expect(closed).toBe(true);
    const echo = await rawExchange(port(), upgradeRequest('/echo'), 2000, undefined, 100);
    expect(echo.data.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  });
});

describe('malformed upgrades', () => {
  it.each([
    ['POST, not GET', upgradeRequest('/echo').replace(/^GET/, 'POST'), 405],
    ['HTTP/1.0', upgradeRequest('/echo').replace('HTTP/1.1', 'HTTP/1.0'), 400],
    ['an upgrade to another protocol', upgradeRequest('/echo').replace('Upgrade: websocket', 'Upgrade: h2c'), 426],
    ['an unsupported WebSocket version', upgradeRequest('/echo').replace('Version: 13', 'Version: 8'), 426],
    ['a malformed key', upgradeRequest('/echo').replace('dGhlIHNhbXBsZSBub25jZQ==', 'short'), 400],
    ['the target *', upgradeRequest('*'), 400],
    ['a malformed extension offer', upgradeRequest('/echo', ['Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=99']), 400],
  ])('refuses %s with an HTTP error and closes the socket', async (_name, request, status) => {
    const { data, closed } = await rawExchange(served.server.port, request, 2000);
    expect(data.toString('latin1')).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(closed).toBe(true);
  });

  it('turns an upgrade for // into an unknown path (1008), and keeps serving', async () => {
    const ws = new WebSocket(`${served.wsOrigin}//`);
    const { code, reason } = await closed(ws);
    expect(code).toBe(1008);
    expect(reason).toContain('Unknown path //');
    const echo = await open('/echo');
    echo.close();
    await closed(echo);
  });

  it('answers a vite-hmr offer to /echo instead of leaving it hanging', async () => {
    const ws = await open('/echo', ['vite-hmr']);
    expect(ws.protocol).toBe('vite-hmr');
    ws.close();
    await closed(ws);
  });
});

describe('limits', () => {
  let limited: Awaited<ReturnType<typeof startServer>>;
  const origin = () => limited.origin.replace(/^http/, 'ws');

  beforeAll(async () => {
    limited = await startServer({ root: served.dir, port: 0, limits: { maxConnections: 2, idleTimeoutMs: 400, maxPayload: 1024 } });
  });

  afterAll(async () => {
    await limited?.close();
  });

  it('refuses a WebSocket past maxConnections with 503', async () => {
    const first = new WebSocket(`${origin()}/echo`);
    const second = new WebSocket(`${origin()}/echo`);
    await Promise.all([once(first, 'open'), once(second, 'open')]);
    const { data, closed: wasClosed } = await rawExchange(limited.port, upgradeRequest('/echo'), 2000);
    expect(data.toString('latin1')).toMatch(/^HTTP\/1\.1 503 [^]*limit of 2 open WebSockets/);
    expect(wasClosed).toBe(true);
    first.close();
    second.close();
    await Promise.all([closed(first), closed(second)]);
  });

  it('closes an idle WebSocket with 1001', async () => {
    const ws = new WebSocket(`${origin()}/echo`);
    const started = Date.now();
    const { code, reason } = await closed(ws);
    expect(code).toBe(1001);
    expect(reason).toMatch(/^Idle for/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('closes with 1009 a message larger than maxPayload', async () => {
    const ws = new WebSocket(`${origin()}/echo`);
    await once(ws, 'open');
    const result = closed(ws);
    ws.send(Buffer.alloc(1025));
    expect((await result).code).toBe(1009);
  });
});

