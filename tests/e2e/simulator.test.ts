/** The Simulator preset: an endpoint inside the page, no network. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import {
  button, counter, presetBox, rows, sendMessage, urlBox, waitForCount, waitForRow, waitForState, watchSockets,
} from './helpers';

const app = useApp();
let page: Page;

describe('Simulator preset', () => {
  it('fills URL, connects, echoes, pushes 500 on /push 500 and drops with 1006 on /drop, with no WebSocket', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await presetBox(page).selectOption({ label: 'Simulator' });
    const url = await urlBox(page).inputValue();
    expect(url).toMatch(/^simulator:/);
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');

    await sendMessage(page, 'hello simulator');
    await waitForCount(page, 'Received', 1);
    await waitForRow(page, 'received', (t) => t.includes('hello simulator'));

    const before = await counter(page, 'Received');
    await sendMessage(page, '/push 500');
    await waitForCount(page, 'Received', before + 500);
    // The log follows the newest entry: the last pushed message is in view.
    await waitForRow(page, 'received', (t) => t.includes('message 500 of 500'));

    await sendMessage(page, '/drop');
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', (t) => t.includes('1006'));
    expect(close).toContain('Abnormal Closure');
    expect(close).toMatch(/not clean/i);
    expect(await counter(page, 'Sent')).toBe(3);
    expect(sockets.sockets).toEqual([]);
  });

  it('Disconnect with code 4000 and a reason closes the Simulator cleanly', async () => {
    page = await app.newPage();
    await presetBox(page).selectOption({ label: 'Simulator' });
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await page.getByLabel(/^close code$/i).fill('4000');
    await page.getByLabel(/^close reason$/i).fill('sim done');
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', (t) => t.includes('4000'));
    expect(close.toLowerCase()).toContain('private');
    expect(close).toContain('sim done');
    expect(close).not.toMatch(/not clean/i);
    expect(await rows(page, 'error').count()).toBe(0);
  });
});

describe('the whole session', () => {
  it('made no request outside its own origin and threw no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
