/**
 * The main end-to-end flows in Firefox ESR, driven over WebDriver BiDi (puppeteer-core), against the
 * built app and its Local Echo served by serve.js under /app/. One browser for the whole file.
 * Controls are found by role and accessible name (firefoxHarness.ts), as UI-CONTRACT.md names them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { WebSocketServer } from 'ws';
import { startServer } from '../../server/serve.js';
import { runAxe, seriousOnly } from './axe';
import { aria, FIREFOX_SOCKET_MESSAGES, firefoxUi, launchFirefox, logRows, refusedPort, type FirefoxUi } from './firefoxHarness';

let browser: Browser;
let page: Page;
let ui: FirefoxUi;
let server: Awaited<ReturnType<typeof startServer>>;
/** A server that accepts every handshake but never picks a subprotocol. */
let deaf: WebSocketServer;
let wsOrigin = '';
const pageErrors: string[] = [];
/** What Firefox wrote about failed sockets, to check that the app quotes it right. */
const firefoxSocketMessages: string[] = [];
const foreignRequests: string[] = [];
/** Requests outside the app's folder: WebSocket handshakes. */
const handshakes: string[] = [];

beforeAll(async () => {
  server = await startServer({ root: inject('distDir'), base: '/app/' });
  wsOrigin = server.origin.replace(/^http/, 'ws');
  deaf = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
  await new Promise<void>((ok) => deaf.once('listening', () => ok()));
  deaf.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  browser = await launchFirefox();
  page = await browser.newPage();
  ui = firefoxUi(page);
  page.on('pageerror', (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (FIREFOX_SOCKET_MESSAGES.some((known) => known.test(message))) firefoxSocketMessages.push(message);
    else pageErrors.push(message);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('request', (request) => {
    // The sockets' handshakes show up as requests too: anything on this machine is ours.
    const url = request.url();
    if (url.startsWith('data:')) return;
    if (new URL(url).hostname !== '127.0.0.1') foreignRequests.push(url);
    else if (!new URL(url).pathname.startsWith('/app/')) handshakes.push(url);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (deaf ? deaf.close(() => ok()) : ok()));
  await server?.close();
});

beforeEach(async () => {
  // A fresh page state for each flow: the same URL again, as a returning user opens it.
  await page.goto(server.url, { waitUntil: 'load' });
  await ui.control('textbox', 'URL');
});

describe('Firefox ESR', () => {
  it('exposes the contract’s roles and names in Firefox’s accessibility tree', async () => {
    expect(await browser.version()).toMatch(/^firefox\//i);
    const controls: [string, string][] = [
      ['URL', 'textbox'], ['Preset', 'combobox'], ['Subprotocols', 'textbox'], ['Connect', 'button'], ['Connection state', 'status'],
      ['Message', 'textbox'], ['Format', 'combobox'], ['Send', 'button'], ['Messages', 'log'], ['Filter', 'searchbox'],
      ['Sent', 'status'], ['Received', 'status'], ['Close code', 'textbox'], ['Close reason', 'textbox'],
    ];
    const found = await Promise.all(controls.map(async ([name, role]) => ((await page.$$(aria(name, role))).length === 1 ? '' : `${role} ${name}`)));
    expect(found.filter(Boolean)).toEqual([]);
  });

  it('runs the app in Firefox, connects to Local Echo and shows the negotiated extension', async () => {
    await ui.select('Preset', 'Local Echo');
    expect(await ui.valueOf('textbox', 'URL')).toBe(`${wsOrigin}/echo`);
    await ui.click('Connect');
    await ui.waitForState('OPEN');
    expect(await page.evaluate(() => document.body.innerText)).toContain('permessage-deflate');
    await ui.waitForRow('info', (t) => t.includes('Handshake took') && t.includes('extensions: permessage-deflate'));
  });

  it('sends text and JSON and receives the echoes, counting both ways', async () => {
    await ui.connect(`${wsOrigin}/echo`);
    await ui.send('hello firefox');
    await ui.waitForRow('received', (t) => t.includes('hello firefox'));
    await ui.send('{"a":[1,2],"ok":true}', 'json');
    await ui.waitForRow('received', (t) => t.includes('"ok":true'));
    await expect.poll(() => ui.count('Received')).toBe(2);
    expect(await ui.count('Sent')).toBe(2);
  });

  it('refuses invalid JSON with an alert and sends nothing', async () => {
    await ui.connect(`${wsOrigin}/echo`);
    await ui.send('{"a":', 'json');
    await expect.poll(() => page.$$eval('[role="alert"]', (els) => els.map((el) => el.textContent).join(' '))).toMatch(/JSON/);
    expect(await ui.count('Sent')).toBe(0);
    expect(await ui.valueOf('textbox', 'Message')).toBe('{"a":');
  });

  it('sends hex and base64 as binary frames and shows the echoed bytes as hex', async () => {
    await ui.connect(`${wsOrigin}/echo`);
    await ui.send('de ad be ef', 'hex');
    await ui.waitForRow('received', (t) => /de ad be ef/i.test(t) && t.includes('4 B'));
    await ui.send('AAEC/w==', 'base64');
    await ui.waitForRow('received', (t) => /00 01 02 ff/i.test(t));
    expect(await ui.count('Received')).toBe(2);
  });

  it('closes with the code and reason typed, and logs a clean close', async () => {
    await ui.connect(`${wsOrigin}/echo`);
    await ui.fill('Close code', 'textbox', '4000');
    await ui.fill('Close reason', 'textbox', 'done in firefox');
    await ui.click('Disconnect');
    await ui.waitForState('CLOSED');
    const close = await ui.waitForRow('close', (t) => t.includes('4000'));
    expect(close).toContain('done in firefox');
    expect(close).toContain('clean close');
    expect(close).not.toMatch(/not clean/);
  });

  it('logs the server’s close code and reason (/close)', async () => {
    await ui.connect(`${wsOrigin}/close?code=4001&reason=bye`);
    await ui.send('close please');
    await ui.waitForState('CLOSED');
    const close = await ui.waitForRow('close', (t) => t.includes('4001'));
    expect(close).toContain('Private use');
    expect(close).toContain('"bye"');
  });

  it('a dropped TCP connection ends in 1006 with its usual causes', async () => {
    await ui.connect(`${wsOrigin}/drop`);
    await ui.send('drop me');
    await ui.waitForState('CLOSED');
    const close = await ui.waitForRow('close', (t) => t.includes('1006'));
    expect(close).toContain('Abnormal Closure');
    expect(close).toMatch(/not clean/);
    expect(close).toContain('Usual causes');
  });

  it('a refused connection: an error entry quoting what Firefox’s console says, then 1006', async () => {
    const url = `ws://127.0.0.1:${await refusedPort()}/`;
    await ui.fill('URL', 'textbox', url);
    await ui.click('Connect');
    await ui.waitForState('CLOSED');
    const error = await ui.waitForRow('error', (t) => t.includes('WebSocket error'));
    expect(error).toContain('Firefox can’t establish a connection to the server at');
    // The words quoted are the ones Firefox really writes.
    await expect.poll(() => firefoxSocketMessages).toContain(`Firefox can’t establish a connection to the server at ${url}.`);
    expect(await ui.waitForRow('close', (t) => t.includes('1006'))).toContain('Abnormal Closure');
  });

  it('a server that picks none of the offered subprotocols: Firefox opens, and the log says Chromium would not', async () => {
    await ui.connect(`ws://127.0.0.1:${(deaf.address() as { port: number }).port}/`, 'chat.v9');
    const note = await ui.waitForRow('info', (t) => t.includes('Handshake took'));
    expect(note).toContain('the server chose none of those offered (chat.v9)');
    expect(note).toContain('Chromium refuses');
  });

  it('opens a received message in details: JSON tree, Hex dump, and back to Text', async () => {
    await ui.connect(`${wsOrigin}/echo`);
    await ui.send('{"type":"hi","n":[1,2]}', 'json');
    await ui.waitForRow('received', (t) => t.includes('"type"'));
    await (await page.waitForSelector(logRows('received')))!.click();
    await ui.control('region', 'Message details');
    await ui.click('JSON', 'tab');
    await ui.control('button', 'root (object, 2 keys)');
    await ui.click('Hex', 'tab');
    const panel = () => page.$eval('[role="tabpanel"]', (el) => el.textContent ?? '').catch(() => '');
    await expect.poll(panel).toMatch(/00000000 {2}7b 22 74 79 70 65 22 3a/);
    await ui.click('Text', 'tab');
    await expect.poll(panel).toContain('{"type":"hi","n":[1,2]}');
  });

  it('filters the log to the entries that contain the text', async () => {
    await ui.connect(`${wsOrigin}/echo`);
    for (const text of ['apple pie', 'banana split', 'apple juice']) await ui.send(text);
    await expect.poll(() => ui.count('Received')).toBe(3);
    await ui.fill('Filter', 'searchbox', 'apple');
    await expect.poll(async () => (await ui.rowTexts('received')).length).toBe(2);
    expect((await ui.rowTexts('received')).every((t) => t.includes('apple'))).toBe(true);
    expect(await ui.rowTexts('sent')).toHaveLength(2);
  });

  it('the Simulator echoes, pushes and closes inside the page, with no socket', async () => {
    const before = handshakes.length;
    await ui.select('Preset', 'Simulator');
    await ui.click('Connect');
    await ui.waitForState('OPEN');
    await ui.send('hello simulator');
    await ui.waitForRow('received', (t) => t.includes('hello simulator'));
    await ui.send('/push 50');
    await expect.poll(() => ui.count('Received')).toBe(51);
    await ui.send('/close 4002 sim bye');
    await ui.waitForState('CLOSED');
    expect(await ui.waitForRow('close', (t) => t.includes('4002'))).toContain('sim bye');
    expect(handshakes.length).toBe(before);
  });

  it('axe-core finds no serious or critical violation in Firefox: connected with traffic, details open, an alert', async () => {
    const found: Record<string, string[]> = {};
    const check = async (state: string) => {
      found[state] = seriousOnly(await runAxe(page)).map((f) => `${f.impact} ${f.id}: ${f.nodes.join('; ')}`);
    };
    await ui.connect(`${wsOrigin}/echo`);
    await ui.send('{"axe":[1,2,3]}', 'json');
    await ui.waitForRow('received', (t) => t.includes('axe'));
    await check('connected with traffic');
    await (await page.waitForSelector(logRows('received')))!.click();
    await ui.control('region', 'Message details');
    await ui.click('JSON', 'tab');
    await check('details open, JSON view');
    await ui.send('{broken', 'json');
    await page.waitForSelector('[role="alert"]');
    await check('an alert shown');
    console.log(`axe in Firefox (serious or critical):\n  ${Object.entries(found).map(([state, list]) => `${state}: ${list.length ? list.join(', ') : 'none'}`).join('\n  ')}`);
    expect(found).toEqual({ 'connected with traffic': [], 'details open, JSON view': [], 'an alert shown': [] });
  });

  it('made no request outside its own origin and threw no errors', () => {
    // The watch sees sockets (so the Simulator test's "no socket" means something) and nothing foreign.
    expect(handshakes.some((url) => new URL(url).pathname === '/echo')).toBe(true);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
