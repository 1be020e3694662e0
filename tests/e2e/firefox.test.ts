/**
 * The main end-to-end flows in Firefox ESR, driven over WebDriver BiDi (puppeteer-core), against the
 * built app and its Local Echo served by serve.js under /app/. One browser for the whole file.
 * Controls are found by role and accessible name (puppeteer's ARIA queries), as UI-CONTRACT.md names them.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import puppeteer, { type Browser, type ElementHandle, type JSHandle, type Page } from 'puppeteer-core';
import { WebSocketServer } from 'ws';
import { startServer } from '../../server/serve.js';

/** Where Debian installs Firefox ESR; .ci/run installs it with apt-get. */
const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Prefs that keep Firefox off the network (closed here) beyond what puppeteer already turns off. */
const QUIET_PREFS = {
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.topsites.contile.enabled': false,
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.blocklist.enabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

/**
 * What Firefox itself writes to the page's console when a WebSocket fails (BiDi reports it as a page
 * error); the app cannot prevent these, and explains them in its log instead.
 */
const FIREFOX_SOCKET_MESSAGES = [/^Firefox can’t establish a connection to the server at ws:/, /^The connection to ws:.* was interrupted while the page was loading\.$/];

let browser: Browser;
let page: Page;
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

/** Puppeteer's ARIA query: Firefox's own accessibility tree (exact, but slow there: about 0.7 s a query). */
const aria = (name: string, role: string) => `::-p-aria(${name}[role="${role}"])`;
const logRows = (kind: string) => `[role="log"] [data-kind="${kind}"]`;

type Role = 'button' | 'textbox' | 'combobox' | 'status' | 'searchbox' | 'tab' | 'region' | 'alert';

/**
 * Finds the visible element with a role and an accessible name (aria-label, aria-labelledby, its label, or
 * for buttons and tabs its text), in the page, in one round trip. The first test checks the same names
 * against Firefox's accessibility tree; the flows use this because it is fast.
 */
function findByRole(role: Role, name: string): Element | null {
  const selectors: Record<Role, string> = {
    button: 'button, [role="button"]',
    textbox: 'input:not([type]), input[type="text"], input[type="url"], textarea, [role="textbox"]',
    combobox: 'select, [role="combobox"]',
    status: 'output, [role="status"]',
    searchbox: 'input[type="search"], [role="searchbox"]',
    tab: '[role="tab"]',
    region: '[role="region"], section[aria-label], section[aria-labelledby]',
    alert: '[role="alert"]',
  };
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label !== null) return label;
    const ids = el.getAttribute('aria-labelledby');
    if (ids) return ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return labels[0]!.textContent ?? '';
    return role === 'button' || role === 'tab' ? (el.textContent ?? '') : '';
  };
  const wanted = name.toLowerCase();
  return (
    [...document.querySelectorAll(selectors[role])].find(
      (el) => nameOf(el).trim().replace(/\s+/g, ' ').toLowerCase() === wanted && (el as HTMLElement).offsetParent !== null,
    ) ?? null
  );
}

/** The element with that role and name, waiting until it is in the page. */
async function control(role: Role, name: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(findByRole, { timeout: 10_000 }, role, name);
  return handle as ElementHandle<Element>;
}

async function click(name: string, role: Role = 'button'): Promise<void> {
  await (await control(role, name)).click();
}

/** Replaces a field's text as a user would: select all, delete, type. */
async function fill(name: string, role: Role, value: string): Promise<void> {
  await (await control(role, name)).focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  if (value !== '') await page.keyboard.type(value);
}

async function select(name: string, value: string): Promise<void> {
  await (await control('combobox', name)).select(value);
}

/** The text of the element with that role and name, or '' while there is none. */
async function textOf(role: Role, name: string): Promise<string> {
  const handle = (await page.evaluateHandle(findByRole, role, name)) as JSHandle<Element | null>;
  return handle.evaluate((el: Element | null) => el?.textContent ?? '');
}
const valueOf = async (role: Role, name: string) => (await control(role, name)).evaluate((el) => (el as HTMLInputElement).value);
const rowTexts = (kind: string) => page.$$eval(logRows(kind), (els) => els.map((el) => el.textContent ?? ''));
const count = async (name: 'Sent' | 'Received') => Number((await textOf('status', name)).replace(/\D/g, '') || 'NaN');

async function state(): Promise<string> {
  const text = await textOf('status', 'Connection state');
  return /\b(CONNECTING|OPEN|CLOSING|CLOSED)\b/.exec(text)?.[1] ?? text;
}
const waitForState = (want: string) => expect.poll(state, { timeout: 10_000 }).toBe(want);

