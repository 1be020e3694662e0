/** Binary payloads in real Chromium against Local Echo: MessagePack and CBOR sent from the composer, Decode as in Message details, Protobuf with and without a .proto. */
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { alerts, button, connect, counter, exactName, formatBox, messageBox, rows, waitForCount, watchSockets } from './helpers';

const app = useApp();
let page: Page;

const details = (p: Page) => p.getByRole('region', { name: exactName('Message details') });
const decodeAs = (p: Page) => details(p).getByRole('combobox', { name: exactName('Decode as') });

const CHAT_PROTO = `syntax = "proto3";
package chat;
message Hello {
  int32 id = 1;
  string text = 2;
  repeated string tags = 3;
}
`;

/** Sends one multi-megabyte MessagePack payload to whoever connects. */
let bigServer: WebSocketServer;
let bigPort = 0;
const BIG_ITEMS = 120_000;
beforeAll(async () => {
  const big = msgpackEncode(Array.from({ length: BIG_ITEMS }, (_, i) => ({ id: i, name: `item${i}`, price: i * 1.5 })));
  bigServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => bigServer.once('listening', () => resolve()));
  bigPort = (bigServer.address() as { port: number }).port;
  bigServer.on('connection', (socket) => socket.send(big));
});
afterAll(() => new Promise<void>((resolve) => bigServer.close(() => resolve())));

