import { readFile } from 'node:fs/promises';
/** Protocol sessions in real Chromium against Local Echo's real protocol servers (socket.io, graphql-ws). */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { alerts, button, connect, exactName, messageBox, messagesLog, rowTexts, sendMessage, waitForRow, watchSockets } from './helpers';

const app = useApp();
let page: Page;

const protocolBox = (p: Page) => p.getByRole('combobox', { name: exactName('Protocol') });
const textbox = (p: Page, name: string) => p.getByRole('textbox', { name: exactName(name) });

/** Texts of the dimmed housekeeping rows. */
async function housekeepingTexts(p: Page): Promise<string[]> {
  return messagesLog(p).locator('[data-housekeeping="true"]').allInnerTexts();
}

describe('protocol sessions against Local Echo', () => {
  it('Socket.IO: Auto picks it from the URL, does the handshake, an emit gets its ack with the round trip, and the server ticks', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/socket.io/?EIO=4&transport=websocket`);
    await expect.poll(() => page.getByTestId('protocol-picked').innerText()).toContain('Socket.IO');
    // The Engine.IO open, our namespace connect and the server's CONNECT are housekeeping, dimmed.
    await expect.poll(async () => (await housekeepingTexts(page)).join('\n')).toMatch(/Engine\.IO open[\s\S]*connect \//);
    await textbox(page, 'Event').fill('chat');
    await textbox(page, 'Arguments').fill('[{"msg":"hi"}, 2]');
    await page.getByRole('checkbox', { name: exactName('Expect ack') }).check();
    await button(page, 'Emit').click();
    await waitForRow(page, 'sent', (t) => t.includes('event "chat" #1 [{"msg":"hi"},2]'));
    // The server echoes the event back, and acks it with the same arguments.
    await waitForRow(page, 'received', (t) => t.includes('event "chat" [{"msg":"hi"},2]'));
    await waitForRow(page, 'received', (t) => t.includes('ack #1 [{"msg":"hi"},2]'));
    const ackNote = await waitForRow(page, 'info', (t) => /ack #1 for "chat" after \d+ ms \(round trip\)/.test(t));
    expect(ackNote).toContain('[{"msg":"hi"},2]');
    await waitForRow(page, 'received', (t) => t.includes('event "tick"'));
    // Arguments that are not a JSON array are refused with an alert, nothing sent.
    await textbox(page, 'Arguments').fill('{"not": "an array"}');
    const sentBefore = (await rowTexts(page, 'sent')).length;
    await button(page, 'Emit').click();
    await expect.poll(() => alerts(page).allInnerTexts()).toEqual([expect.stringMatching(/Arguments: must be a JSON array/)]);
    expect((await rowTexts(page, 'sent')).length).toBe(sentBefore);
    // Show events off hides the housekeeping frames with the other events.
    await page.getByRole('checkbox', { name: exactName('Show events') }).uncheck();
    await expect.poll(() => housekeepingTexts(page)).toEqual([]);
    await page.getByRole('checkbox', { name: exactName('Show events') }).check();
    // Details: the Decoded tab shows the tree; the raw frame is in Text.
    await messagesLog(page).locator('[data-kind="received"]', { hasText: 'event "chat"' }).first().click();
    const details = page.getByRole('region', { name: exactName('Message details') });
    await expect.poll(() => details.getByRole('tab', { name: exactName('Decoded') }).getAttribute('aria-selected')).toBe('true');
    expect(await details.getByRole('tabpanel').innerText()).toContain('EVENT');
    await details.getByRole('tab', { name: exactName('Text') }).click();
    expect(await details.getByRole('tabpanel').innerText()).toContain('42["chat",{"msg":"hi"},2]');
    // Filter matches the decoded text.
    await page.getByRole('searchbox', { name: exactName('Filter') }).fill('ack #1 [');
    await expect.poll(() => rowTexts(page, 'received')).toEqual([expect.stringContaining('ack #1')]);
  });

  it('GraphQL: Auto picks it from graphql-transport-ws, a subscription yields three values then completes, and an invalid query gets an error', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/graphql`, 'graphql-transport-ws');
    await expect.poll(() => page.getByTestId('protocol-picked').innerText()).toContain('GraphQL');
    await expect.poll(async () => (await housekeepingTexts(page)).join('\n')).toMatch(/connection_init[\s\S]*connection_ack/);
    await textbox(page, 'Query').fill('subscription Count($to: Int) { count(to: $to) }');
    await textbox(page, 'Variables').fill('{"to": 3}');
    await button(page, 'Subscribe').click();
    for (const n of [1, 2, 3]) await waitForRow(page, 'received', (t) => t.includes(`next #1 {"data":{"count":${n}}}`));
    await waitForRow(page, 'received', (t) => t.includes('complete #1'));
    await expect.poll(() => button(page, 'Complete 1').count()).toBe(0);
    await textbox(page, 'Query').fill('{ nope }');
    await textbox(page, 'Variables').fill('');
    await button(page, 'Subscribe').click();
    const error = await waitForRow(page, 'received', (t) => t.includes('error #2'));
    expect(error).toContain('nope');
    // Export names the protocol in the header; importing the file decodes the same way.
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export log').click()]);
    const path = await download.path();
    expect(JSON.parse((await readFile(path, 'utf8')).split('\n')[0]!)).toMatchObject({ sessionProtocol: 'graphql', subprotocol: 'graphql-transport-ws' });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Import log').click()]);
    await chooser.setFiles(path);
    await page.getByRole('region', { name: exactName('Imported log') }).waitFor();
    await waitForRow(page, 'received', (t) => t.includes('next #1 {"data":{"count":3}}'));
    await button(page, 'Back to live connection').click();
    await expect.poll(() => button(page, 'Disconnect').count()).toBe(1);
    // A long subscription can be completed from its button.
    await textbox(page, 'Query').fill('subscription { count(to: 100) }');
    await button(page, 'Subscribe').click();
    await button(page, 'Complete 3').click();
    await waitForRow(page, 'sent', (t) => t.includes('complete #3'));
  });

  it('STOMP: Auto picks it from v12.stomp, CONNECT is done for the user, subscribe then send arrives as MESSAGE with the NUL handled', async () => {
    page = await app.newPage();
    const sockets = watchSockets(page);
    await connect(page, `${app.wsOrigin}/stomp`, 'v12.stomp');
    await expect.poll(() => page.getByTestId('protocol-picked').innerText()).toContain('STOMP');
    await expect.poll(async () => (await housekeepingTexts(page)).join('\n')).toMatch(/CONNECT[\s\S]*CONNECTED/);
    await textbox(page, 'Destination').fill('/topic/chat');
    await button(page, 'Subscribe destination').click();
    await messageBox(page).fill('hello stomp');
    await button(page, 'Send frame').click();
    const row = await waitForRow(page, 'received', (t) => t.includes('MESSAGE /topic/chat'));
    expect(row).toContain('hello stomp');
    // On the wire, the SEND frame ended with its NUL byte; the row shows no marker for it.
    expect(sockets.framesSent.filter((f) => typeof f === 'string' && f.startsWith('SEND'))).toEqual(['SEND\ndestination:/topic/chat\ncontent-type:text/plain\n\nhello stomp\u0000']);
    expect(row).not.toContain('U+0000');
  });

  it('SignalR: chosen in Protocol, the handshake is done for the user, and an invocation completes with its round trip', async () => {
    page = await app.newPage();
    await protocolBox(page).selectOption({ label: 'SignalR' });
    await connect(page, `${app.wsOrigin}/signalr`);
    await expect.poll(async () => (await housekeepingTexts(page)).join('\n')).toMatch(/handshake request json v1[\s\S]*handshake accepted/);
    await textbox(page, 'Target').fill('add');
    await textbox(page, 'Arguments').fill('[2, 3]');
    await button(page, 'Invoke').click();
    await waitForRow(page, 'sent', (t) => t.includes('Invocation add #1 [2,3]'));
    await waitForRow(page, 'received', (t) => t.includes('Completion #1 5'));
    await waitForRow(page, 'info', (t) => /add #1 completed after \d+ ms \(round trip\): result 5/.test(t));
    await textbox(page, 'Target').fill('nope');
    await button(page, 'Invoke').click();
    await waitForRow(page, 'received', (t) => t.includes("Completion #2 error \"Unknown hub method 'nope'\""));
  });

  it('a frame that does not parse as the chosen protocol is shown raw with the error, and the session goes on', async () => {
    page = await app.newPage();
    await protocolBox(page).selectOption({ label: 'GraphQL' });
    await connect(page, `${app.wsOrigin}/echo`);
    await expect.poll(() => page.getByTestId('protocol-picked').innerText()).toBe('GraphQL');
    await sendMessage(page, 'plainly not json');
    const row = await waitForRow(page, 'received', (t) => t.includes('plainly not json'));
    expect(row).toMatch(/Not GraphQL over WebSocket/);
    await sendMessage(page, '{"type":"ping"}');
    // The echoed ping is answered with a pong: the session went on.
    await waitForRow(page, 'sent', (t) => t.includes('pong'));
    expect(app.pageErrors).toEqual([]);
  });
});
