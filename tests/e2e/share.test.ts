/**
 * Copy as (snippets for websocat, wscat, JavaScript, Python, curl) and Copy link: the link fills the
 * fields of a fresh page, leaves secrets out unless asked, and never connects by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type AppUnderTest } from './harness';
import {
  alerts, button, exactName, formatBox, messageBox, openSection, readyState, stateStatus, subprotocolsBox, urlBox, waitForAlert, watchSockets,
} from './helpers';

let app: AppUnderTest;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.appUrl).origin });
  // Share folds away on a first visit; opened once, it stays open (remembered) in the pages opened here.
  await openSection(page, 'Share');
});
afterAll(async () => {
  await app?.close();
});

const share = (p: Page) => p.getByRole('region', { name: exactName('Share') });
const copyAs = (p: Page) => p.getByRole('combobox', { name: exactName('Copy as') });
const snippet = (p: Page) => share(p).locator('pre');
const shareStatus = (p: Page) => p.getByRole('status', { name: exactName('Share status') });

/** Opens `href` in a fresh page of the same browser, recording its WebSockets from the start. */
async function openFresh(href: string) {
  const fresh = await page.context().newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (error) => errors.push(error.message));
  const sockets = watchSockets(fresh);
  await fresh.goto(href);
  await stateStatus(fresh).waitFor();
  return { fresh, sockets, errors };
}

async function fillDrafts(p: Page, url: string) {
  await urlBox(p).fill(url);
  await subprotocolsBox(p).fill('chat, superchat');
  await formatBox(p).selectOption({ label: 'JSON' });
  await messageBox(p).fill('{"hello": "it\'s $(rm -rf /)"}');
}

describe('Copy link', () => {
  it('opens a page with the fields filled in (no token), and connects nothing', async () => {
    const endpoint = `${app.wsOrigin}/echo?room=7&token=abc`;
    await fillDrafts(page, endpoint);
    await button(page, 'Copy link').click();
    await expect.poll(() => shareStatus(page).textContent()).toBe('Copied link');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/#share=[\w-]+$/);
    await expect.poll(() => share(page).textContent()).toContain(link);
    expect(await share(page).textContent()).toContain('Left out of the link: token');
    expect(link).not.toContain('abc');

    const { fresh, sockets, errors } = await openFresh(link);
    expect(await urlBox(fresh).inputValue()).toBe(`${app.wsOrigin}/echo?room=7`);
    expect(await subprotocolsBox(fresh).inputValue()).toBe('chat, superchat');
    expect(await formatBox(fresh).inputValue()).toBe('json');
    expect(await messageBox(fresh).inputValue()).toBe('{"hello": "it\'s $(rm -rf /)"}');
    await fresh.waitForTimeout(500);
    expect(await readyState(fresh)).toBe('CLOSED');
    expect(sockets.sockets).toEqual([]);
    // The fragment is removed, so a reload does not fill the fields again.
    expect(new URL(fresh.url()).hash).toBe('');
    expect(await alerts(fresh).count()).toBe(0);
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('keeps the token when Include secrets in link is ticked', async () => {
    const secrets = page.getByRole('checkbox', { name: exactName('Include secrets in link') });
    await secrets.check();
    await button(page, 'Copy link').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const { fresh, sockets } = await openFresh(link);
    expect(await urlBox(fresh).inputValue()).toBe(`${app.wsOrigin}/echo?room=7&token=abc`);
    expect(sockets.sockets).toEqual([]);
    await fresh.close();
    await secrets.uncheck();
  });

  it('a damaged link fills nothing and says so in an alert', async () => {
    // What a page opened without a link shows (the app may remember the last endpoint).
    const plain = await openFresh(app.appUrl);
    const usual = await urlBox(plain.fresh).inputValue();
    await plain.fresh.close();
    const { fresh, sockets } = await openFresh(`${app.appUrl}#share=damaged!`);
    expect(await waitForAlert(fresh)).toMatch(/share link is damaged/i);
    expect(await urlBox(fresh).inputValue()).toBe(usual);
    expect(sockets.sockets).toEqual([]);
    await fresh.close();
  });
});

describe('Copy as', () => {
  // These snippets are checked with the secrets in (tests/e2e/secrets.test.ts checks the default, without).
  beforeAll(async () => {
    await page.getByRole('checkbox', { name: exactName('Include secrets in command') }).check();
  });

  it('offers exactly the five tools', async () => {
    const options = await copyAs(page).locator('option').evaluateAll((els) => els.map((el) => el.textContent));
    expect(options.filter((o) => !o?.endsWith('…'))).toEqual(['websocat', 'wscat', 'JavaScript', 'Python', 'curl']);
  });

  it.each([
    ['websocat', (ws: string) => [`printf '%s\\n' '{"hello": "it'\\''s $(rm -rf /)"}' | websocat --protocol chat,superchat '${ws}/echo?room=7&token=abc'`]],
    ['wscat', (ws: string) => [`wscat -c '${ws}/echo?room=7&token=abc' -s chat -s superchat -x '{"hello": "it'\\''s $(rm -rf /)"}' -w 1`]],
    ['JavaScript', (ws: string) => [
      `const ws = new WebSocket("${ws}/echo?room=7&token=abc", ["chat", "superchat"]);`,
      `ws.onopen = () => ws.send("{\\"hello\\": \\"it's $(rm -rf /)\\"}");`,
    ]],
    ['Python', (ws: string) => [
      `async with websockets.connect("${ws}/echo?room=7&token=abc", subprotocols=["chat", "superchat"]) as ws:`,
      `await ws.send("{\\"hello\\": \\"it's $(rm -rf /)\\"}")`,
    ]],
    ['curl', (ws: string) => [
      '# curl only shows the handshake',
      "-H 'Sec-WebSocket-Protocol: chat, superchat'",
      `'${ws.replace(/^ws/, 'http')}/echo?room=7&token=abc'`,
    ]],
  ])('%s shows the snippet before copying, then copies it', async (label, expected) => {
    const sockets = watchSockets(page);
    await copyAs(page).selectOption({ label });
    const text = (await snippet(page).textContent()) ?? '';
    for (const part of expected(app.wsOrigin)) expect(text).toContain(part);
    await button(page, 'Copy command').click();
    await expect.poll(() => shareStatus(page).textContent()).toBe('Copied command');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    expect(sockets.sockets).toEqual([]);
    expect(await readyState(page)).toBe('CLOSED');
  });

  it('explains that the Simulator cannot be copied', async () => {
    await urlBox(page).fill('simulator://local');
    await copyAs(page).selectOption({ label: 'curl' });
    expect(await snippet(page).count()).toBe(0);
    expect(await share(page).textContent()).toContain('Simulator runs inside this page');
    expect(await button(page, 'Copy command').count()).toBe(0);
  });

  it('threw no errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
