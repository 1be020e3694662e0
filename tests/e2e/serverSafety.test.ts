/**
 * The servers a user runs (serve.js and `npm start`) survive hostile requests and protect the page:
 * the built page's CSP comes first, serve.js's headers keep it out of other sites' frames, and the
 * dev server's HMR socket still works behind Local Echo's guard.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../server/csp.js';
import { rawExchange, upgradeRequest } from '../unit-node/serverChild';
import { launchChromium, useApp } from './harness';
import { button, connect, sendMessage, waitForRow } from './helpers';

const root = join(import.meta.dirname, '../..');

describe('serve.js and the built page', () => {
  const app = useApp();

  it('puts the CSP <meta> first in <head> and sends it, with frame-ancestors, as a header', async () => {
    const res = await fetch(app.appUrl);
    const html = await res.text();
    const first = /<head>\s*(<[^>]+>)/.exec(html)?.[1] ?? '';
    expect(first).toMatch(/^<meta http-equiv="Content-Security-Policy" content="/);
    expect(/content="([^"]*)"/.exec(first)?.[1]?.replaceAll('&#39;', "'")).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('runs under its policy: the page echoes through Local Echo with no violation reported', async () => {
    const page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'under policy');
    await waitForRow(page, 'received', (t) => t.includes('under policy'));
    expect(app.pageErrors).toEqual([]);
  });

  it('cannot be framed by another site', async () => {
    const framer: Server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><title>framer</title><iframe src="${app.appUrl}" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    try {
      const page = await app.newPage();
      const refused = new Promise<string>((resolve) => page.on('console', (m) => /frame-ancestors/.test(m.text()) && resolve(m.text())));
      await page.goto(`http://localhost:${(framer.address() as { port: number }).port}/`);
      expect(await refused).toMatch(/violates the following Content Security Policy directive: "frame-ancestors 'none'"/);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(await frame?.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    } finally {
      await new Promise((resolve) => framer.close(resolve));
    }
  });

  it('answers an upgrade for // and a vite-hmr offer, and still serves the app afterwards', async () => {
    const port = Number(new URL(app.appUrl).port);
    const slashes = await rawExchange(port, upgradeRequest('//'), 3000, undefined, 200);
    expect(slashes.data.toString('latin1')).toMatch(/^HTTP\/1\.1 101 [^]*Unknown path \/\//);
    const hmr = await rawExchange(port, upgradeRequest('/', ['Sec-WebSocket-Protocol: vite-hmr']), 3000, undefined, 200);
    expect(hmr.data.length).toBeGreaterThan(0);
    const page = await app.newPage();
    await button(page, 'Connect').waitFor();
  });
});

describe('the dev server (npm start)', () => {
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  let port = 0;

  beforeAll(async () => {
    server = await createServer({
      configFile: join(root, 'vite.config.ts'),
      root,
      logLevel: 'silent',
      clearScreen: false,
      // NOTE: no file watching: others edit src/ while this runs, and a hot update must not reload the page mid-test.
      server: { port: 0, host: '127.0.0.1', strictPort: false, watch: null },
    });
    await server.listen();
    port = (server.httpServer?.address() as { port: number }).port;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('survives an upgrade for // and odd HTTP targets, refuses vite-hmr at a path Vite does not serve, and keeps HMR working', async () => {
    const slashes = await rawExchange(port, upgradeRequest('//'), 3000, undefined, 200);
    expect(slashes.data.toString('latin1')).toMatch(/^HTTP\/1\.1 101 [^]*Unknown path \/\//);
    for (const target of ['//', '/%', '/%00', '*']) {
      const plain = await rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 3000, undefined, 200);
      expect(plain.data.toString('latin1'), target).toMatch(/^HTTP\/1\.1 \d{3} /);
    }
    const stray = await rawExchange(port, upgradeRequest('/not-hmr', ['Sec-WebSocket-Protocol: vite-hmr']), 3000);
    expect(stray.data.toString('latin1')).toMatch(/^HTTP\/1\.1 404 /);
    expect(stray.closed).toBe(true);

    // Vite's own HMR socket, as its client opens it.
    const hmr = new WebSocket(`ws://127.0.0.1:${port}/`, ['vite-hmr']);
    const first = await new Promise<string>((resolve, reject) => {
      hmr.once('message', (data: Buffer) => resolve(data.toString()));
      hmr.once('error', reject);
    });
    expect(hmr.protocol).toBe('vite-hmr');
    expect(JSON.parse(first)).toMatchObject({ type: 'connected' });
    hmr.close();

    // And in the page: Vite's client reports its socket connected.
    const page = await browser!.newPage();
    const connected = new Promise<void>((resolve) => page.on('console', (m) => m.text().includes('[vite] connected') && resolve()));
    await page.goto(`http://127.0.0.1:${port}/`);
    await connected;
    await page.close();
  });
});