/** Waits for the newest row of a kind that satisfies `match`, and returns its text. */
async function waitForRow(kind: string, match: (text: string) => boolean): Promise<string> {
  let found = '';
  await expect.poll(async () => (found = (await rowTexts(kind)).reverse().find(match) ?? ''), { timeout: 10_000 }).not.toBe('');
  return found;
}

async function connect(url: string, subprotocols = ''): Promise<void> {
  await fill('URL', 'textbox', url);
  await fill('Subprotocols', 'textbox', subprotocols);
  await click('Connect');
  await waitForState('OPEN');
}

async function send(text: string, format: 'text' | 'json' | 'hex' | 'base64' = 'text'): Promise<void> {
  await select('Format', format);
  await fill('Message', 'textbox', text);
  await click('Send');
}

/** A port nobody listens on: bind one, then let it go. */
async function refusedPort(): Promise<number> {
  const spare = createServer();
  await new Promise<void>((ok) => spare.listen(0, '127.0.0.1', ok));
  const { port } = spare.address() as { port: number };
  await new Promise<void>((ok) => spare.close(() => ok()));
  return port;
}

beforeAll(async () => {
  server = await startServer({ root: inject('distDir'), base: '/app/' });
  wsOrigin = server.origin.replace(/^http/, 'ws');
  deaf = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
  await new Promise<void>((ok) => deaf.once('listening', () => ok()));
  deaf.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // A fresh temporary profile each run (puppeteer's default), with background traffic off.
    extraPrefsFirefox: QUIET_PREFS,
    defaultViewport: { width: 1280, height: 800 },
  });
  page = await browser.newPage();
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
  await control('textbox', 'URL');
});

