// @vitest-environment node
// The local agent over real sockets: who may open a control connection, and what an upstream reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { AGENT_PROTOCOL, DATA_BINARY, DATA_TEXT, decodeData, encodeData, TOKEN_PREFIX } from '../../server/agent/frames.js';
import { parseAgentArgs, startStandaloneAgent } from '../../server/agent/cli.js';
import { startServer } from '../../server/serve.js';

let dir = '';
let server: Awaited<ReturnType<typeof startServer>>;
let upstream: Server;
let upstreamUrl = '';
let seenHeaders: IncomingHttpHeaders = {};

type Control = WebSocket & { events: Record<string, unknown>[]; data: { kind: number; id: number; payload: Buffer }[] };

/** Opens a control connection; resolves with it once open, or rejects with the HTTP status. */
function openControl(url: string, opts: { origin?: string; token?: string | null; host?: string } = {}): Promise<Control> {
  const protocols = [AGENT_PROTOCOL, ...(opts.token === null ? [] : [TOKEN_PREFIX + (opts.token ?? server.agentToken)])];
  const headers: Record<string, string> = opts.host ? { Host: opts.host } : {};
  const ws = new WebSocket(url, protocols, { origin: opts.origin ?? server.origin, headers }) as Control;
  ws.events = [];
  ws.data = [];
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) ws.data.push(decodeData(data)!);
    else ws.events.push(JSON.parse(data.toString()));
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Waits until `check` finds something in the control's events. */
async function waitFor<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const eventOf = (c: Control, t: string, id = 1) => waitFor(() => c.events.find((e) => e.t === t && e.id === id));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><head><title>t</title></head>');
  server = await startServer({ root: dir, port: 0 });
  upstream = createServer((_req, res) => res.end('plain http'));
  const wss = new WebSocketServer({ noServer: true });
  upstream.on('upgrade', (req, socket, head) => {
    seenHeaders = req.headers;
    if (req.url === '/denied') {
      socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nlog in first');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (req.url === '/close1011') return ws.close(1011, 'boom');
      if (req.url === '/closeNoCode') return ws.close();
      if (req.url === '/ping') ws.ping(Buffer.from('hi'));
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    });
  });
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', () => ok()));
  const address = upstream.address();
  upstreamUrl = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await server?.close();
  upstream?.closeAllConnections();
  await new Promise((ok) => upstream?.close(ok));
  if (dir) await rm(dir, { recursive: true, force: true });
});

const agentUrl = () => `${server.origin.replace(/^http/, 'ws')}/agent`;

