import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from './harness';

let app: AppUnderTest;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const digits = async (page: Page, name: string) =>
  Number(((await page.getByRole('status', { name, exact: true }).textContent()) ?? '').replace(/\D/g, ''));

async function connectTo(page: Page, url: string) {
  await page.getByRole('textbox', { name: 'URL', exact: true }).fill(url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status', { name: 'Connection state', exact: true }).filter({ hasText: 'OPEN' }).waitFor();
}

async function sendText(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

describe('firehose', () => {
  it('counts every message of a fast stream exactly and shows the newest one', async () => {
    const page = await app.newPage();
    await connectTo(page, `${app.wsOrigin}/firehose?n=20000&size=64`);
    await expect.poll(() => digits(page, 'Received'), { timeout: 30_000 }).toBe(20_000);
    await expect.poll(() => page.getByRole('log', { name: 'Messages', exact: true }).getByText('000020000 x').count()).toBe(1);
    await page.close();
  });

  it('keeps only the newest entries within the log limit and says how many older ones are gone', async () => {
    const page = await app.newPage();
    const limit = page.getByRole('spinbutton', { name: 'Log limit', exact: true });
    await limit.fill('1000');
    await limit.press('Enter');
    await connectTo(page, `${app.wsOrigin}/firehose?n=5000&size=64`);
    await expect.poll(() => digits(page, 'Received'), { timeout: 30_000 }).toBe(5000);
    // 5,000 messages plus the connecting/open entries went in; the log keeps 1,000.
    const note = page.getByText(/older entries are no longer kept/);
    await expect.poll(async () => (await note.textContent()) ?? '').toMatch(/^\d[\d,]* older entries are no longer kept \(the log keeps the newest 1,000\)/);
    const trimmed = Number(((await note.textContent()) ?? '').split(' ')[0]!.replace(/\D/g, ''));
    expect(trimmed).toBeGreaterThanOrEqual(4000);
    expect(trimmed).toBeLessThanOrEqual(4010);
    await page.close();
  });

  it('refuses a log limit that is not a whole number in range, keeping the old one', async () => {
    const page = await app.newPage();
    const limit = page.getByRole('spinbutton', { name: 'Log limit', exact: true });
    await limit.fill('5');
    await limit.press('Enter');
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(/Log limit must be a whole number from 100/);
    // The old limit still holds: a firehose bigger than 100 entries is kept whole.
    await connectTo(page, `${app.wsOrigin}/firehose?n=500&size=64`);
    await expect.poll(() => digits(page, 'Received')).toBe(500);
    expect(await page.getByText(/no longer kept/).count()).toBe(0);
    await page.close();
  });

  it('follows the newest entry, stays put when scrolled up, and offers Jump to latest with the count below', async () => {
    const page = await app.newPage();
    await page.getByRole('combobox', { name: 'Preset', exact: true }).selectOption({ label: 'Simulator' });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('status', { name: 'Connection state', exact: true }).filter({ hasText: 'OPEN' }).waitFor();
    const log = page.getByRole('log', { name: 'Messages', exact: true });
    await sendText(page, '/push 200');
    await expect.poll(() => digits(page, 'Received')).toBe(200);
    await expect.poll(() => log.getByText('message 200 of 200', { exact: true }).count()).toBe(1);
    await expect(page.getByRole('button', { name: 'Jump to latest', exact: true }).count()).resolves.toBe(0);

    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    const jump = page.getByRole('button', { name: 'Jump to latest', exact: true });
    await jump.waitFor();
    const topRowBefore = await log.locator('[data-seq]').first().getAttribute('data-seq');

    await sendText(page, '/push 300');
    await expect.poll(() => digits(page, 'Received')).toBe(500);
    // 1 sent entry + 300 received entries arrived below; the view did not move.
    await expect.poll(async () => (await jump.textContent()) ?? '').toContain('301 new below');
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await log.locator('[data-seq]').first().getAttribute('data-seq')).toBe(topRowBefore);

    await jump.click();
    await expect.poll(() => log.getByText('message 300 of 300', { exact: true }).count()).toBe(1);
    await expect.poll(() => jump.count()).toBe(0);
    await page.close();
  });

  it('stays on the newest entry when the window gets shorter while following', async () => {
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByRole('combobox', { name: 'Preset', exact: true }).selectOption({ label: 'Simulator' });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('status', { name: 'Connection state', exact: true }).filter({ hasText: 'OPEN' }).waitFor();
    const log = page.getByRole('log', { name: 'Messages', exact: true });
    await sendText(page, '/push 200');
    const newest = log.getByText('message 200 of 200', { exact: true });
    await expect.poll(() => newest.count()).toBe(1);

    // Nothing new arrives after the resize: the log itself must keep the newest row in view.
    await page.setViewportSize({ width: 1280, height: 640 });
    const inView = async () => {
      const row = await newest.boundingBox();
      const view = await log.boundingBox();
      return row !== null && view !== null && row.y >= view.y - 1 && row.y + row.height <= view.y + view.height + 1;
    };
    await expect.poll(inView).toBe(true);
    expect(await page.getByRole('button', { name: 'Jump to latest', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('keeps recording while the page is hidden (no animation frames) and is complete on return', async () => {
    const page = await app.newPage();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${app.wsOrigin}/firehose?n=20000&size=64&start=message`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('status', { name: 'Connection state', exact: true }).filter({ hasText: 'OPEN' }).waitFor();
    // NOTE: headless Chromium never hides a page, so hide it as a browser does for a background tab:
    // visibilityState becomes hidden and animation frames stop being delivered.
    await page.evaluate(() => {
      const w = window as unknown as { __restore: () => void };
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = () => 0;
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
      w.__restore = () => {
        window.requestAnimationFrame = raf;
        delete (document as { visibilityState?: unknown }).visibilityState;
        delete (document as { hidden?: unknown }).hidden;
        document.dispatchEvent(new Event('visibilitychange'));
      };
    });
    await sendText(page, 'go');
    // While hidden, the counters still reach the total (the timer flushes instead of frames).
    await expect.poll(() => digits(page, 'Received'), { timeout: 30_000 }).toBe(20_000);
    await page.evaluate(() => (window as unknown as { __restore: () => void }).__restore());
    await sendText(page, 'back');
    await expect.poll(() => page.getByRole('log', { name: 'Messages', exact: true }).getByText('back', { exact: true }).count()).toBe(1);
    expect(await digits(page, 'Sent')).toBe(2);
    await page.close();
  });
});

describe('one huge message', () => {
  it('counts and shows a 16 MiB text message with a bounded preview and its size', async () => {
    const page = await app.newPage();
    await connectTo(page, `${app.wsOrigin}/big?size=16777216&type=text`);
    await expect.poll(() => digits(page, 'Received'), { timeout: 20_000 }).toBe(1);
    const row = page.getByRole('log', { name: 'Messages', exact: true }).locator('[data-kind="received"]');
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('16.0 MiB');
    expect(text).toContain('BIG-TEXT');
    expect(text.length).toBeLessThan(1000);
    await page.close();
  });

  it('shows a 16 MiB binary message as a hex preview with its size', async () => {
    const page = await app.newPage();
    await connectTo(page, `${app.wsOrigin}/big?size=16777216&type=binary`);
    await expect.poll(() => digits(page, 'Received'), { timeout: 20_000 }).toBe(1);
    const row = page.getByRole('log', { name: 'Messages', exact: true }).locator('[data-kind="received"]');
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('16.0 MiB');
    expect(text).toContain('00 01 02 03 04 05');
    expect(text.length).toBeLessThan(1000);
    await page.close();
  });
});
