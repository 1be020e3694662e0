/**
 * The local agent end to end: the built app served by serve.js (agent at /agent, token in the page),
 * driving upstreams on test servers started here (ws, and wss with a self-signed certificate).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Page } from 'playwright-core';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startStandaloneAgent } from '../../server/agent/cli.js';
import { AGENT_PROTOCOL, TOKEN_PREFIX } from '../../server/agent/frames.js';
import { startServer } from '../../server/serve.js';
import { launchChromium, useApp } from './harness';
import { agentStatus, connectTo, handshake, headersBox, useLocalAgent, viaBox } from './agentHelpers';
import { alerts, button, closeReasonBox, exactName, rows, sendMessage, urlBox, waitForAlert, waitForCount, waitForRow, waitForState } from './helpers';

const app = useApp();
let page: Page;
let plain: Server;
let secure: Server;
let wsBase = '';
let wssBase = '';
/** rawHeaders of the last upgrade each server saw. */
let lastRawHeaders: string[] = [];
/** For each /ping connection, how many pongs answered the server's ping. */
const pongCounts: number[] = [];

/** The test endpoints: /headers, /denied, /ping, /echo, /close/CODE. */
function handle(wss: WebSocketServer) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    lastRawHeaders = req.rawHeaders;
    const path = req.url ?? '';
    if (path === '/denied') {
      const body = 'Log in first: this endpoint wants a bearer token.';
      socket.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm="test"\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (path === '/headers') return ws.send(JSON.stringify(req.rawHeaders));
      if (path === '/ping') {
        let pongs = 0;
        ws.on('pong', () => pongs++);
        ws.ping(Buffer.from('srv-ping'));
        setTimeout(() => {
          pongCounts.push(pongs);
          ws.send(`pongs: ${pongs}`);
        }, 1000);
        return;
      }
      const close = /^\/close\/(\d+)$/.exec(path);
      ws.on('message', (data, isBinary) => {
        if (close) ws.close(Number(close[1]), `closing with ${close[1]}`);
        else ws.send(data, { binary: isBinary });
      });
    });
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true });
  plain = createServer((_req, res) => res.end('plain HTTP, not a WebSocket'));
  plain.on('upgrade', handle(wss));
  wsBase = `ws://127.0.0.1:${await listen(plain)}`;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, algorithm: 'sha256' });
  secure = createHttpsServer({ key: pems.private, cert: pems.cert });
  secure.on('upgrade', handle(wss));
  wssBase = `wss://127.0.0.1:${await listen(secure)}`;
});

afterAll(async () => {
  for (const server of [plain, secure]) {
    server?.closeAllConnections();
    await new Promise((ok) => server?.close(ok));
  }
});

/** A fresh page with Connect via set to Local agent and the agent answering. */
async function agentPage(): Promise<Page> {
  page = await app.newPage();
  return useLocalAgent(page);
}

