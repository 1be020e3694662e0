// @vitest-environment node
// Local Echo endpoints and the static server, exercised over real sockets with the `ws` client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../server/csp.js';
import { startServer } from '../../server/serve.js';
import { rawExchange } from './serverChild';
import { closed, openClient, receivedCount, type Client } from './wsClient';

let dir = '';
let server: Awaited<ReturnType<typeof startServer>>;
let wsOrigin = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-echo-'));
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root', 'index.html'), '<!doctype html><title>tester</title>');
  // A file just outside root, which a traversal bug would leak.
  await writeFile(join(dir, 'package.json'), '{"secret":true}');
  // Symlinks inside root: one to a file outside, one to the folder above, one to a file inside.
  await symlink(join(dir, 'package.json'), join(dir, 'root', 'leak.json'));
  await symlink(dir, join(dir, 'root', 'up'));
  await symlink(join(dir, 'root', 'index.html'), join(dir, 'root', 'alias.html'));
  server = await startServer({ root: join(dir, 'root'), base: '/app/', port: 0 });
  wsOrigin = server.origin.replace(/^http/, 'ws');
});

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens a client on this file's server. */
const open = (path: string, protocols?: string[]): Promise<Client> => openClient(wsOrigin + path, protocols);

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

  it('/echo echoes a 16 MiB message whole (well under maxPayload)', async () => {
    const ws = await open('/echo');
    const big = Buffer.alloc(16 * 1024 * 1024, 'sixteen mebibytes ');
    const reply = ws.nextMessage();
    ws.send(big);
    const { data, isBinary } = await reply;
    expect(isBinary).toBe(true);
    expect(data.equals(big)).toBe(true);
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

  it('/firehose type=json sends numbered JSON objects of exactly size bytes', async () => {
    const ws = await open('/firehose?n=300&size=2048&type=json');
    await receivedCount(ws, 300);
    ws.received.forEach((m, i) => {
      expect(m.isBinary).toBe(false);
      expect(m.data.length).toBe(2048);
      const parsed = JSON.parse(m.data.toString());
      expect(parsed).toMatchObject({ type: 'ticker', seq: i + 1 });
      expect(parsed.levels.length).toBeGreaterThan(50);
    });
    ws.close();
    await closed(ws);
  });

  it('/firehose type=binary sends numbered binary messages of exactly size bytes', async () => {
    const ws = await open('/firehose?n=300&size=512&type=binary');
    await receivedCount(ws, 300);
    ws.received.forEach((m, i) => {
      expect(m.isBinary).toBe(true);
      expect(m.data.length).toBe(512);
      expect(m.data.readUInt32BE(0)).toBe(i + 1);
      expect(m.data[511]).toBe(255);
    });
    ws.close();
    await closed(ws);
  });

  it('/big sends one text message of the asked size, the pattern unbroken across fragments', async () => {
    const size = 1_000_003;
    const ws = await open(`/big?size=${size}&type=text`);
    const { data, isBinary } = await ws.nextMessage();
    expect(isBinary).toBe(false);
    expect(data.equals(Buffer.alloc(size, 'BIG-TEXT 0123456789 abcdefghijklmnopqrstuvwxyz\n'))).toBe(true);
    ws.close();
    await closed(ws);
  });

  it('/big echoes a message sent while the big one is on its way, after it', async () => {
    const ws = await open('/big?size=4194304&type=binary');
    ws.send('hi');
    const [big, echo] = await receivedCount(ws, 2);
    expect(big!.data.length).toBe(4194304);
    expect(echo).toEqual({ data: Buffer.from('hi'), isBinary: false });
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

  it('sends the security headers with pages and errors alike', async () => {
    for (const url of [server.url, server.url + 'missing.js']) {
      const res = await fetch(url);
      expect(res.headers.get('content-security-policy'), url).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
    }
  });

  it('refuses symlinks that lead outside root, and follows those that stay inside', async () => {
    for (const path of ['/app/leak.json', '/app/up/package.json']) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('secret');
    }
    const inside = await rawGet('/app/alias.html');
    expect(inside.status).toBe(200);
    expect(inside.body).toContain('<title>tester</title>');
  });

  it('answers a plain HTTP request for a Local Echo path with 426 Upgrade Required', async () => {
    const res = await fetch(server.origin + '/echo');
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
  });

  it('answers odd targets with 400 (closing the connection) or 404, never 500', async () => {
    expect((await rawGet('//')).status).toBe(404);
    expect((await rawGet('/app/%E0%A4%A')).status).toBe(400);
    const star = await rawExchange(server.port, 'GET * HTTP/1.1\r\nHost: x\r\n\r\n', 2000);
    expect(star.data.toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
    expect(star.closed).toBe(true);
  });
});
