import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { startServer } from '../../server/serve.js';

/** Where Debian installs Chromium; CI installs it with apt-get. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium on these machines: no sandbox as root, no background traffic to a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface AppUnderTest {
  page: Page;
  /** http://127.0.0.1:PORT/app/ */
  appUrl: string;
  /** ws://127.0.0.1:PORT */
  wsOrigin: string;
  /** Errors the page threw or logged, to assert none happened. */
  pageErrors: string[];
  /** Every request the page made that was not to our own origin. */
  foreignRequests: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Serves the built app under /app/ with the bundled local server beside it, and opens it in Chromium. */
export async function openApp(): Promise<AppUnderTest> {
  const server = await startServer({ root: inject('distDir'), base: '/app/' });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(server.url).origin;
  const newPage = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/WebSocket connection to .* failed/.test(message.text())) pageErrors.push(message.text());
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:')) foreignRequests.push(url);
    });
    await page.goto(server.url);
    return page;
  };
  const page = await newPage();
  return {
    page,
    appUrl: server.url,
    wsOrigin: origin.replace(/^http/, 'ws'),
    pageErrors,
    foreignRequests,
    newPage,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The usual lifecycle of a test file: one app for the whole file (opened before all tests, its first
 * page closed at once, closed after all), and after each test the page that test opened last with
 * newPage() is closed. Returns a stand-in for the app that reads through to it once it is open.
 */
export function useApp(): AppUnderTest {
  let app: AppUnderTest | undefined;
  let page: Page | undefined;
  const current = (): AppUnderTest => {
    if (!app) throw new Error('useApp(): the app is opened in beforeAll; use it inside hooks and tests');
    return app;
  };
  beforeAll(async () => {
    app = await openApp();
    await app.page.close();
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async () => {
    await page?.close();
  });
  return {
    get page() { return current().page; },
    get appUrl() { return current().appUrl; },
    get wsOrigin() { return current().wsOrigin; },
    get pageErrors() { return current().pageErrors; },
    get foreignRequests() { return current().foreignRequests; },
    async newPage() {
      page = await current().newPage();
      return page;
    },
    close: () => current().close(),
  };
}
