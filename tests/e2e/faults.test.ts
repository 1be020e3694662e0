/**
 * The fault matrix of the connection: each fault a server or network can cause ends in an
 * explained state, with no page error. The servers are started here, on 127.0.0.1.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WebSocketServer, type WebSocket } from 'ws';
import { useApp } from './harness';
import {
  button, connect, counter, exactName, messagesLog, openSection, rows, urlBox, waitForCount, waitForRow, waitForState,
} from './helpers';

const app = useApp();
let page: Page;

/** A `ws` server whose behaviour is picked by the request path. */
let wss: WebSocketServer;
let wsPort = 0;
/** Accepts TCP and never answers the handshake. */
let silent: Server;
let silentPort = 0;
/** Completes the handshake by hand, then sends a text frame that is not UTF-8. */
let badUtf8: Server;
let badUtf8Port = 0;
const heldSockets = new Set<Socket>();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 80 * 1024 * 1024 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wsPort = (wss.address() as { port: number }).port;
  wss.on('connection', (socket: WebSocket, request) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const n = Number(url.searchParams.get('n') ?? 0);
    switch (url.pathname) {
      case '/close':
        socket.close(Number(url.searchParams.get('code')), url.searchParams.get('reason') ?? '');
        break;
      case '/burst-then-drop':
        for (let i = 0; i < n; i++) socket.send(`m${i}`);
        // Destroy only once everything is handed to the kernel, so the count is exact.
        socket.send('last', () => socket.terminate());
        break;
      case '/big':
        socket.send(Buffer.alloc(n, 0x61), { binary: true });
        break;
      case '/echo':
        socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
        break;
    }
  });
  silent = createServer((socket) => {
    heldSockets.add(socket);
    socket.on('close', () => heldSockets.delete(socket));
    socket.on('error', () => {});
  });
  silentPort = await listen(silent);
  badUtf8 = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (head) => {
      const key = /sec-websocket-key: *(\S+)/i.exec(head.toString('latin1'))?.[1] ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      // FIN + text, 2 bytes that are not UTF-8.
      setTimeout(() => socket.write(Buffer.from([0x81, 0x02, 0xff, 0xfe])), 100);
    });
  });
  badUtf8Port = await listen(badUtf8);
});

afterAll(async () => {
  for (const socket of heldSockets) socket.destroy();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await new Promise<void>((resolve) => badUtf8.close(() => resolve()));
});

const ws = (path: string) => `ws://127.0.0.1:${wsPort}${path}`;

/** Clicks Connect on `url` without waiting for OPEN. */
async function startConnect(p: Page, url: string): Promise<void> {
  await urlBox(p).fill(url);
  await button(p, 'Connect').click();
}

/** The newest close entry's text, once there is one. */
const closeRow = (p: Page, code: number) => waitForRow(p, 'close', (t) => t.includes(String(code)), 15_000);

async function expectNoPageError(): Promise<void> {
  expect(app.pageErrors).toEqual([]);
}

