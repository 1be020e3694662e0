/**
 * Firefox ESR for the end-to-end tests: launched over WebDriver BiDi by puppeteer-core, kept off the
 * network, and page helpers that find controls by role and accessible name as UI-CONTRACT.md names them.
 */
import { createServer } from 'node:net';
import { expect } from 'vitest';
import puppeteer, { type Browser, type ElementHandle, type JSHandle, type Page } from 'puppeteer-core';

/** Where Debian installs Firefox ESR; .ci/run installs it with apt-get. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Prefs that keep Firefox off the network (closed here) beyond what puppeteer already turns off. */
export const QUIET_PREFS = {
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
export const FIREFOX_SOCKET_MESSAGES = [/^Firefox can’t establish a connection to the server at ws:/, /^The connection to ws:.* was interrupted while the page was loading\.$/];


/** Launches headless Firefox ESR over WebDriver BiDi, with a fresh temporary profile (puppeteer's default). */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: QUIET_PREFS,
    defaultViewport: { width: 1280, height: 800 },
  });
}

/** Puppeteer's ARIA query: Firefox's own accessibility tree (exact, but slow there: about 0.7 s a query). */
export const aria = (name: string, role: string) => `::-p-aria(${name}[role="${role}"])`;
export const logRows = (kind: string) => `[role="log"] [data-kind="${kind}"]`;

export type Role = 'button' | 'textbox' | 'combobox' | 'status' | 'searchbox' | 'tab' | 'region' | 'alert';

/**
 * Finds the visible element with a role and an accessible name (aria-label, aria-labelledby, its label, or
 * for buttons and tabs its text), in the page, in one round trip. The first test checks the same names
 * against Firefox's accessibility tree; the flows use this because it is fast.
 */
export function findByRole(role: Role, name: string): Element | null {
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

/** Actions and reads on one page, finding controls with findByRole. */
export function firefoxUi(page: Page) {
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

  return { control, click, fill, select, textOf, valueOf, rowTexts, count, state, waitForState, waitForRow, connect, send };
}

/** The helpers of firefoxUi(). */
export type FirefoxUi = ReturnType<typeof firefoxUi>;

/** A port nobody listens on: bind one, then let it go. */
export async function refusedPort(): Promise<number> {
  const spare = createServer();
  await new Promise<void>((ok) => spare.listen(0, '127.0.0.1', ok));
  const { port } = spare.address() as { port: number };
  await new Promise<void>((ok) => spare.close(() => ok()));
  return port;
}
