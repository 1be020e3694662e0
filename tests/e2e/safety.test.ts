/** HTML in payloads stays inert text, end to end. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { connect, messagesLog, presetBox, button, sendMessage, waitForCount, waitForRow, waitForState } from './helpers';

const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

const app = useApp();
let page: Page;

async function expectInert(page: Page): Promise<void> {
  await waitForRow(page, 'sent', (t) => t.includes(PAYLOAD));
  await waitForRow(page, 'received', (t) => t.includes(PAYLOAD));
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await messagesLog(page).locator('img, script, iframe, object').count()).toBe(0);
  // The text is visible as typed.
  await messagesLog(page).getByText(PAYLOAD).first().waitFor({ state: 'visible' });
}

describe('HTML payloads', () => {
  it('are shown literally and never run (echo server)', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, PAYLOAD);
    await waitForCount(page, 'Received', 1);
    await expectInert(page);
  });

  it('are shown literally and never run (through the Simulator)', async () => {
    page = await app.newPage();
    await presetBox(page).selectOption({ label: 'Simulator' });
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await sendMessage(page, PAYLOAD);
    await waitForCount(page, 'Received', 1);
    await expectInert(page);
  });

  it('in a close reason are shown literally', async () => {
    page = await app.newPage();
    const reason = '<b>bold</b><img src=x onerror="window.__pwned=3">';
    await connect(page, `${app.wsOrigin}/close?code=4002&reason=${encodeURIComponent(reason)}`);
    await sendMessage(page, 'close please');
    const close = await waitForRow(page, 'close', (t) => t.includes('4002'));
    expect(close).toContain(reason);
    expect(await messagesLog(page).locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('no page errors and no foreign requests', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