describe('Local agent', () => {
  it('offers Connect via with Browser by default; Verify certificate and Answer pings are on by default', async () => {
    page = await app.newPage();
    const options = await viaBox(page).locator('option').allTextContents();
    expect(options).toEqual(['Browser', 'Local agent']);
    expect(await viaBox(page).inputValue()).toBe('browser');
    await viaBox(page).selectOption({ label: 'Local agent' });
    expect(await page.getByRole('checkbox', { name: exactName('Verify certificate') }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: exactName('Answer pings') }).isChecked()).toBe(true);
    // The page is served with the agent: it learned the token from the page, so no token field.
    expect(await page.getByRole('textbox', { name: exactName('Agent token') }).count()).toBe(0);
  });

  it('sends headers exactly as typed, and the chosen Origin; the handshake region and entry show the upgrade', async () => {
    await agentPage();
    await headersBox(page).fill('Authorization: Bearer s3cr3t\nX-Custom-Trace: a b  c\nCookie: sid=42\nOrigin: https://chosen.example');
    await connectTo(page, `${wsBase}/headers`);
    // The endpoint answers with the raw request headers it saw, names in the case they arrived.
    const row = await waitForRow(page, 'received', (t) => t.includes('Authorization'));
    expect(row).toContain('Bearer s3cr3t');
    const pairs = new Map<string, string>();
    for (let i = 0; i < lastRawHeaders.length; i += 2) pairs.set(lastRawHeaders[i]!, lastRawHeaders[i + 1]!);
    expect(pairs.get('Authorization')).toBe('Bearer s3cr3t');
    expect(pairs.get('X-Custom-Trace')).toBe('a b  c');
    expect(pairs.get('Cookie')).toBe('sid=42');
    expect(pairs.get('Origin')).toBe('https://chosen.example');
    const region = (await handshake(page).textContent()) ?? '';
    expect(region).toContain('GET /headers HTTP/1.1');
    expect(region).toContain('X-Custom-Trace: a b  c');
    expect(region).toContain('HTTP/1.1 101 Switching Protocols');
    expect(region).toMatch(/TCP connect [\d.]+ ms/);
    expect(await rows(page, 'handshake').count()).toBeGreaterThan(0);
  });

  it('a Sec-WebSocket-* header gets an alert naming the line and nothing is opened', async () => {
    await agentPage();
    await headersBox(page).fill('X-Ok: 1\nSec-WebSocket-Key: forged');
    await urlBox(page).fill(`${wsBase}/echo`);
    await button(page, 'Connect').click();
    const alert = await waitForAlert(page);
    expect(alert).toContain('Headers line 2');
    await waitForState(page, 'CLOSED');
  });

  it('a 401 upgrade shows its status, headers and body, explained', async () => {
    await agentPage();
    await connectTo(page, `${wsBase}/denied`, 'CLOSED');
    await expect.poll(() => handshake(page).textContent()).toContain('401');
    const region = (await handshake(page).textContent()) ?? '';
    expect(region).toContain('Upgrade refused: 401 Unauthorized');
    expect(region).toContain('credentials');
    expect(region).toContain('WWW-Authenticate: Bearer realm="test"');
    expect(region).toContain('Log in first: this endpoint wants a bearer token.');
    await waitForState(page, 'CLOSED');
  });

  it('a server ping is logged and answered; with Answer pings off it is logged and not answered', async () => {
    pongCounts.length = 0;
    await agentPage();
    await connectTo(page, `${wsBase}/ping`);
    expect(await waitForRow(page, 'ping', (t) => t.includes('received from the server'))).toContain('73 72 76 2d 70 69 6e 67');
    await waitForRow(page, 'pong', (t) => t.includes('automatic answer'));
    // The server counts the pongs it got for its ping (a second after sending it).
    await expect.poll(() => pongCounts.length, { timeout: 15_000 }).toBe(1);
    expect(pongCounts[0]).toBe(1);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await page.getByRole('checkbox', { name: exactName('Answer pings') }).uncheck();
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await waitForRow(page, 'ping', (t) => t.includes('received from the server'));
    await expect.poll(() => pongCounts.length, { timeout: 15_000 }).toBe(2);
    expect(pongCounts[1]).toBe(0);
  });

  it('Send ping with a payload gets a pong', async () => {
    await agentPage();
    await connectTo(page, `${wsBase}/echo`);
    await page.getByRole('textbox', { name: exactName('Ping payload') }).fill('hi');
    await button(page, 'Send ping').click();
    await waitForRow(page, 'ping', (t) => t.includes('Ping sent') && t.includes('68 69'));
    expect(await waitForRow(page, 'pong', (t) => t.includes('received from the server'))).toContain('68 69');
  });

  it.each([1002, 1007, 1011])('close %i from the server is shown exactly, closed first by the server', async (code) => {
    await agentPage();
    await connectTo(page, `${wsBase}/close/${code}`);
    await sendMessage(page, 'close please');
    const close = await waitForRow(page, 'close', (t) => t.includes(String(code)));
    expect(close).toContain(`closing with ${code}`);
    await waitForRow(page, 'info', (t) => t.includes('Closed first by the server'));
    await waitForState(page, 'CLOSED');
  });

  it('echoes text and binary through the agent; counters count them', async () => {
    await agentPage();
    await connectTo(page, `${wsBase}/echo`);
    await sendMessage(page, 'héllo through the agent');
    await sendMessage(page, 'de ad be ef', 'Hex');
    await waitForCount(page, 'Received', 2);
    await waitForRow(page, 'received', (t) => t.includes('héllo through the agent'));
    await waitForRow(page, 'received', (t) => /de ad be ef/i.test(t));
  });

  it('a self-signed wss server fails with a named certificate error, and connects with Verify certificate off', async () => {
    await agentPage();
    await connectTo(page, `${wssBase}/echo`, 'CLOSED');
    const error = await waitForRow(page, 'error', (t) => /certificate/i.test(t));
    expect(error).toMatch(/self-signed|SELF_SIGNED/);
    await waitForState(page, 'CLOSED');
    await page.getByRole('checkbox', { name: exactName('Verify certificate') }).uncheck();
    await expect.poll(() => page.getByText(/Certificate checks are off/).count()).toBe(1);
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    const region = (await handshake(page).textContent()) ?? '';
    expect(region).toContain('CN=localhost');
    expect(region).toMatch(/SHA-256: [0-9A-F:]{95}/);
    expect(region).toContain('Verified: no');
  });

  it('an upstream to a non-ws URL is refused', async () => {
    await agentPage();
    // The page turns http:// into ws:// as browsers do; a scheme it does not know gets its alert.
    await urlBox(page).fill('ftp://127.0.0.1/');
    await button(page, 'Connect').click();
    expect(await waitForAlert(page)).toMatch(/ftp/i);
    expect(await alerts(page).count()).toBeGreaterThan(0);
  });

  it('the close reason field still works through the agent (Disconnect with 4000)', async () => {
    await agentPage();
    await connectTo(page, `${wsBase}/echo`);
    await page.getByLabel(exactName('Close code')).fill('4000');
    await closeReasonBox(page).fill('bye');
    await button(page, 'Disconnect').click();
    const close = await waitForRow(page, 'close', (t) => t.includes('4000'));
    expect(close).toContain('bye');
  });
});

