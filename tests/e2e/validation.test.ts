/** Input checks: bad URLs and subprotocols open nothing; bad message bodies send nothing; sending while CLOSED. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import {
  alerts, button, connect, counter, formatBox, messageBox, readyState, rows, sendMessage, subprotocolsBox, urlBox,
  waitForAlert, waitForState, watchSockets,
} from './helpers';

const app = useApp();
let page: Page;

describe('bad URLs', () => {
  const BAD_URLS = ['ftp://x', 'example.com', 'ws://exa mple.com', 'ws://host:70000', 'ws://host/#frag'];

  it.each(BAD_URLS)('%s: alert, stays CLOSED, URL kept, no WebSocket created', async (bad) => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await urlBox(page).fill(bad);
    await button(page, 'Connect').click();
    const alert = await waitForAlert(page);
    expect(alert.trim()).not.toBe('');
    expect(await readyState(page)).toBe('CLOSED');
    expect(await urlBox(page).inputValue()).toBe(bad);
    await button(page, 'Connect').waitFor();
    // A real connect to our own server afterwards proves the page was not stuck, and that the
    // watcher sees sockets: the bad URL created none.
    await connect(page, `${app.wsOrigin}/echo`);
    expect(sockets.sockets.map((s) => s.url())).toEqual([`${app.wsOrigin}/echo`]);
  });

  it('invalid subprotocols: alert, stays CLOSED, no WebSocket created', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await urlBox(page).fill(`${app.wsOrigin}/echo`);
    await subprotocolsBox(page).fill('chat, bad/token');
    await button(page, 'Connect').click();
    await waitForAlert(page);
    expect(await readyState(page)).toBe('CLOSED');
    expect(await subprotocolsBox(page).inputValue()).toBe('chat, bad/token');
    // Fixing the field clears the alert; the one socket then opened is the only one ever created.
    await subprotocolsBox(page).fill('chat');
    await expect.poll(() => alerts(page).count()).toBe(0);
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    expect(sockets.sockets.map((s) => s.url())).toEqual([`${app.wsOrigin}/echo`]);
  });
});

describe('bad message bodies', () => {
  const BAD_BODIES: [format: 'JSON' | 'Hex' | 'Base64', body: string, mentions: RegExp][] = [
    ['JSON', '{"a": 1,}', /line 1, column \d+/i],
    ['Hex', 'de ad zz ef', /position 7/i],
    ['Base64', 'ab$d', /position 3/i],
  ];

  it.each(BAD_BODIES)('invalid %s: alert naming the position, Sent stays 0, message kept, no frame sent', async (format, body, mentions) => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, body, format);
    const alert = await waitForAlert(page);
    expect(alert).toMatch(mentions);
    expect(await counter(page, 'Sent')).toBe(0);
    expect(await messageBox(page).inputValue()).toBe(body);
    expect(await formatBox(page).inputValue()).toBe(format.toLowerCase());
    expect(await rows(page, 'sent').count()).toBe(0);
    expect(sockets.framesSent).toEqual([]);
    await waitForState(page, 'OPEN');
    // Fixing the body clears the alert and sends.
    await messageBox(page).fill(format === 'JSON' ? '{"a": 1}' : format === 'Hex' ? 'de ad' : 'abcd');
    await expect.poll(() => alerts(page).count()).toBe(0);
    await button(page, 'Send').click();
    await expect.poll(() => counter(page, 'Sent')).toBe(1);
  });
});

describe('sending while CLOSED', () => {
  it('gives an alert and sends nothing', async () => {
    page = await app.newPage();
    await messageBox(page).fill('nobody listening');
    await button(page, 'Send').click();
    const alert = await waitForAlert(page);
    expect(alert).toMatch(/CLOSED/);
    expect(await counter(page, 'Sent')).toBe(0);
    expect(await messageBox(page).inputValue()).toBe('nobody listening');
  });

  it('gives an alert after the connection closed', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await sendMessage(page, 'too late');
    await waitForAlert(page);
    expect(await counter(page, 'Sent')).toBe(0);
  });
});

describe('the whole session', () => {
  it('made no request outside its own origin and threw no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
