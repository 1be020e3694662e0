/** The sockets live in a worker; where it cannot load, the page opens them itself. Real Chromium, bundled server. */
import { describe, expect, it } from 'vitest';
import { useApp } from './harness';
import { connect, counter, sendMessage, waitForCount, waitForRow } from './helpers';

const app = useApp();

describe('the socket worker', () => {
  it('carries the connection: its worker runs, and echo and counters work through it', async () => {
    const page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    expect(page.workers().some((worker) => /socketWorker-[\w-]+\.js$/.test(worker.url()))).toBe(true);
    await sendMessage(page, 'through the worker');
    await waitForCount(page, 'Received', 1);
    await waitForRow(page, 'received', (text) => text.includes('through the worker'));
    expect(app.pageErrors).toEqual([]);
  });

  it('when its script cannot load, the page opens the socket itself and nothing is lost', async () => {
    const browser = app.page.context().browser()!;
    // No service worker: it would answer from its cache, and the failure to load would not happen.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const refused: string[] = [];
      await context.route(/socketWorker-[\w-]+\.js$/, (route) => {
        refused.push(route.request().url());
        return route.fulfill({ status: 404, body: 'not here' });
      });
      const page = await context.newPage();
      await page.goto(app.appUrl);
      await connect(page, `${app.wsOrigin}/echo`);
      for (const text of ['one', 'two', 'three']) await sendMessage(page, text);
      await waitForCount(page, 'Received', 3);
      expect(await counter(page, 'Sent')).toBe(3);
      await waitForRow(page, 'received', (text) => text.includes('three'));
      expect(refused.length).toBeGreaterThan(0);
      expect(page.workers().some((worker) => /socketWorker/.test(worker.url()))).toBe(false);
    } finally {
      await context.close();
    }
  });
});
