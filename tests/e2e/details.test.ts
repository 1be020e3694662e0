/** Message details in real Chromium against the bundled Local Echo server: views, Resend, Download, 16 MiB payloads. */
import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { button, connect, counter, exactName, formatBox, messageBox, messagesLog, rows, sendMessage, waitForCount } from './helpers';

const app = useApp();
let page: Page;

const details = (p: Page) => p.getByRole('region', { name: exactName('Message details') });
const viewTab = (p: Page, name: 'Text' | 'JSON' | 'Hex') =>
  details(p).getByRole('tablist', { name: exactName('View') }).getByRole('tab', { name: exactName(name) });

describe('Message details', () => {
  it('opens a received JSON message as a tree, shows its bytes in Hex, and Resend fills the composer', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    const json = '{"type":"hello","n":[1,2.5,3],"ok":true,"none":null}';
    await sendMessage(page, json, 'JSON');
    await waitForCount(page, 'Received', 1);

    expect(await details(page).count()).toBe(0);
    await rows(page, 'received').first().click();
    await details(page).waitFor();
    expect(await viewTab(page, 'JSON').getAttribute('aria-selected')).toBe('true');
    const tree = details(page).getByRole('tabpanel');
    await tree.getByRole('button', { name: /^root \(object, 4 keys\)$/ }).waitFor();
    expect(await tree.locator('.json-number').allTextContents()).toEqual(['1', '2.5', '3']);
    expect(await tree.locator('.json-boolean').textContent()).toBe('true');
    expect(await tree.locator('.json-null').textContent()).toBe('null');
    // Types are visibly distinct: numbers and strings are not drawn in the same colour.
    const colour = (selector: string) => tree.locator(selector).first().evaluate((el) => getComputedStyle(el).color);
    expect(await colour('.json-number')).not.toBe(await colour('.json-string'));
    const meta = (await details(page).textContent()) ?? '';
    expect(meta).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
    expect(meta).toContain(`${json.length} bytes`);

    // Collapse the array.
    const n = tree.getByRole('button', { name: /^"n" \(array, 3 items\)$/ });
    await n.click();
    expect(await n.getAttribute('aria-expanded')).toBe('false');
    expect(await tree.locator('.json-number').count()).toBe(0);

    await viewTab(page, 'Hex').click();
    const firstLine = (await details(page).locator('.hexdump__line').first().textContent()) ?? '';
    expect(firstLine.startsWith('00000000  7b 22 74 79 70 65 22 3a')).toBe(true);
    expect(firstLine).toContain('|{"type":"hello",|');

    // Arrow keys move between tabs.
    await page.keyboard.press('ArrowLeft');
    expect(await viewTab(page, 'JSON').getAttribute('aria-selected')).toBe('true');

    // Resend fills the composer; nothing is sent.
    await formatBox(page).selectOption({ label: 'Text' });
    await messageBox(page).fill('something else');
    await details(page).getByRole('button', { name: exactName('Resend') }).click();
    expect(await messageBox(page).inputValue()).toBe(json);
    expect(await formatBox(page).inputValue()).toBe('text');
    await page.waitForTimeout(200);
    expect(await counter(page, 'Sent')).toBe(1);
    expect(await counter(page, 'Received')).toBe(1);

    // Escape closes it.
    await page.keyboard.press('Escape');
    await details(page).waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a 16 MiB binary message at once in a lazy hex dump and downloads all of it', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/big?size=16777216&type=binary`);
    await expect.poll(() => counter(page, 'Received'), { timeout: 20_000 }).toBe(1);
    const row = messagesLog(page).locator('[data-kind="received"]');
    await expect.poll(() => row.count()).toBe(1);

    const started = Date.now();
    await row.click();
    const first = details(page).locator('.hexdump__line').first();
    await first.waitFor();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2_000);
    expect(await viewTab(page, 'Hex').getAttribute('aria-selected')).toBe('true');
    expect(((await first.textContent()) ?? '').startsWith('00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f')).toBe(true);
    // Only the visible lines are in the DOM.
    expect(await details(page).locator('.hexdump__line').count()).toBeLessThan(200);

    // Scrolling to the end shows the last line.
    const list = details(page).getByRole('list', { name: exactName('Hex dump') });
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect
      .poll(async () => (await details(page).locator('.hexdump__line').allTextContents()).some((t) => t.startsWith('00fffff0  ')))
      .toBe(true);

    // The page stays responsive.
    const ping = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - ping).toBeLessThan(1_000);

    const downloadEvent = page.waitForEvent('download');
    await details(page).getByRole('button', { name: exactName('Download payload') }).click();
    const download = await downloadEvent;
    expect(download.suggestedFilename()).toMatch(/^message-\d+\.bin$/);
    const path = await download.path();
    expect((await stat(path)).size).toBe(16_777_216);

    // Text view: a bounded prefix and a note of what is left out.
    await viewTab(page, 'Text').click();
    const panel = details(page).getByRole('tabpanel');
    expect(await panel.textContent()).toMatch(/Binary frame shown as UTF-8 text/);
    expect(await panel.textContent()).toMatch(/not shown/);
    expect(((await panel.locator('pre').textContent()) ?? '').length).toBeLessThanOrEqual(256 * 1024);
    expect(app.pageErrors).toEqual([]);
  });

  it('Close details closes the panel; a text message opens in Text', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'plain <b>text</b>');
    await waitForCount(page, 'Received', 1);
    await rows(page, 'sent').first().click();
    expect(await viewTab(page, 'Text').getAttribute('aria-selected')).toBe('true');
    expect(await details(page).getByRole('tabpanel').locator('pre').textContent()).toBe('plain <b>text</b>');
    await viewTab(page, 'JSON').click();
    expect(await details(page).getByRole('tabpanel').textContent()).toMatch(/Not JSON.*line 1, column 1/);
    await button(page, 'Close details').click();
    await details(page).waitFor({ state: 'detached' });
  });
});
