import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppUnderTest } from './harness';
import { button, connect, counter, exactName, messageBox, openSection, rowTexts, sendMessage, stateStatus, waitForCount, waitForRow, waitForState } from './helpers';

let app: AppUnderTest;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const tabs = (page: Page) => page.getByRole('tablist', { name: exactName('Connections') }).getByRole('tab');

describe('several connections', () => {
  it('runs two tabs at once with independent logs and counters', async () => {
    const page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'first tab');
    await waitForCount(page, 'Received', 1);

    await button(page, 'New connection').click();
    await expect.poll(() => tabs(page).count()).toBe(2);
    expect(await stateStatus(page).textContent()).toContain('CLOSED');
    await connect(page, `${app.wsOrigin}/ticker`);
    await waitForCount(page, 'Received', 2, 5000);
    expect(await counter(page, 'Sent')).toBe(0);
    expect((await rowTexts(page, 'received')).some((t) => t.includes('first tab'))).toBe(false);

    // Back to the first tab (Ctrl+1): its log and counters are its own, and it is still open.
    await page.keyboard.press('Control+1');
    await waitForState(page, 'OPEN');
    expect(await counter(page, 'Sent')).toBe(1);
    expect(await counter(page, 'Received')).toBe(1);
    await waitForRow(page, 'received', (t) => t.includes('first tab'));
    // The ticker kept running in the background tab.
    const before = await (async () => {
      await page.keyboard.press('Control+2');
      return counter(page, 'Received');
    })();
    await page.keyboard.press('Control+1');
    await page.waitForTimeout(1500);
    await page.keyboard.press('Control+2');
    await expect.poll(() => counter(page, 'Received')).toBeGreaterThan(before);

    // Closing a tab closes its connection and leaves the other (each tab's Close tab lies beside it, outside the tablist).
    await page.getByRole('button', { name: exactName('Close tab') }).nth(1).click();
    await expect.poll(() => tabs(page).count()).toBe(1);
    await waitForState(page, 'OPEN');
    expect(await counter(page, 'Sent')).toBe(1);
    await page.close();
  });
});

describe('staying connected', () => {
  it('reconnects after an abnormal close, logs the attempt and is OPEN again', async () => {
    const page = await app.newPage();
    await openSection(page, 'Staying connected');
    await page.getByRole('checkbox', { name: exactName('Auto reconnect') }).check();
    await connect(page, `${app.wsOrigin}/drop`);
    await sendMessage(page, 'boom');
    await waitForRow(page, 'close', (t) => t.includes('1006'));
    await waitForRow(page, 'info', (t) => /Auto reconnect: attempt 1 in/.test(t));
    await expect.poll(async () => (await page.getByRole('status', { name: exactName('Reconnect countdown') }).count())).toBe(1);
    await waitForState(page, 'OPEN', 5000);
    await waitForRow(page, 'info', (t) => t === 'Auto reconnect: attempt 1' || t.endsWith('Auto reconnect: attempt 1'));
    await page.close();
  });

  it('never reconnects after the user disconnects', async () => {
    const page = await app.newPage();
    await openSection(page, 'Staying connected');
    await page.getByRole('checkbox', { name: exactName('Auto reconnect') }).check();
    await connect(page, `${app.wsOrigin}/echo`);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await page.waitForTimeout(1600);
    expect(await stateStatus(page).textContent()).toContain('CLOSED');
    expect((await rowTexts(page, 'info')).some((t) => t.includes('Auto reconnect: attempt'))).toBe(false);
    await page.close();
  });

  it('sends the heartbeat on schedule while open, logged as sent, and stops on close', async () => {
    const page = await app.newPage();
    await openSection(page, 'Staying connected');
    await page.getByRole('textbox', { name: exactName('Heartbeat message') }).fill('{"type":"ping"}');
    await page.getByRole('textbox', { name: exactName('Heartbeat interval') }).fill('0.3');
    await connect(page, `${app.wsOrigin}/echo`);
    // The echo server sends each heartbeat back: it arrived there.
    await waitForCount(page, 'Received', 3, 5000);
    expect(await counter(page, 'Sent')).toBeGreaterThanOrEqual(3);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    const sent = await counter(page, 'Sent');
    await page.waitForTimeout(800);
    expect(await counter(page, 'Sent')).toBe(sent);
    await page.close();
  });

  it('repeat 1,000 x 0 ms gives Sent = 1,000 and Received = 1,000', async () => {
    const page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await page.getByRole('textbox', { name: exactName('Repeat count') }).fill('1000');
    await page.getByRole('textbox', { name: exactName('Repeat interval') }).fill('0');
    await messageBox(page).fill('again and again');
    await button(page, 'Send').click();
    await waitForCount(page, 'Sent', 1000, 20_000);
    await waitForCount(page, 'Received', 1000, 20_000);
    // The log has 2,000 messages: filter to find the closing note among them.
    await page.getByRole('searchbox', { name: exactName('Filter') }).fill('Repeat finished');
    await waitForRow(page, 'info', (t) => t.includes('Repeat finished: sent 1000 of 1000'));
    await page.close();
  });

  it('refuses a repeat count that is not a whole number, sending nothing', async () => {
    const page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await page.getByRole('textbox', { name: exactName('Repeat count') }).fill('-3');
    await messageBox(page).fill('x');
    await button(page, 'Send').click();
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ')).toMatch(/Repeat count must be a whole number/);
    expect(await counter(page, 'Sent')).toBe(0);
    await page.close();
  });
});
