/**
 * Installable and offline: the built app's manifest and service worker, served under /app/ as a user
 * would deploy it. One browser context for the file: its service worker and caches carry from test to test,
 * as they do for a returning visitor.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../server/serve.js';
import { buildApp } from './buildApp';
import { launchChromium } from './harness';
import { button, connect, presetBox, sendMessage, urlBox, waitForRow, waitForState } from './helpers';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The folder the server serves: a copy of the build, replaced by a new build to deploy a new version. */
let site: string;
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

async function deploy(dist: string): Promise<void> {
  await rm(site, { recursive: true, force: true });
  await cp(dist, site, { recursive: true });
}

/** The hashed script index.html loads: which version the page runs. */
const loadedScript = (p: Page) => p.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')?.getAttribute('src') ?? '');

const isControlled = (p: Page) => p.evaluate(() => navigator.serviceWorker.controller !== null);

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'ws-tester-site-'));
  await deploy(inject('distDir'));
  server = await startServer({ root: site, base: '/app/' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const origin = server.origin;
  context.on('page', (p) => {
    p.on('pageerror', (error) => pageErrors.push(error.message));
    p.on('console', (message) => {
      if (message.type() === 'error' && !/WebSocket connection to .* failed/.test(message.text())) pageErrors.push(message.text());
    });
  });
  // Requests of pages and of the service worker alike.
  context.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(site, { recursive: true, force: true });
});

describe('installable', () => {
  it('serves a manifest with a relative scope and start URL, and icons that load', async () => {
    await page.goto(server.url);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('./manifest.webmanifest');
    const res = await page.request.get(new URL(href!, server.url).href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/manifest+json');
    const manifest = (await res.json()) as { scope: string; start_url: string; display: string; icons: { src: string; type: string }[] };
    expect(manifest.scope).toBe('./');
    expect(manifest.start_url).toBe('./');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
    for (const icon of manifest.icons) {
      expect(icon.src).not.toMatch(/^\/|:/);
      const iconRes = await page.request.get(new URL(icon.src, server.url).href);
      expect(iconRes.status(), icon.src).toBe(200);
      expect(iconRes.headers()['content-type']).toBe(icon.type);
    }
  });

  it('registers a service worker scoped to the folder of the app, which controls the page after a reload', async () => {
    await page.goto(server.url);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(server.url);
    await page.reload();
    await expect.poll(() => isControlled(page)).toBe(true);
    // Nothing offered: this is the version that is installed.
    await expect(page.getByRole('status', { name: 'App update' }).textContent()).resolves.toBe('');
  });
});

describe('a new version', () => {
  let v2: string;
  beforeAll(async () => {
    v2 = await mkdtemp(join(tmpdir(), 'ws-tester-v2-'));
    // A new release: other asset names, as any change to the code gives.
    await buildApp(v2, { build: { rolldownOptions: { output: { entryFileNames: 'assets/[name]-v2-[hash].js' } } } });
  }, 120_000);
  afterAll(async () => {
    await rm(v2, { recursive: true, force: true });
  });

  it('is offered with Reload to update, the page meanwhile keeping the version it runs, and taken on request', async () => {
    const v1Script = await loadedScript(page);
    expect(v1Script).not.toContain('-v2-');
    await deploy(v2);
    await page.reload();
    const offer = page.getByRole('status', { name: 'App update' });
    await expect.poll(() => offer.textContent(), { timeout: 20_000 }).toContain('A new version is available');
    // Still the old version, whole: its script and a working app.
    expect(await loadedScript(page)).toBe(v1Script);
    await expect(urlBox(page).isVisible()).resolves.toBe(true);

    // A plain reload keeps the running version and offers the new one again: nothing switches silently.
    await page.reload();
    expect(await loadedScript(page)).toBe(v1Script);
    await expect.poll(() => offer.textContent(), { timeout: 20_000 }).toContain('A new version is available');

    await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), button(page, 'Reload to update').click()]);
    await expect.poll(() => loadedScript(page)).toContain('-v2-');
    await expect.poll(() => isControlled(page)).toBe(true);
    await expect(offer.textContent()).resolves.toBe('');
  });
});

