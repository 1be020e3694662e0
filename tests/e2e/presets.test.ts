/**
 * Presets and how the built dist/ is served: Local Echo only where the serving server announces it,
 * public presets only fill the URL, asset URLs are relative (the app works under /app/), and the page
 * asks nothing of any other origin.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, useApp } from './harness';
import {
  button, connect, counter, presetBox, readyState, sendMessage, urlBox, waitForCount, waitForState, watchSockets,
} from './helpers';

const app = useApp();
let page: Page;

const localEchoOption = (page: Page) => page.getByRole('option', { name: /^local echo$/i });

describe('Local Echo preset, served by the bundled server', () => {
  it('is offered (enabled), fills ws://127.0.0.1:PORT/echo and connects', async () => {
    page = await app.newPage();
    const option = localEchoOption(page);
    await option.waitFor({ state: 'attached' });
    expect(await option.isDisabled()).toBe(false);
    await presetBox(page).selectOption({ label: 'Local Echo' });
    expect(await urlBox(page).inputValue()).toBe(`${app.wsOrigin}/echo`);
    expect(app.wsOrigin).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await sendMessage(page, 'local');
    await waitForCount(page, 'Received', 1);
  });

  it('is offered because the server announces it in the HTML it serves', async () => {
    const html = await (await fetch(app.appUrl)).text();
    expect(html).toContain('<meta name="ws-tester-local-echo"');
  });
});

describe('public presets', () => {
  it.each([
    ['Echo Test', 'wss://ws.postman-echo.com/raw'],
    ['Public Echo', 'wss://echo.websocket.org'],
  ])('%s fills %s and does not connect by itself', async (name, url) => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await presetBox(page).selectOption({ label: name });
    expect(await urlBox(page).inputValue()).toBe(url);
    expect(await presetBox(page).inputValue()).not.toBe('');
    expect(await readyState(page)).toBe('CLOSED');
    expect(sockets.sockets).toEqual([]);
  });
});

describe('the built dist/', () => {
  it('uses relative asset URLs and loads every resource from under /app/', async () => {
    const html = await (await fetch(app.appUrl)).text();
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      if (ref.startsWith('data:')) continue;
      expect(ref, `asset URL ${ref}`).not.toMatch(/^(\/|[a-z][a-z0-9+.-]*:)/i);
    }
    page = await app.newPage();
    await presetBox(page).waitFor();
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(resources.length).toBeGreaterThan(0);
    for (const url of resources) expect(url.startsWith(app.appUrl), url).toBe(true);
  });

  it('served from a plain static host (no Local Echo): the page works and Local Echo is not offered', async () => {
    const distDir = resolve(inject('distDir'));
    const server = await serveStatic(distDir, '/plain/');
    const browser = await launchChromium();
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const plain = await browser.newPage();
      const errors: string[] = [];
      plain.on('pageerror', (e) => errors.push(e.message));
      await plain.goto(`http://127.0.0.1:${port}/plain/`);
      const option = localEchoOption(plain);
      await option.waitFor({ state: 'attached' });
      expect(await option.isDisabled()).toBe(true);
      // The rest of the page works: the Simulator needs no server.
      await presetBox(plain).selectOption({ label: 'Simulator' });
      await button(plain, 'Connect').click();
      await waitForState(plain, 'OPEN');
      await sendMessage(plain, 'static');
      await waitForCount(plain, 'Received', 1);
      expect(await counter(plain, 'Sent')).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});

describe('the whole session', () => {
  it('made no request outside its own origin and threw no errors', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'last');
    await waitForCount(page, 'Received', 1);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** A bare static host for `root` under `prefix`: files only, no WebSocket, no meta tag. */
async function serveStatic(root: string, prefix: string): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!path.startsWith(prefix)) return void res.writeHead(404).end();
      let rel = decodeURIComponent(path.slice(prefix.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = resolve(root, rel);
      const info = file.startsWith(root + sep) ? await stat(file).catch(() => null) : null;
      if (!info?.isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return server;
}