describe('Binary payloads', () => {
  it('decodes a multi-megabyte MessagePack payload in a worker, saying so meanwhile, then shows the tree', async () => {
    page = await app.newPage();
    await connect(page, `ws://127.0.0.1:${bigPort}/`);
    await waitForCount(page, 'Received', 1);
    await rows(page, 'received').first().click();
    await details(page).waitFor();
    await decodeAs(page).selectOption({ label: 'MessagePack' });
    await details(page).getByRole('status').filter({ hasText: /^Decoding \d+(\.\d+)? MiB in the background…$/ }).waitFor();
    const tree = details(page).locator('.decode-as .json-tree');
    await tree.waitFor({ timeout: 20_000 });
    expect(await details(page).locator('.decode-as').textContent()).toContain('Decoded as MessagePack.');
    expect(await tree.textContent()).toContain('(119,900 not shown)');
    // Switching to CBOR decodes again (in a worker too) and names the failure with its offset.
    await decodeAs(page).selectOption({ label: 'CBOR' });
    const error = details(page).getByRole('alert');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.textContent()).toMatch(/^Not valid CBOR\. At byte \d+: /);
    expect(app.pageErrors).toEqual([]);
  });

  it('sends typed JSON as MessagePack and shows the echo decoded as MessagePack in the tree', async () => {
    page = await app.newPage();
    const watch = watchSockets(page);
    await connect(page, `${app.wsOrigin}/echo`);
    await formatBox(page).selectOption({ label: 'MessagePack' });
    await messageBox(page).fill('{"type": "hello", "n": [1, 2.5], "evil": "a\\u202Eb"}');
    await button(page, 'Send').click();
    await waitForCount(page, 'Received', 1);
    // What went over the wire is the MessagePack encoding, in a binary frame.
    await expect.poll(() => watch.framesSent.length).toBe(1);
    expect(Buffer.isBuffer(watch.framesSent[0])).toBe(true);
    expect(Buffer.from(watch.framesSent[0] as Buffer)).toEqual(Buffer.from(msgpackEncode({ type: 'hello', n: [1, 2.5], evil: 'a\u202Eb' })));

    await rows(page, 'received').first().click();
    await details(page).waitFor();
    expect(await decodeAs(page).locator('option').allTextContents()).toEqual(['Hex', 'MessagePack', 'CBOR', 'Protobuf']);
    await decodeAs(page).selectOption({ label: 'MessagePack' });
    const tree = details(page).locator('.decode-as .json-tree');
    await tree.waitFor();
    expect(await tree.locator('.json-string').allTextContents()).toEqual(['"hello"', '"a⟨U+202E⟩b"']);
    expect(await tree.locator('.json-number').allTextContents()).toEqual(['1', '2.5']);
    // The same bytes are not CBOR: said with the byte offset.
    await decodeAs(page).selectOption({ label: 'CBOR' });
    const error = details(page).getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Not valid CBOR\. At byte \d+: /);
    expect(app.pageErrors).toEqual([]);
  });

  it('invalid JSON in MessagePack format gets an alert naming the position and nothing is sent', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await formatBox(page).selectOption({ label: 'CBOR' });
    await messageBox(page).fill('{"a": 1,}');
    await button(page, 'Send').click();
    await expect.poll(() => alerts(page).count()).toBe(1);
    expect(await alerts(page).textContent()).toMatch(/Invalid JSON at line 1, column 9/);
    await page.waitForTimeout(200);
    expect(await counter(page, 'Sent')).toBe(0);
    expect(await messageBox(page).inputValue()).toBe('{"a": 1,}');
  });

  it('decodes a Protobuf payload raw without a schema, then with a loaded .proto; sends Protobuf; a malformed one shows the offset', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    // chat.Hello { id: 150, text: "hi", tags: ["a", "b"] } as hex
    await formatBox(page).selectOption({ label: 'Hex' });
    await messageBox(page).fill('08 96 01 12 02 68 69 1a 01 61 1a 01 62');
    await button(page, 'Send').click();
    await waitForCount(page, 'Received', 1);
    await rows(page, 'received').first().click();
    await details(page).waitFor();
    await decodeAs(page).selectOption({ label: 'Protobuf' });
    await details(page).getByText('Decoded as Protobuf (raw field numbers).').waitFor();
    const tree = details(page).locator('.decode-as .json-tree');
    expect(await tree.locator('.json-number').allTextContents()).toContain('150');
    expect(await tree.locator('.json-string').allTextContents()).toEqual(expect.arrayContaining(['"varint"', '"len"', '"hi"', '"a"', '"b"']));

    await details(page).locator('input[type="file"]').setInputFiles({ name: 'chat.proto', mimeType: 'text/plain', buffer: Buffer.from(CHAT_PROTO) });
    const type = details(page).getByRole('combobox', { name: exactName('Message type') });
    await expect.poll(() => type.inputValue()).toBe('chat.Hello');
    await details(page).getByText('Decoded as chat.Hello.').waitFor();
    expect(await tree.textContent()).toContain('"text": "hi"');
    expect(await tree.textContent()).toContain('"id": 150');

    // Send with the Protobuf format and the chosen Message type: the echo decodes the same.
    await formatBox(page).selectOption({ label: 'Protobuf' });
    await messageBox(page).fill('{"id": 7, "text": "yo", "tags": ["z"]}');
    await button(page, 'Send').click();
    await waitForCount(page, 'Received', 2);
    await rows(page, 'received').nth(1).click();
    await decodeAs(page).selectOption({ label: 'Protobuf' });
    await details(page).getByText('Decoded as chat.Hello.').waitFor();
    expect(await tree.textContent()).toContain('"text": "yo"');

    // A malformed payload: the length says 5 bytes follow but one does.
    await formatBox(page).selectOption({ label: 'Hex' });
    await messageBox(page).fill('08 01 12 05 61');
    await button(page, 'Send').click();
    await waitForCount(page, 'Received', 3);
    await rows(page, 'received').nth(2).click();
    await decodeAs(page).selectOption({ label: 'Protobuf' });
    const error = details(page).getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Not valid chat\.Hello\. At byte 2: /);
    await type.selectOption({ label: 'Raw field numbers (no schema)' });
    expect(await error.textContent()).toBe('Not valid Protobuf (raw field numbers). At byte 2: field 2 says 5 bytes follow but only 1 do');
    expect(app.pageErrors).toEqual([]);
  });
});