describe('offline', () => {
  it('with the network off and the server gone, a reload shows the whole app; the Simulator works, a socket fails as usual', async () => {
    await page.goto(server.url);
    await expect.poll(() => isControlled(page)).toBe(true);
    const version = await loadedScript(page);
    const echoUrl = `${server.origin.replace(/^http/, 'ws')}/echo`;
    await context.setOffline(true);
    await server.close();

    await page.reload();
    expect(await loadedScript(page)).toBe(version);
    await expect(page.getByRole('heading', { name: 'WebSocket Tester' }).isVisible()).resolves.toBe(true);
    await presetBox(page).selectOption({ label: 'Simulator' });
    await connect(page, await urlBox(page).inputValue());
    await sendMessage(page, 'offline hello');
    await waitForRow(page, 'received', (t) => t.includes('offline hello'));
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');

    await urlBox(page).fill(echoUrl);
    await button(page, 'Connect').click();
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', (t) => t.includes('1006'));
    expect(close).toContain('Abnormal Closure');
    await context.setOffline(false);
  });
});

describe('served at the root of the host, beside Local Echo', () => {
  it('leaves Local Echo and unknown paths to the server: no fallback page, sockets still open', async () => {
    const root = await startServer({ root: inject('distDir'), base: '/' });
    const other = await browser.newContext();
    try {
      const p = await other.newPage();
      await p.goto(root.url);
      expect(await p.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(root.url);
      await p.reload();
      await expect.poll(() => isControlled(p)).toBe(true);
      // Inside the worker's scope, yet answered by the server as without a worker.
      const echo = await p.goto(`${root.origin}/echo`);
      expect(echo?.status()).toBe(426);
      expect(await echo?.text()).toContain('Upgrade Required');
      const unknown = await p.goto(`${root.origin}/no-such-page`);
      expect(unknown?.status()).toBe(404);

      await p.goto(root.url);
      await expect.poll(() => isControlled(p)).toBe(true);
      await presetBox(p).selectOption({ label: 'Local Echo' });
      await button(p, 'Connect').click();
      await waitForState(p, 'OPEN');
      await sendMessage(p, 'through no worker');
      await waitForRow(p, 'received', (t) => t.includes('through no worker'));
    } finally {
      await other.close();
      await root.close();
    }
  });
});

describe('a host that does not serve the service worker', () => {
  it('runs the app as before: no page error, no alert, only the browser noting the missing script', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'ws-tester-bare-'));
    await cp(inject('distDir'), bare, { recursive: true });
    await rm(join(bare, 'sw.js'));
    const plain = await startServer({ root: bare, base: '/tool/' });
    const other = await browser.newContext();
    const errors: string[] = [];
    try {
      const p = await other.newPage();
      p.on('pageerror', (error) => errors.push(error.message));
      p.on('console', (message) => {
        // NOTE: Chromium itself logs the failed fetch of sw.js; the app handles the refusal and says nothing.
        if (message.type() === 'error' && !/^A bad HTTP response code \(404\) was received when fetching the script\.$/.test(message.text())) {
          errors.push(message.text());
        }
      });
      await p.goto(plain.url);
      await p.waitForLoadState('load');
      await presetBox(p).selectOption({ label: 'Simulator' });
      await connect(p, await urlBox(p).inputValue());
      await sendMessage(p, 'no worker here');
      await waitForRow(p, 'received', (t) => t.includes('no worker here'));
      expect(await p.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
      expect(errors).toEqual([]);
      expect(await p.getByRole('alert').count()).toBe(0);
    } finally {
      await other.close();
      await plain.close();
      await rm(bare, { recursive: true, force: true });
    }
  });
});

describe('the whole file', () => {
  it('made no request outside its own origin and threw no errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