describe('fault matrix', () => {
  it('connection refused: CLOSED, 1006 with its usual causes', async () => {
    page = await app.newPage();
    // A port nobody listens on: bind one, then let it go.
    const spare = createServer();
    const port = await listen(spare);
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    await startConnect(page, `ws://127.0.0.1:${port}/`);
    await waitForState(page, 'CLOSED');
    expect(await closeRow(page, 1006)).toMatch(/Abnormal Closure/);
    await expectNoPageError();
  });

  it('a host that does not resolve: CLOSED, 1006, and the app still works', async () => {
    page = await app.newPage();
    await startConnect(page, 'ws://no-such-host.invalid/');
    await waitForState(page, 'CLOSED', 20_000);
    expect(await closeRow(page, 1006)).toMatch(/not clean/i);
    await connect(page, ws('/echo'));
    await expectNoPageError();
  });

  it('a server that accepts TCP and never answers the handshake ends at Connect timeout, and the log says so', async () => {
    page = await app.newPage();
    await openSection(page, 'Staying connected');
    const timeout = page.getByRole('textbox', { name: exactName('Connect timeout') });
    expect(await timeout.inputValue()).toBe('15');
    await timeout.fill('1');
    await startConnect(page, `ws://127.0.0.1:${silentPort}/`);
    await waitForState(page, 'CONNECTING');
    await waitForState(page, 'CLOSED', 5_000);
    const error = await waitForRow(page, 'error', (t) => t.includes('Connect timeout'));
    expect(error).toMatch(/did not complete within 1 s/);
    expect(await closeRow(page, 1006)).toMatch(/not clean/i);
    await expectNoPageError();
  });

  it('a TCP drop after 10,000 messages: every message counted, then 1006', async () => {
    page = await app.newPage();
    await startConnect(page, ws('/burst-then-drop?n=10000'));
    await waitForCount(page, 'Received', 10_001, 20_000);
    await waitForState(page, 'CLOSED');
    expect(await closeRow(page, 1006)).toMatch(/Abnormal Closure/);
    await expectNoPageError();
  });

  it('invalid UTF-8 in a text frame: the browser fails the connection and the close is explained', async () => {
    page = await app.newPage();
    await startConnect(page, `ws://127.0.0.1:${badUtf8Port}/`);
    await waitForState(page, 'CLOSED', 10_000);
    expect(await closeRow(page, 1006)).toMatch(/Abnormal Closure/);
    expect(await counter(page, 'Received')).toBe(0);
    await expectNoPageError();
  });

  it('every close code a server may send is shown with its standard name', async () => {
    page = await app.newPage();
    const codes: [number, RegExp][] = [
      [1000, /Normal Closure/], [1001, /Going Away/], [1002, /Protocol Error/], [1003, /Unsupported Data/],
      [1007, /Invalid/i], [1008, /Policy Violation/], [1009, /Too Big/i], [1011, /Internal/i], [1012, /Restart/i],
      [1013, /Try Again Later/i], [1014, /Bad Gateway/i], [3000, /Unauthorized|registered/i], [4000, /Private/i],
    ];
    for (const [code, name] of codes) {
      await startConnect(page, ws(`/close?code=${code}&reason=r${code}`));
      await waitForState(page, 'CLOSED');
      const row = await closeRow(page, code);
      expect(row, String(code)).toMatch(name);
      expect(row).toContain(`r${code}`);
    }
    await expectNoPageError();
  });

  it('a 64 MiB message is counted and shown, and the page stays responsive', async () => {
    page = await app.newPage();
    const size = 64 * 1024 * 1024;
    await startConnect(page, ws(`/big?n=${size}`));
    await waitForCount(page, 'Received', 1, 30_000);
    await waitForRow(page, 'received', (t) => /64(\.0)? MiB|67,108,864/.test(t), 10_000);
    await urlBox(page).fill('still typing');
    expect(await urlBox(page).inputValue()).toBe('still typing');
    await expectNoPageError();
  });

  it('Resend of a large binary message sends the original bytes, not megabytes of hex in the composer', async () => {
    page = await app.newPage();
    const size = 1024 * 1024;
    await startConnect(page, ws(`/big?n=${size}`));
    await waitForCount(page, 'Received', 1, 20_000);
    await rows(page, 'received').first().click();
    await button(page, 'Resend').click();
    await page.getByRole('group', { name: exactName('Attached message') }).waitFor();
    expect(await page.getByRole('textbox', { name: exactName('Message') }).count()).toBe(0);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await connect(page, ws('/echo'));
    await button(page, 'Send').click();
    await expect.poll(() => page.getByRole('status', { name: exactName('Bytes sent') }).textContent(), { timeout: 10_000 }).toMatch(/1,048,576/);
    await waitForCount(page, 'Received', 2, 20_000);
    await button(page, 'Discard attached message').click();
    await page.getByRole('textbox', { name: exactName('Message') }).waitFor();
    await expectNoPageError();
  });

  it('100 connect/disconnect cycles leave listeners and heap within a fixed bound', async () => {
    page = await app.newPage();
    const cdp = await page.context().newCDPSession(page);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { jsEventListeners } = await cdp.send('Memory.getDOMCounters');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return { jsEventListeners, usedSize };
    };
    const cycle = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await button(page, 'Connect').click();
        await waitForState(page, 'OPEN');
        await button(page, 'Disconnect').click();
        await waitForState(page, 'CLOSED');
      }
    };
    await urlBox(page).fill(ws('/echo'));
    // Warm up until the log fills its window: visible rows are part of what is measured.
    await cycle(10);
    const before = await measure();
    await cycle(100);
    const after = await measure();
    console.log(`100 cycles: listeners ${before.jsEventListeners} -> ${after.jsEventListeners}, heap ${(before.usedSize / 1e6).toFixed(1)} -> ${(after.usedSize / 1e6).toFixed(1)} MB`);
    expect(after.jsEventListeners).toBeLessThanOrEqual(before.jsEventListeners + 10);
    expect(after.usedSize - before.usedSize).toBeLessThan(5_000_000);
    expect(await messagesLog(page).count()).toBe(1);
    await expectNoPageError();
  });
});
