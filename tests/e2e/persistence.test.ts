/**
 * Persistence faults end to end: a corrupted or oversized localStorage, a full storage while saving,
 * two tabs of one browser saving at once, and a share link opened beside a kept draft. Each ends
 * with a page that works and says what happened, and no page error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildShareLink } from '../../src/share/shareLink';
import { useApp } from './harness';
import { alerts, button, exactName, messageBox, urlBox, waitForCount, waitForState } from './helpers';

const app = useApp();
const KEY = 'websocket-tester:state';
const extraPages: Page[] = [];
afterEach(async () => {
  for (const p of extraPages.splice(0)) await p.close();
  expect(app.pageErrors).toEqual([]);
});

const savedList = (p: Page) => p.getByRole('list', { name: exactName('Saved messages') });
const recentList = (p: Page) => p.getByRole('list', { name: exactName('Recent endpoints') });
const connectionTabs = (p: Page) => p.getByRole('tablist', { name: exactName('Connections') }).getByRole('tab');

/** A page of the shared browser context, opened on a localStorage holding `raw` (or nothing). */
async function pageWithStored(raw: string | null): Promise<Page> {
  const page = await app.newPage();
  await page.evaluate(([key, value]) => {
    localStorage.clear();
    if (value !== null) localStorage.setItem(key!, value);
  }, [KEY, raw] as const);
  await page.reload();
  return page;
}

async function saveMessage(page: Page, body: string, name: string): Promise<void> {
  await messageBox(page).fill(body);
  await button(page, 'Save message').click();
  await page.getByRole('textbox', { name: exactName('Message name') }).fill(name);
  await button(page, 'Save').click();
  await savedList(page).getByRole('button', { name: exactName(name) }).waitFor();
}

/** The UI still works: connect to Local Echo, send, and read the echo. */
async function expectWorkingUi(page: Page): Promise<void> {
  await urlBox(page).fill(`${app.wsOrigin}/echo`);
  await button(page, 'Connect').click();
  await waitForState(page, 'OPEN');
  await messageBox(page).fill('still works');
  await button(page, 'Send').click();
  await waitForCount(page, 'Received', 1);
  await button(page, 'Disconnect').click();
}

describe('a damaged localStorage', () => {
  it('garbage: the page loads, says the stored settings were reset, and works', async () => {
    const page = await pageWithStored('{"version":2,"tabs":[{"url": garbage');
    const notice = await alerts(page).textContent();
    expect(notice).toMatch(/unreadable.*reset/i);
    await expectWorkingUi(page);
    await button(page, 'Dismiss storage notice').click();
    expect(await alerts(page).count()).toBe(0);
  });

  it('a recent endpoint with at: 1e20 is skipped with a notice; the other endpoints and the page stay', async () => {
    const now = Date.now();
    const state = {
      version: 2,
      tabs: [{ url: 'ws://kept.example/draft', subprotocols: '', message: 'kept draft', format: 'text' }],
      saved: [],
      history: [
        { url: 'ws://poison.example/', subprotocols: '', at: 1e20 },
        { url: 'ws://good.example/', subprotocols: '', at: now - 1000 },
      ],
    };
    const page = await pageWithStored(JSON.stringify(state));
    expect(await alerts(page).textContent()).toMatch(/1 recent endpoints.*"at"/);
    await recentList(page).getByRole('button', { name: exactName('ws://good.example/') }).waitFor();
    expect(await recentList(page).getByText('poison').count()).toBe(0);
    expect(await messageBox(page).inputValue()).toBe('kept draft');
    await expectWorkingUi(page);
  });

  it('an oversized value (4 MB of garbage) loads an empty, working page', async () => {
    const page = await pageWithStored(`[${'x'.repeat(4_000_000)}`);
    expect(await alerts(page).first().textContent()).toMatch(/reset/i);
    await expectWorkingUi(page);
  });
});

describe('a full storage while saving', () => {
  it('shows an alert in the page, keeps working in memory, and clears the alert once a save works', async () => {
    const page = await pageWithStored(null);
    // Every write throws as Chromium does when localStorage is full, until the test lets it through.
    await page.addInitScript(() => {
      const original = Storage.prototype.setItem;
      (window as unknown as { quotaFull: boolean }).quotaFull = true;
      Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
        if ((window as unknown as { quotaFull: boolean }).quotaFull) throw new DOMException('Setting the value exceeded the quota.', 'QuotaExceededError');
        original.call(this, key, value);
      };
    });
    await page.reload();
    await saveMessage(page, 'kept in memory', 'in memory');
    const alert = page.getByRole('alert').filter({ hasText: 'Saving in this browser failed' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Saving in this browser failed \(storage is full\): your drafts and saved messages are kept in this page but will not survive a reload/);
    // The app keeps working: the saved message loads into the composer, and a connection works.
    await messageBox(page).fill('');
    await savedList(page).getByRole('button', { name: exactName('in memory') }).click();
    expect(await messageBox(page).inputValue()).toBe('kept in memory');
    await expectWorkingUi(page);

    await page.evaluate(() => {
      (window as unknown as { quotaFull: boolean }).quotaFull = false;
    });
    // The retry timer (backoff, at most 30 s) or the next change saves; the alert goes.
    await messageBox(page).fill('a change');
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
    expect(stored).toContain('in memory');
  });
});

describe('two tabs of one browser', () => {
  it('save X in A, save Y in B, reload A: both are there; a delete in A disappears in B', async () => {
    const a = await pageWithStored(null);
    const b = await app.newPage();
    extraPages.push(a);
    await saveMessage(a, 'x body', 'X');
    await saveMessage(b, 'y body', 'Y');
    // B hears of A's save without a reload, and A of B's.
    await savedList(b).getByRole('button', { name: exactName('X') }).waitFor();
    await savedList(a).getByRole('button', { name: exactName('Y') }).waitFor();
    await a.reload();
    await savedList(a).getByRole('button', { name: exactName('X') }).waitFor();
    await savedList(a).getByRole('button', { name: exactName('Y') }).waitFor();

    await a.getByRole('button', { name: exactName('Delete X') }).click();
    await savedList(b).getByRole('button', { name: exactName('X') }).waitFor({ state: 'detached' });
    // B typing afterwards does not bring X back.
    await messageBox(b).fill('typing in B');
    await b.waitForTimeout(800);
    await b.reload();
    await savedList(b).getByRole('button', { name: exactName('Y') }).waitFor();
    expect(await savedList(b).getByRole('button', { name: exactName('X') }).count()).toBe(0);
  });
});

describe('a share link', () => {
  it('opens in a new connection tab and leaves the first tab\'s draft', async () => {
    const a = await pageWithStored(null);
    extraPages.push(a);
    await messageBox(a).fill('my own draft');
    await a.waitForTimeout(800);
    const link = buildShareLink(app.appUrl, { url: `${app.wsOrigin}/echo?room=9`, subprotocols: '', format: 'text', message: 'shared message' });
    const b = await app.newPage();
    // From another document, so the link is a real load (not a same-document fragment change).
    await b.goto('about:blank');
    await b.goto(link);
    await messageBox(b).waitFor();
    expect(await messageBox(b).inputValue()).toBe('shared message');
    expect(await urlBox(b).inputValue()).toBe(`${app.wsOrigin}/echo?room=9`);
    expect(await connectionTabs(b).count()).toBe(2);
    await connectionTabs(b).first().click();
    expect(await messageBox(b).inputValue()).toBe('my own draft');
    await b.waitForTimeout(800);
    await a.reload();
    expect(await messageBox(a).inputValue()).toBe('my own draft');
  });
});