describe('who may connect', () => {
  it('the page served beside the agent carries its token in a meta tag', async () => {
    const html = await (await fetch(server.url)).text();
    expect(html).toContain(`name="ws-tester-agent" content="/agent" data-token="${server.agentToken}"`);
  });

  it('same origin with the token gets hello with the version and limits', async () => {
    const control = await openControl(agentUrl());
    const hello = await waitFor(() => control.events.find((e) => e.t === 'hello'));
    expect(hello.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(control.protocol).toBe(AGENT_PROTOCOL);
    control.close();
  });

  it.each([
    ['another Origin', { origin: 'http://evil.example' }],
    ['no token', { token: null }],
    ['a wrong token', { token: 'ab'.repeat(32) }],
    ['a non-loopback Host (DNS rebinding)', { host: 'rebound.example:80', origin: 'http://rebound.example:80' }],
  ])('%s is refused with 403', async (_what, opts) => {
    await expect(openControl(agentUrl(), opts)).rejects.toThrow('status 403');
  });

  it('the standalone agent accepts only origins allowed by flag', async () => {
    const agent = await startStandaloneAgent({ port: 0, allowOrigins: ['https://tester.example'], log: () => {} });
    try {
      const url = agent.url;
      await expect(openControl(url, { origin: 'https://other.example', token: agent.token })).rejects.toThrow('status 403');
      const control = await openControl(url, { origin: 'https://tester.example', token: agent.token });
      await waitFor(() => control.events.find((e) => e.t === 'hello'));
      control.close();
    } finally {
      await agent.close();
    }
  });

  it('parses its command line', () => {
    expect(parseAgentArgs(['--port', '9000', '--allow-origin', 'https://a.example/x'])).toMatchObject({ port: 9000, allowOrigins: ['https://a.example'] });
    expect(() => parseAgentArgs(['--port', 'x'])).toThrow('--port');
  });
});

describe('upstreams', () => {
  it('sends headers and Origin as typed, reports the handshake and relays text and binary both ways', async () => {
    const control = await openControl(agentUrl());
    control.send(JSON.stringify({ t: 'open', id: 1, url: `${upstreamUrl}/echo`, protocols: [], headers: [['Authorization', 'Bearer abc'], ['X-Trace', 'one two'], ['Origin', 'https://chosen.example']], verify: true, answerPings: true }));
    const handshake = await eventOf(control, 'handshake');
    expect(handshake.ok).toBe(true);
    expect(seenHeaders.authorization).toBe('Bearer abc');
    expect(seenHeaders['x-trace']).toBe('one two');
    expect(seenHeaders.origin).toBe('https://chosen.example');
    expect((handshake.request as { line: string }).line).toBe('GET /echo HTTP/1.1');
    expect((handshake.response as { status: number }).status).toBe(101);
    expect((handshake.timings as { tcp: number }).tcp).toBeGreaterThanOrEqual(0);
    await eventOf(control, 'open');
    control.send(encodeData(DATA_TEXT, 1, Buffer.from('héllo')));
    control.send(encodeData(DATA_BINARY, 1, Buffer.from([1, 2, 3])));
    await waitFor(() => (control.data.length >= 2 ? true : undefined));
    expect(control.data[0]).toMatchObject({ kind: DATA_TEXT, id: 1 });
    expect(control.data[0]!.payload.toString()).toBe('héllo');
    expect([...control.data[1]!.payload]).toEqual([1, 2, 3]);
    control.send(JSON.stringify({ t: 'close', id: 1, code: 4000, reason: 'bye' }));
    const close = await eventOf(control, 'close');
    expect(close).toMatchObject({ code: 4000, reason: 'bye', by: 'client' });
    control.close();
  });

  it('a refused upgrade reports status, headers and body', async () => {
    const control = await openControl(agentUrl());
    control.send(JSON.stringify({ t: 'open', id: 1, url: `${upstreamUrl}/denied`, protocols: [], headers: [], verify: true, answerPings: true }));
    const handshake = await eventOf(control, 'handshake');
    expect(handshake).toMatchObject({ ok: false, body: 'log in first' });
    expect((handshake.response as { status: number }).status).toBe(401);
    expect(String(handshake.explanation)).toContain('credentials');
    expect(await eventOf(control, 'close')).toMatchObject({ code: 1006 });
    control.close();
  });

  it('a server close 1011 (and 1005 for a close frame without a code) arrives exactly; a server ping is reported and answered', async () => {
    const control = await openControl(agentUrl());
    control.send(JSON.stringify({ t: 'open', id: 1, url: `${upstreamUrl}/close1011`, protocols: [], headers: [], verify: true, answerPings: true }));
    expect(await eventOf(control, 'close')).toMatchObject({ code: 1011, reason: 'boom', by: 'server', wasClean: true });
    control.send(JSON.stringify({ t: 'open', id: 3, url: `${upstreamUrl}/closeNoCode`, protocols: [], headers: [], verify: true, answerPings: true }));
    expect(await eventOf(control, 'close', 3)).toMatchObject({ code: 1005, reason: '', by: 'server' });
    control.send(JSON.stringify({ t: 'open', id: 2, url: `${upstreamUrl}/ping`, protocols: [], headers: [], verify: true, answerPings: true }));
    expect(await eventOf(control, 'ping', 2)).toMatchObject({ dir: 'in', data: Buffer.from('hi').toString('base64') });
    expect(await eventOf(control, 'pong', 2)).toMatchObject({ dir: 'out' });
    control.send(JSON.stringify({ t: 'ping', id: 2, data: Buffer.from('p').toString('base64') }));
    await waitFor(() => control.events.find((e) => e.t === 'pong' && e.dir === 'in'));
    control.close();
  });

  it.each([
    ['http://127.0.0.1:1/', 'only ws:// and wss://'],
    ['file:///etc/passwd', 'only ws:// and wss://'],
  ])('refuses the non-WebSocket URL %s', async (url, words) => {
    const control = await openControl(agentUrl());
    control.send(JSON.stringify({ t: 'open', id: 1, url, protocols: [], headers: [], verify: true, answerPings: true }));
    expect(String((await eventOf(control, 'error')).message)).toContain(words);
    control.close();
  });

  it('refuses hop-by-hop and Sec-WebSocket-* headers', async () => {
    const control = await openControl(agentUrl());
    control.send(JSON.stringify({ t: 'open', id: 1, url: `${upstreamUrl}/echo`, protocols: [], headers: [['Sec-WebSocket-Key', 'x']], verify: true, answerPings: true }));
    expect(String((await eventOf(control, 'error')).message)).toContain('Sec-WebSocket-Key');
    control.close();
  });

  it('closing the control connection closes its upstreams', async () => {
    const count = () => new Promise<number>((ok) => upstream.getConnections((_e, n) => ok(n)));
    const control = await openControl(agentUrl());
    control.send(JSON.stringify({ t: 'open', id: 1, url: `${upstreamUrl}/echo`, protocols: [], headers: [], verify: true, answerPings: true }));
    await eventOf(control, 'open');
    const open = await count();
    expect(open).toBeGreaterThanOrEqual(1);
    control.close();
    const until = Date.now() + 5000;
    while ((await count()) >= open && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(await count()).toBe(open - 1);
  }, 10_000);
});

describe('throughput', () => {
  it('relays 50,000 messages of 64 B from Local Echo /firehose, in order, and reports the rate', async () => {
    const n = 50_000;
    const control = await openControl(agentUrl());
    const started = performance.now();
    control.send(JSON.stringify({ t: 'open', id: 1, url: `${server.origin.replace(/^http/, 'ws')}/firehose?n=${n}&size=64`, protocols: [], headers: [], verify: true, answerPings: true }));
    await waitFor(() => (control.data.length >= n ? true : undefined), 60_000);
    const seconds = (performance.now() - started) / 1000;
    console.log(`agent firehose: ${n} x 64 B in ${seconds.toFixed(2)} s = ${Math.round(n / seconds).toLocaleString('en-US')} msg/s`);
    expect(control.data.every((frame) => frame.id === 1 && frame.payload.length === 64)).toBe(true);
    expect(control.data[n - 1]!.payload.toString()).toContain(String(n));
    control.close();
  }, 90_000);
});

describe('README', () => {
  it('states the agent limits the code uses', async () => {
    const { readFile } = await import('node:fs/promises');
    const { AGENT_LIMITS } = await import('../../server/agent/agentServer.js');
    const text = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(text).toContain(`| pages (control connections) at once | ${AGENT_LIMITS.maxControls} |`);
    expect(text).toContain(`| upstreams per page | ${AGENT_LIMITS.maxUpstreamsPerControl} |`);
    expect(text).toContain(`| upstreams in all | ${AGENT_LIMITS.maxUpstreams} |`);
    expect(text).toContain(`| message size, either way | ${AGENT_LIMITS.maxPayload / 1024 / 1024} MiB |`);
    expect(text).toContain(`| handshake timeout | ${AGENT_LIMITS.handshakeTimeoutMs / 1000} s |`);
    expect(text).toContain(`| idle upstream (nothing read or written) | ${AGENT_LIMITS.idleTimeoutMs / 60_000} minutes`);
  });
});