describe('control connection safety', () => {
  /** Tries a control connection to the app's agent; resolves with the HTTP status (101 when accepted). */
  function tryControl(opts: { origin: string; token: string | null }): Promise<number> {
    const protocols = [AGENT_PROTOCOL, ...(opts.token === null ? [] : [TOKEN_PREFIX + opts.token])];
    const ws = new WebSocket(`${app.wsOrigin}/agent`, protocols, { origin: opts.origin });
    return new Promise((resolve) => {
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', () => resolve(0));
    });
  }

  async function pageToken(): Promise<string> {
    page = await app.newPage();
    return page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="ws-tester-agent"]')?.dataset.token ?? '');
  }

  it('accepts the page origin with the token; refuses another Origin, no token and a wrong token with 403', async () => {
    const token = await pageToken();
    const origin = new URL(app.appUrl).origin;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(await tryControl({ origin, token })).toBe(101);
    expect(await tryControl({ origin: 'https://evil.example', token })).toBe(403);
    expect(await tryControl({ origin, token: null })).toBe(403);
    expect(await tryControl({ origin, token: '0'.repeat(64) })).toBe(403);
  });
});

describe('throughput through the agent', () => {
  /** Connects to Local Echo's firehose and returns messages per second until Received shows them all. */
  async function firehoseRate(p: Page, n: number): Promise<number> {
    await urlBox(p).fill(`${app.wsOrigin}/firehose?n=${n}&size=64`);
    const started = Date.now();
    await button(p, 'Connect').click();
    await waitForCount(p, 'Received', n, 60_000);
    return Math.round(n / ((Date.now() - started) / 1000));
  }

  it('50,000 messages of 64 B arrive through the agent, every one counted (rate reported beside the browser\'s)', async () => {
    const n = 50_000;
    page = await app.newPage();
    const direct = await firehoseRate(page, n);
    await page.close();
    await agentPage();
    const viaAgent = await firehoseRate(page, n);
    console.log(`firehose ${n} x 64 B: browser ${direct.toLocaleString('en-US')} msg/s, through the local agent ${viaAgent.toLocaleString('en-US')} msg/s`);
    expect(viaAgent).toBeGreaterThan(0);
  }, 120_000);
});

describe('a page not served with the agent', () => {
  it('uses npm run agent with the pasted token and remembers the URL, not the token', async () => {
    const hosted = await startServer({ root: inject('distDir'), base: '/app/', agent: false });
    const agent = await startStandaloneAgent({ port: 0, allowOrigins: [hosted.origin], log: () => {} });
    const browser = await launchChromium();
    try {
      const p = await browser.newPage();
      await p.goto(hosted.url);
      await viaBox(p).selectOption({ label: 'Local agent' });
      const tokenBox = p.getByRole('textbox', { name: exactName('Agent token') });
      await expect.poll(() => agentStatus(p).textContent()).toMatch(/token/i);
      await p.getByRole('textbox', { name: exactName('Agent URL') }).fill(agent.url);
      await tokenBox.fill('f'.repeat(64));
      await expect.poll(() => agentStatus(p).textContent()).toMatch(/No local agent accepted this page/);
      await tokenBox.fill(agent.token);
      await expect.poll(() => agentStatus(p).textContent()).toMatch(/Local agent \d+\.\d+\.\d+ answers/);
      await connectTo(p, `${wsBase}/echo`);
      await sendMessage(p, 'via the standalone agent');
      await waitForRow(p, 'received', (t) => t.includes('via the standalone agent'));
      const stored = await p.evaluate(() => JSON.stringify(localStorage));
      expect(stored).toContain(agent.url);
      expect(stored).not.toContain(agent.token);
    } finally {
      await browser.close();
      await agent.close();
      await hosted.close();
    }
  });
});
