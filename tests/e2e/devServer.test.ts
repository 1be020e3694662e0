/** `npm start` (Vite's dev server) serves the app with Local Echo beside it, as the README says. */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness';
import { button, counter, presetBox, sendMessage, urlBox, waitForCount, waitForRow, waitForState } from './helpers';

const root = join(import.meta.dirname, '../..');
let server: ViteDevServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  server = await createServer({
    configFile: join(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    clearScreen: false,
    // NOTE: no file watching: others edit src/ while this runs, and a hot update must not reload the page mid-test.
    server: { port: 0, host: '127.0.0.1', strictPort: false, watch: null },
  });
  await server.listen();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('opens in Chromium, the Local Echo preset connects and echoes hello', async () => {
  const address = server?.httpServer?.address();
  expect(typeof address === 'object' && address !== null).toBe(true);
  const port = typeof address === 'object' && address ? address.port : 0;
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);

  const option = page.getByRole('option', { name: /^local echo$/i });
  await option.waitFor({ state: 'attached', timeout: 30_000 });
  expect(await option.isDisabled()).toBe(false);
  await presetBox(page).selectOption({ label: 'Local Echo' });
  expect(await urlBox(page).inputValue()).toBe(`ws://127.0.0.1:${port}/echo`);
  await button(page, 'Connect').click();
  await waitForState(page, 'OPEN');
  await sendMessage(page, 'hello');
  await waitForCount(page, 'Received', 1);
  expect(await counter(page, 'Sent')).toBe(1);
  await waitForRow(page, 'received', (t) => t.includes('hello'));
  expect(errors).toEqual([]);
  await page.close();
});
