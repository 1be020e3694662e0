/**
 * The protocol verbs in real Chromium: Socket.IO namespaces and auth, GraphQL operation name and
 * connection payload, STOMP subscriptions, headers and acks, against Local Echo's real servers;
 * and the Simulator speaking Socket.IO and GraphQL.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { runAxe } from './axe';
import { alerts, button, connect, exactName, messageBox, messagesLog, presetBox, rowTexts, waitForRow, waitForState, watchSockets } from './helpers';

const app = useApp();
let page: Page;

const protocolBox = (p: Page) => p.getByRole('combobox', { name: exactName('Protocol') });
const textbox = (p: Page, name: string) => p.getByRole('textbox', { name: exactName(name) });

describe('protocol verbs against Local Echo', () => {
  it('Socket.IO: emits go to the Namespace typed, joined first with its Auth; a refused namespace is named', async () => {
    page = await app.newPage();
    const url = `${app.wsOrigin}/socket.io/?EIO=4&transport=websocket&tick=0`;
    await page.getByRole('textbox', { name: exactName('URL') }).fill(url);
    // Before Connect, the namespace the greeting joins is there to set.
    await textbox(page, 'Namespace').fill('/chat');
    expect(await runAxe(page)).toEqual([]);
    await connect(page, url);
    await waitForRow(page, 'info', (t) => t.includes('joined namespace /chat'));
    await textbox(page, 'Event').fill('hi');
    await textbox(page, 'Arguments').fill('[1, "two"]');
    await button(page, 'Emit').click();
    await waitForRow(page, 'sent', (t) => t.includes('event "hi" /chat #1 [1,"two"]'));
    await waitForRow(page, 'received', (t) => t.includes('ack /chat #1 [1,"two"]'));
    await waitForRow(page, 'info', (t) => /ack #1 for "hi" after \d+ ms \(round trip\): \[1,"two"\]/.test(t));
    // /private wants auth.token: without it, CONNECT_ERROR, named, and the emit is not sent.
    await textbox(page, 'Namespace').fill('/private');
    await button(page, 'Emit').click();
    const refusal = await waitForRow(page, 'error', (t) => t.includes('CONNECT_ERROR'));
    expect(refusal).toContain('the server refused namespace /private: not authorized');
    expect(refusal).toContain('not sent: "hi"');
    await textbox(page, 'Auth').fill('{"token": "let-me-in"}');
    await button(page, 'Emit').click();
    await waitForRow(page, 'info', (t) => t.includes('joined namespace /private'));
    await waitForRow(page, 'received', (t) => t.includes('ack /private #2 [1,"two"]'));
    // Auth that is not a JSON object is refused, nothing sent.
    await textbox(page, 'Namespace').fill('/other');
    await textbox(page, 'Auth').fill('[1]');
    const sentBefore = (await rowTexts(page, 'sent')).length;
    await button(page, 'Emit').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual([expect.stringMatching(/^Auth: must be a JSON object/)]);
    expect((await rowTexts(page, 'sent')).length).toBe(sentBefore);
    expect(app.pageErrors).toEqual([]);
  });

  it('GraphQL: the Connection payload set before Connect reaches the server, and Operation name picks the operation', async () => {
    page = await app.newPage();
    await protocolBox(page).selectOption({ label: 'GraphQL' });
    await textbox(page, 'Connection payload').fill('{"authToken": "t0k"}');
    await connect(page, `${app.wsOrigin}/graphql`, 'graphql-transport-ws');
    await expect.poll(async () => (await messagesLog(page).locator('[data-housekeeping="true"]').allInnerTexts()).join('\n')).toContain('connection_init {"authToken":"t0k"}');
    await textbox(page, 'Query').fill('query A { hello } query B { connectionParams operationName }');
    await textbox(page, 'Operation name').fill('B');
    expect(await runAxe(page)).toEqual([]);
    await button(page, 'Subscribe').click();
    await waitForRow(page, 'sent', (t) => t.includes('"operationName":"B"'));
    const result = await waitForRow(page, 'received', (t) => t.includes('next #1'));
    expect(result).toContain('"operationName":"B"');
    expect(result).toContain('"connectionParams":"{\\"authToken\\":\\"t0k\\"}"');
    // A Connection payload that is not JSON stops the next Connect with an alert.
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await textbox(page, 'Connection payload').fill('{nope');
    await button(page, 'Connect').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual([expect.stringMatching(/^Connection payload: /)]);
    await waitForState(page, 'CLOSED');
  });

  it('STOMP: subscribe with an ack mode, send with headers, Ack and Nack (redelivered), then unsubscribe', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/stomp`, 'v12.stomp');
    await textbox(page, 'Destination').fill('/queue/work');
    await page.getByRole('combobox', { name: exactName('Ack mode') }).selectOption('client-individual');
    await button(page, 'Subscribe destination').click();
    await button(page, 'Unsubscribe sub-0').waitFor();
    await textbox(page, 'STOMP headers').fill('priority: 9\nx-trace: abc');
    await messageBox(page).fill('job 1');
    await button(page, 'Send frame').click();
    await waitForRow(page, 'received', (t) => t.includes('MESSAGE /queue/work job 1'));
    expect(sockets.framesSent.filter((f) => typeof f === 'string' && f.startsWith('SEND'))).toEqual(['SEND\ndestination:/queue/work\ncontent-type:text/plain\npriority:9\nx-trace:abc\n\njob 1\u0000']);
    // The headers travelled with the message: its Decoded view shows them.
    await messagesLog(page).locator('[data-kind="received"]', { hasText: 'MESSAGE /queue/work' }).first().click();
    const details = page.getByRole('region', { name: exactName('Message details') });
    await expect.poll(() => details.getByRole('tabpanel').innerText()).toContain('x-trace');
    await expect.poll(() => page.getByText(/Next to ack: message 1 on \/queue\/work/).count()).toBe(1);
    // The STOMP verbs at their fullest (a subscription, a message waiting for its ack) pass axe.
    expect(await runAxe(page)).toEqual([]);
    await button(page, 'Nack').click();
    await waitForRow(page, 'sent', (t) => t.includes('NACK'));
    await waitForRow(page, 'info', (t) => t.includes('confirmed NACK of message 1'));
    // The server delivers a NACKed message again; it waits for its own ack.
    await expect.poll(async () => (await rowTexts(page, 'received')).filter((t) => t.includes('MESSAGE /queue/work job 1')).length).toBe(2);
    await expect.poll(() => page.getByText(/Next to ack: message 2 on \/queue\/work/).count()).toBe(1);
    await button(page, 'Ack').click();
    await waitForRow(page, 'info', (t) => t.includes('confirmed ACK of message 2 (RECEIPT'));
    await expect.poll(() => button(page, 'Ack').count()).toBe(0);
    // A header line without a colon is refused, nothing sent.
    await textbox(page, 'STOMP headers').fill('priority 9');
    await button(page, 'Send frame').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual(['STOMP headers, line 1: write name: value ("priority 9" has no colon)']);
    await textbox(page, 'STOMP headers').fill('');
    await button(page, 'Unsubscribe sub-0').click();
    await waitForRow(page, 'sent', (t) => t.includes('UNSUBSCRIBE'));
    await expect.poll(() => button(page, 'Unsubscribe sub-0').count()).toBe(0);
    const before = (await rowTexts(page, 'received')).length;
    await button(page, 'Send frame').click();
    await waitForRow(page, 'sent', (t) => t.includes('SEND /queue/work job 1'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await rowTexts(page, 'received')).length).toBe(before);
  });
});

describe('the Simulator speaking protocols', () => {
  it('Socket.IO: with Protocol Socket.IO it greets, echoes an emit and acks it', async () => {
    page = await app.newPage();
    await presetBox(page).selectOption({ label: 'Simulator' });
    await protocolBox(page).selectOption({ label: 'Socket.IO' });
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await waitForRow(page, 'info', (t) => t.includes('joined namespace /'));
    await textbox(page, 'Event').fill('chat');
    await textbox(page, 'Arguments').fill('["hello"]');
    await button(page, 'Emit').click();
    await waitForRow(page, 'received', (t) => t.includes('event "chat" ["hello"]'));
    await waitForRow(page, 'info', (t) => /ack #1 for "chat" after \d+ ms \(round trip\): \["hello"\]/.test(t));
    await waitForRow(page, 'received', (t) => t.includes('event "tick"'));
    expect(app.pageErrors).toEqual([]);
  });

  it('GraphQL: with Protocol GraphQL a subscription yields three values, then completes', async () => {
    page = await app.newPage();
    await presetBox(page).selectOption({ label: 'Simulator' });
    await protocolBox(page).selectOption({ label: 'GraphQL' });
    await button(page, 'Connect').click();
    await waitForState(page, 'OPEN');
    await expect.poll(async () => (await messagesLog(page).locator('[data-housekeeping="true"]').allInnerTexts()).join('\n')).toMatch(/connection_init[\s\S]*connection_ack/);
    await textbox(page, 'Query').fill('subscription { count(to: 3) }');
    await button(page, 'Subscribe').click();
    for (const n of [1, 2, 3]) await waitForRow(page, 'received', (t) => t.includes(`next #1 {"data":{"count":${n}}}`));
    await waitForRow(page, 'received', (t) => t.includes('complete #1'));
    await expect.poll(() => button(page, 'Complete 1').count()).toBe(0);
    await textbox(page, 'Query').fill('{ nope }');
    await button(page, 'Subscribe').click();
    expect(await waitForRow(page, 'received', (t) => t.includes('error #2'))).toContain('nope');
  });
});

describe('the verbs at 1024x640', () => {
  it('with Socket.IO and GraphQL running, the bar keeps one line and Send stays in view', async () => {
    page = await app.newPage();
    await page.setViewportSize({ width: 1024, height: 640 });
    const check = async (what: string) => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      // One line: every control of the bar shares the first control's row.
      const boxes = await page.locator('.endpoint__row > *').evaluateAll((els) => els.map((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom })));
      expect(Math.max(...boxes.map((b) => b.top)), `${what}: the bar's controls ${JSON.stringify(boxes)}`).toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
      const send = await button(page, 'Send').evaluate((el) => el.getBoundingClientRect().bottom);
      expect(send, `${what}: Send ends at ${send}`).toBeLessThanOrEqual(640);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    };
    await connect(page, `${app.wsOrigin}/socket.io/?EIO=4&transport=websocket`);
    await textbox(page, 'Event').waitFor();
    await check('Socket.IO');
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');
    await protocolBox(page).selectOption({ label: 'GraphQL' });
    await connect(page, `${app.wsOrigin}/graphql`, 'graphql-transport-ws');
    await textbox(page, 'Query').waitFor();
    await check('GraphQL');
  });
});