describe('Firefox ESR', () => {
  it('exposes the contract’s roles and names in Firefox’s accessibility tree', async () => {
    expect(await browser.version()).toMatch(/^firefox\//i);
    const controls: [string, string][] = [
      ['URL', 'textbox'], ['Preset', 'combobox'], ['Subprotocols', 'textbox'], ['Connect', 'button'], ['Connection state', 'status'],
      ['Message', 'textbox'], ['Format', 'combobox'], ['Send', 'button'], ['Messages', 'log'], ['Filter', 'searchbox'],
      ['Sent', 'status'], ['Received', 'status'], ['Close code', 'textbox'], ['Close reason', 'textbox'],
    ];
    const missing: string[] = [];
    for (const [name, role] of controls) if ((await page.$$(aria(name, role))).length !== 1) missing.push(`${role} ${name}`);
    expect(missing).toEqual([]);
  });

  it('runs the app in Firefox, connects to Local Echo and shows the negotiated extension', async () => {
    await select('Preset', 'Local Echo');
    expect(await valueOf('textbox', 'URL')).toBe(`${wsOrigin}/echo`);
    await click('Connect');
    await waitForState('OPEN');
    expect(await page.evaluate(() => document.body.innerText)).toContain('permessage-deflate');
    await waitForRow('info', (t) => t.includes('Handshake took') && t.includes('extensions: permessage-deflate'));
  });

  it('sends text and JSON and receives the echoes, counting both ways', async () => {
    await connect(`${wsOrigin}/echo`);
    await send('hello firefox');
    await waitForRow('received', (t) => t.includes('hello firefox'));
    await send('{"a":[1,2],"ok":true}', 'json');
    await waitForRow('received', (t) => t.includes('"ok":true'));
    await expect.poll(() => count('Received')).toBe(2);
    expect(await count('Sent')).toBe(2);
  });

  it('refuses invalid JSON with an alert and sends nothing', async () => {
    await connect(`${wsOrigin}/echo`);
    await send('{"a":', 'json');
    await expect.poll(() => page.$$eval('[role="alert"]', (els) => els.map((el) => el.textContent).join(' '))).toMatch(/JSON/);
    expect(await count('Sent')).toBe(0);
    expect(await valueOf('textbox', 'Message')).toBe('{"a":');
  });

  it('sends hex and base64 as binary frames and shows the echoed bytes as hex', async () => {
    await connect(`${wsOrigin}/echo`);
    await send('de ad be ef', 'hex');
    await waitForRow('received', (t) => /de ad be ef/i.test(t) && t.includes('4 B'));
    await send('AAEC/w==', 'base64');
    await waitForRow('received', (t) => /00 01 02 ff/i.test(t));
    expect(await count('Received')).toBe(2);
  });

  it('closes with the code and reason typed, and logs a clean close', async () => {
    await connect(`${wsOrigin}/echo`);
    await fill('Close code', 'textbox', '4000');
    await fill('Close reason', 'textbox', 'done in firefox');
    await click('Disconnect');
    await waitForState('CLOSED');
    const close = await waitForRow('close', (t) => t.includes('4000'));
    expect(close).toContain('done in firefox');
    expect(close).toContain('clean close');
    expect(close).not.toMatch(/not clean/);
  });

  it('logs the server’s close code and reason (/close)', async () => {
    await connect(`${wsOrigin}/close?code=4001&reason=bye`);
    await send('close please');
    await waitForState('CLOSED');
    const close = await waitForRow('close', (t) => t.includes('4001'));
    expect(close).toContain('Private use');
    expect(close).toContain('"bye"');
  });

  it('a dropped TCP connection ends in 1006 with its usual causes', async () => {
    await connect(`${wsOrigin}/drop`);
    await send('drop me');
    await waitForState('CLOSED');
    const close = await waitForRow('close', (t) => t.includes('1006'));
    expect(close).toContain('Abnormal Closure');
    expect(close).toMatch(/not clean/);
    expect(close).toContain('Usual causes');
  });

  it('a refused connection: an error entry quoting what Firefox’s console says, then 1006', async () => {
    const url = `ws://127.0.0.1:${await refusedPort()}/`;
    await fill('URL', 'textbox', url);
    await click('Connect');
    await waitForState('CLOSED');
    const error = await waitForRow('error', (t) => t.includes('WebSocket error'));
    expect(error).toContain('Firefox can’t establish a connection to the server at');
    // The words quoted are the ones Firefox really writes.
    await expect.poll(() => firefoxSocketMessages).toContain(`Firefox can’t establish a connection to the server at ${url}.`);
    expect(await waitForRow('close', (t) => t.includes('1006'))).toContain('Abnormal Closure');
  });

  it('a server that picks none of the offered subprotocols: Firefox opens, and the log says Chromium would not', async () => {
    await connect(`ws://127.0.0.1:${(deaf.address() as { port: number }).port}/`, 'chat.v9');
    const note = await waitForRow('info', (t) => t.includes('Handshake took'));
    expect(note).toContain('the server chose none of those offered (chat.v9)');
    expect(note).toContain('Chromium refuses');
  });

  it('opens a received message in details: JSON tree, Hex dump, and back to Text', async () => {
    await connect(`${wsOrigin}/echo`);
    await send('{"type":"hi","n":[1,2]}', 'json');
    await waitForRow('received', (t) => t.includes('"type"'));
    await (await page.waitForSelector(logRows('received')))!.click();
    await control('region', 'Message details');
    await click('JSON', 'tab');
    await control('button', 'root (object, 2 keys)');
    await click('Hex', 'tab');
    const panel = () => page.$eval('[role="tabpanel"]', (el) => el.textContent ?? '').catch(() => '');
    await expect.poll(panel).toMatch(/00000000 {2}7b 22 74 79 70 65 22 3a/);
    await click('Text', 'tab');
    await expect.poll(panel).toContain('{"type":"hi","n":[1,2]}');
  });

  it('filters the log to the entries that contain the text', async () => {
    await connect(`${wsOrigin}/echo`);
    for (const text of ['apple pie', 'banana split', 'apple juice']) await send(text);
    await expect.poll(() => count('Received')).toBe(3);
    await fill('Filter', 'searchbox', 'apple');
    await expect.poll(async () => (await rowTexts('received')).length).toBe(2);
    expect((await rowTexts('received')).every((t) => t.includes('apple'))).toBe(true);
    expect(await rowTexts('sent')).toHaveLength(2);
  });

  it('the Simulator echoes, pushes and closes inside the page, with no socket', async () => {
    const before = handshakes.length;
    await select('Preset', 'Simulator');
    await click('Connect');
    await waitForState('OPEN');
    await send('hello simulator');
    await waitForRow('received', (t) => t.includes('hello simulator'));
    await send('/push 50');
    await expect.poll(() => count('Received')).toBe(51);
    await send('/close 4002 sim bye');
    await waitForState('CLOSED');
    expect(await waitForRow('close', (t) => t.includes('4002'))).toContain('sim bye');
    expect(handshakes.length).toBe(before);
  });

  it('made no request outside its own origin and threw no errors', () => {
    // The watch sees sockets (so the Simulator test's "no socket" means something) and nothing foreign.
    expect(handshakes.some((url) => new URL(url).pathname === '/echo')).toBe(true);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
