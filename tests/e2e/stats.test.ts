/** The statistics strip against the bundled local server, in real Chromium. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { connect, exactName, sendMessage, waitForCount } from './helpers';

const app = useApp();
let page: Page;

const output = (name: string) => page.getByRole('status', { name: exactName(name) });
const text = async (name: string) => (await output(name).textContent()) ?? '';
const digits = async (name: string) => Number((await text(name)).replace(/\D/g, '') || 'NaN');
const strip = () => page.getByRole('group', { name: exactName('Statistics') });
/** The In rate's number (messages in the last complete second). */
const rateIn = async () => Number(((await strip().locator('.stat--in .stat__value').textContent()) ?? '').replace(/\D/g, '') || 'NaN');

describe('statistics strip', () => {
  it('shows round trips in milliseconds for echoes, and exact bytes both ways', async () => {
    page = await app.newPage();
    expect(await text('Round trip')).toBe('—');
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'one');
    await sendMessage(page, 'two');
    await sendMessage(page, 'drei – ü'); // 11 bytes in UTF-8
    await waitForCount(page, 'Received', 3);
    await expect.poll(() => text('Round trip'), { timeout: 5_000 }).toMatch(/^\d[\d,]* ms$/);
    await expect.poll(() => digits('Bytes received')).toBe(17);
    expect(await digits('Bytes sent')).toBe(17);
    expect(await strip().getByText(/^median \d[\d,]* ms · p95 \d[\d,]* ms$/).count()).toBe(1);
    // Uptime runs while open.
    expect(await strip().getByText('Uptime').locator('xpath=following-sibling::*[1]').textContent()).toMatch(/\d/);
  });

  it('counts the bytes of a firehose exactly', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/firehose?n=20000&size=64`);
    await expect.poll(() => digits('Bytes received'), { timeout: 30_000 }).toBe(1_280_000);
    expect(await text('Bytes received')).toBe('1,280,000 B');
    await waitForCount(page, 'Received', 20_000);
    // Nothing was sent, so nothing was matched.
    expect(await text('Round trip')).toBe('—');
    expect(await digits('Bytes sent')).toBe(0);
  });

  it('shows a non-zero message rate during a steady stream', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/ticker`);
    await expect.poll(rateIn, { timeout: 5_000, interval: 200 }).toBeGreaterThan(0);
    // The sparkline has drawn the last minute.
    const points = await strip().locator('.stat--in svg polyline').getAttribute('points');
    expect(points?.split(' ')).toHaveLength(60);
  });

  it('shows the rate of a fast in-page stream (Simulator /push)', async () => {
    page = await app.newPage();
    await page.getByRole('combobox', { name: exactName('Preset') }).selectOption({ label: 'Simulator' });
    await page.getByRole('button', { name: exactName('Connect') }).click();
    await page.getByRole('status', { name: exactName('Connection state') }).filter({ hasText: 'OPEN' }).waitFor();
    await sendMessage(page, '/push 200000');
    let seen = 0;
    await expect
      .poll(async () => (seen = Math.max(seen, await rateIn())), { timeout: 10_000, interval: 250 })
      .toBeGreaterThan(1000);
    await waitForCount(page, 'Received', 200_000, 30_000);
  });
});

describe('the whole session', () => {
  it('threw no errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
