/** Echo, server push and handshake negotiation against the bundled Local Echo server, in real Chromium. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import {
  connect, counter, rowTexts, rows, sendMessage, waitForCount, waitForRow, watchSockets, messageBox, alerts, waitForState,
} from './helpers';

const app = useApp();
let page: Page;

describe('echo against the bundled server', () => {
  it('echoes text: Sent 1, Received 1, sent and received rows show the text', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'hello, echo');
    await waitForCount(page, 'Received', 1);
    expect(await counter(page, 'Sent')).toBe(1);
    await waitForRow(page, 'sent', (t) => t.includes('hello, echo'));
    await waitForRow(page, 'received', (t) => t.includes('hello, echo'));
    // The body is kept after sending and no alert was raised.
    expect(await messageBox(page).inputValue()).toBe('hello, echo');
    expect(await alerts(page).count()).toBe(0);
  });

  it('echoes JSON as a text frame', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/echo`);
    const json = '{"type":"hello","n":[1,2,3]}';
    await sendMessage(page, json, 'JSON');
    await waitForCount(page, 'Received', 1);
    await waitForRow(page, 'received', (t) => t.includes(json));
    expect(sockets.framesReceived).toContain(json);
  });

  it('echoes hex as a binary frame and shows the hex de ad be ef', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'DE:AD:BE:EF', 'Hex');
    await waitForCount(page, 'Received', 1);
    const text = await waitForRow(page, 'received', (t) => t.includes('de ad be ef'));
    expect(text).toMatch(/binary/i);
    // What went over the wire, both ways, was one binary frame of those four bytes.
    const binarySent = sockets.framesSent.filter((f) => Buffer.isBuffer(f));
    const binaryReceived = sockets.framesReceived.filter((f) => Buffer.isBuffer(f));
    expect(binarySent.map((b) => b.toString('hex'))).toEqual(['deadbeef']);
    expect(binaryReceived.map((b) => b.toString('hex'))).toEqual(['deadbeef']);
    expect(sockets.framesReceived.filter((f) => typeof f === 'string')).toEqual([]);
  });

  it('echoes base64 as a binary frame', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, '3q2+7w==', 'Base64');
    await waitForCount(page, 'Received', 1);
    await waitForRow(page, 'received', (t) => t.includes('de ad be ef'));
    expect(sockets.framesReceived.map((f) => (Buffer.isBuffer(f) ? f.toString('hex') : f))).toEqual(['deadbeef']);
  });

  it('converts an http:// URL to ws:// as browsers do, and connects', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin.replace(/^ws/, 'http')}/echo`);
    expect(sockets.sockets.map((s) => s.url())).toEqual([`${app.wsOrigin}/echo`]);
    await sendMessage(page, 'via http');
    await waitForCount(page, 'Received', 1);
  });

  it('Ctrl+Enter in Message sends', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await messageBox(page).fill('via keyboard');
    await messageBox(page).press('Control+Enter');
    await waitForCount(page, 'Received', 1);
    expect(await counter(page, 'Sent')).toBe(1);
  });

  it('shows server pushes from /ticker over ~2 s', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/ticker`);
    // The ticker sends at once, then every second: at least 2 within ~2 s.
    await expect.poll(() => counter(page, 'Received'), { timeout: 3_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    const received = await rowTexts(page, 'received');
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const text of received) expect(text).toContain('tick');
    expect(await counter(page, 'Sent')).toBe(0);
  });
});

describe('handshake details', () => {
  it('negotiates the subprotocol chat with /proto when offered "json, chat"', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/proto`, 'json, chat');
    await page.getByText('chat', { exact: true }).first().waitFor({ state: 'visible' });
    // The page shows what the browser negotiated, not what was offered.
    expect(await page.evaluate(() => document.body.innerText)).toMatch(/\bchat\b/);
    expect(sockets.sockets).toHaveLength(1);
    await sendMessage(page, 'over chat');
    await waitForCount(page, 'Received', 1);
  });

  it('shows permessage-deflate for /echo', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await page.getByText(/permessage-deflate/).first().waitFor({ state: 'visible' });
  });

  it('shows no extension for /firehose (no compression there)', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/firehose?n=3&size=16`);
    await waitForCount(page, 'Received', 3);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/permessage-deflate/);
    await page.getByRole('button', { name: /^disconnect$/i }).click();
    await waitForState(page, 'CLOSED');
    expect(await rows(page, 'close').count()).toBe(1);
  });
});

describe('the whole session', () => {
  it('made no request outside its own origin and threw no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
