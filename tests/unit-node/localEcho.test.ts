// @vitest-environment node
// Local Echo endpoints and the static server, exercised over real sockets with the `ws` client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, type RawData } from 'ws';
import { attachLocalEcho } from '../../server/localEcho.js';
import { startServer } from '../../server/serve.js';

let dir = '';
let server: Awaited<ReturnType<typeof startServer>>;
let wsOrigin = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-echo-'));
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', 'index.html'), '<!doctype html><title>tester</title>');
  // A file just outside root, which a traversal bug would leak.
  await writeFile(join(dir, 'package.json'), '{"secret":true}');
  server = await startServer({ root: join(dir, 'root'), base: '/app/', port: 0 });
  wsOrigin = server.origin.replace(/^http/, 'ws');
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Message = { data: Buffer; isBinary: boolean };
type Client = WebSocket & { received: Message[]; nextMessage(): Promise<Message> };

/**
 * Opens a client socket and resolves once it is open. Messages are queued from the
 * start: ones sent right after the handshake can be emitted before an awaited open resumes.
 */
function open(path: string, protocols?: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsOrigin + path, protocols) as Client;
    const waiting: ((m: Message) => void)[] = [];
    let read = 0;
    ws.received = [];
    ws.on('message', (data: RawData, isBinary) => {
      const message = { data: data as Buffer, isBinary };
      ws.received.push(message);
      const waiter = waiting.shift();
      if (waiter) {
        read++;
        waiter(message);
      }
    });
    ws.nextMessage = () => new Promise((r) => (read < ws.received.length ? r(ws.received[read++]!) : waiting.push(r)));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Resolves with the close code and reason. */
function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Resolves once `ws` has received `count` messages. */
async function receivedCount(ws: Client, count: number): Promise<Message[]> {
  while (ws.received.length < count) await new Promise((r) => setTimeout(r, 10));
  return ws.received;
}

/** Raw GET that keeps the path exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local echo', () => {
  it('/echo echoes text and binary unchanged, with permessage-deflate', async () => {
    const ws = await open('/echo');
    expect(ws.extensions).toMatch(/^permessage-deflate/);
    const text = ws.nextMessage();
    ws.send('héllo ✓');
    expect(await text).toEqual({ data: Buffer.from('héllo ✓'), isBinary: false });
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const binary = ws.nextMessage();
    ws.send(bytes);
    expect(await binary).toEqual({ data: bytes, isBinary: true });
    ws.close();
    await closed(ws);
  });

  it('/proto prefers chat, and picks nothing without an offer', async () => {
    const offered = await open('/proto', ['json', 'chat']);
    expect(offered.protocol).toBe('chat');
    offered.close();
    const plain = await open('/proto');
    expect(plain.protocol).toBe('');
    plain.close();
    await Promise.all([closed(offered), closed(plain)]);
  });

  it('/close closes with the asked code and reason after a message', async () => {
    const ws = await open('/close?code=4001&reason=bye');
    const result = closed(ws);
    ws.send('go');
    expect(await result).toEqual({ code: 4001, reason: 'bye' });
  });

  it('/close rejects an invalid code with 1008', async () => {
    const ws = await open('/close?code=1005');
    const result = closed(ws);
    ws.send('go');
    const { code, reason } = await result;
    expect(code).toBe(1008);
    expect(reason).toMatch(/invalid close code/i);
  });

  it('/drop drops the connection without a close frame (1006)', async () => {
    const ws = await open('/drop');
    const result = closed(ws);
    ws.send('go');
    expect((await result).code).toBe(1006);
  });

  it('unknown paths close with 1008 naming the known paths', async () => {
    const ws = await open('/nope?x=1');
    const { code, reason } = await closed(ws);
    expect(code).toBe(1008);
    expect(reason).toContain('/nope');
    expect(reason).toContain('/echo');
  });

  it('/firehose delivers n messages of exactly size bytes, in order, uncompressed', async () => {
    const ws = await open('/firehose?n=2000&size=64');
    expect(ws.extensions).toBe('');
    await receivedCount(ws, 2000);
    // Nothing follows the last message.
    await new Promise((r) => setTimeout(r, 100));
    expect(ws.received).toHaveLength(2000);
    expect(ws.received.every((m) => !m.isBinary)).toBe(true);
    const got = ws.received.map((m) => m.data.toString());
    got.forEach((msg, i) => {
      expect(msg.length).toBe(64);
      expect(msg.startsWith(`${String(i + 1).padStart(9, '0')} `)).toBe(true);
    });
    ws.close();
    await closed(ws);
  });

  it('/big sends one binary message of the asked size', async () => {
    const ws = await open('/big?size=1048576&type=binary');
    const { data, isBinary } = await ws.nextMessage();
    expect(isBinary).toBe(true);
    expect(data.length).toBe(1048576);
    expect(data.every((b, i) => b === (i & 0xff))).toBe(true);
    ws.close();
    await closed(ws);
  });
});

describe('Vite HMR sockets', () => {
  let plain: Server;
  let echo: ReturnType<typeof attachLocalEcho>;
  // Upgrades nobody answers stay half-open on the server side; destroy them so close() can finish.
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    plain = createServer();
    plain.on('connection', (socket) => sockets.add(socket));
    echo = attachLocalEcho(plain, { log: () => {} });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await echo.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => plain.close(resolve));
  });

  /** Sends a raw upgrade request and returns whatever arrives within `ms`. */
  function rawUpgrade(headers: string[], ms: number): Promise<string> {
    const port = (plain.address() as { port: number }).port;
    return new Promise((resolve, reject) => {
      const socket = netConnect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.write([
        'GET /echo HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', ...headers, '', '',
      ].join('\r\n'));
      setTimeout(() => {
        socket.destroy();
        resolve(received);
      }, ms);
    });
  }

  it('answers an ordinary upgrade (control)', async () => {
    expect(await rawUpgrade([], 300)).toMatch(/^HTTP\/1\.1 101 /);
  });

  it.each(['vite-hmr', 'vite-ping'])('leaves %s upgrades untouched', async (protocol) => {
    expect(await rawUpgrade([`Sec-WebSocket-Protocol: ${protocol}`], 300)).toBe('');
  });
});

describe('static server', () => {
  it('serves index.html at the base', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<title>tester</title>');
  });

  it('redirects the base without its trailing slash', async () => {
    const res = await fetch(server.origin + '/app', { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/app/');
  });

  it('refuses directory traversal', async () => {
    for (const path of ['/app/../package.json', '/app/..%2fpackage.json', '/app/%2e%2e/package.json']) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('secret');
    }
  });

  it('404s unknown files', async () => {
    expect((await fetch(server.url + 'missing.js')).status).toBe(404);
  });
});
