/** Closing flows: client close with code and reason, server close, dropped and refused connections. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import {
  alerts, button, closeCodeBox, closeReasonBox, connect, counter, rows, sendMessage, subprotocolsBox, urlBox,
  waitForAlert, waitForCount, waitForRow, waitForState, watchSockets,
} from './helpers';

const app = useApp();
let page: Page;

/** A TCP port with nothing listening on it: listen on a free port, then close. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

/** Proves the connection is still usable: an echo comes back. */
async function expectStillOpen(page: Page, echoes: number): Promise<void> {
  await waitForState(page, 'OPEN');
  await sendMessage(page, 'still open?');
  await waitForCount(page, 'Received', echoes);
  await waitForState(page, 'OPEN');
  expect(await rows(page, 'close').count()).toBe(0);
}

describe('client close', () => {
  it('Disconnect with code 4000 and a reason: the close entry shows 4000, Private use, the reason and clean', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/echo`);
    await closeCodeBox(page).fill('4000');
    await closeReasonBox(page).fill('done testing');
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', (t) => t.includes('4000'));
    expect(close.toLowerCase()).toContain('private');
    expect(close).toContain('done testing');
    expect(close).toMatch(/clean/i);
    expect(close).not.toMatch(/not clean/i);
    await button(page, 'Connect').waitFor();
    // The browser's socket really closed.
    await expect.poll(() => sockets.sockets[0]?.isClosed() ?? false).toBe(true);
  });

  it('Disconnect with no code closes cleanly (1005, no status)', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', () => true);
    expect(close).toContain('1005');
    expect(close).not.toMatch(/not clean/i);
  });

  it('refuses close code 1001 with an alert and stays OPEN', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await closeCodeBox(page).fill('1001');
    await button(page, 'Disconnect').click();
    const alert = await waitForAlert(page);
    expect(alert).toContain('1001');
    await expectStillOpen(page, 1);
    expect(await closeCodeBox(page).inputValue()).toBe('1001');
  });

  it('refuses a 124-byte close reason with an alert and stays OPEN', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await closeCodeBox(page).fill('1000');
    // 62 two-byte characters: short in characters, 124 bytes in UTF-8.
    const reason = 'é'.repeat(62);
    await closeReasonBox(page).fill(reason);
    await button(page, 'Disconnect').click();
    const alert = await waitForAlert(page);
    expect(alert).toMatch(/124/);
    await expectStillOpen(page, 1);
    // 123 bytes is accepted.
    await closeReasonBox(page).fill('a'.repeat(123));
    await expect.poll(() => alerts(page).count()).toBe(0);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', () => true);
    expect(close).toContain('1000');
    expect(close).toContain('a'.repeat(123));
  });
});

describe('server close', () => {
  it('server-initiated close via /close?code=4001&reason=bye', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/close?code=4001&reason=bye`);
    await sendMessage(page, 'please close');
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', (t) => t.includes('4001'));
    expect(close).toContain('bye');
    expect(close).not.toMatch(/not clean/i);
  });

  it('a dropped connection (/drop) gives 1006 Abnormal Closure with an explanation, not clean', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/drop`);
    await sendMessage(page, 'drop me');
    await waitForState(page, 'CLOSED');
    const row = rows(page, 'close').last();
    await row.waitFor();
    const close = (await row.textContent()) ?? '';
    expect(close).toContain('1006');
    expect(close).toContain('Abnormal Closure');
    expect(close).toMatch(/not clean/i);
    // The explanation is shown (in the row, and as its title).
    const title = (await row.getAttribute('title')) ?? '';
    expect(`${close} ${title}`).toMatch(/without a close frame/i);
  });
});

describe('refused connection', () => {
  it('a port with nothing listening gives an error entry and close 1006, state CLOSED', async () => {
    page = await app.newPage();
    const port = await freePort();
    await urlBox(page).fill(`ws://127.0.0.1:${port}/echo`);
    await subprotocolsBox(page).fill('');
    await button(page, 'Connect').click();
    const close = await waitForRow(page, 'close', (t) => t.includes('1006'));
    expect(close).toMatch(/not clean/i);
    await waitForState(page, 'CLOSED');
    expect(await rows(page, 'error').count()).toBeGreaterThanOrEqual(1);
    await button(page, 'Connect').waitFor();
    expect(await counter(page, 'Sent')).toBe(0);
  });
});

describe('the whole session', () => {
  it('made no request outside its own origin and threw no errors', () => {
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
