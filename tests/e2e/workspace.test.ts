/**
 * Saved messages and recent endpoints survive a reload (localStorage), and choosing one fills the
 * composer or the bar. Assumes <WorkspacePanel> is mounted in the side panel and connect() records
 * the endpoint (recordEndpoint).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type AppUnderTest } from './harness';
import { button, connect, exactName, messageBox, subprotocolsBox, urlBox, waitForState } from './helpers';

let app: AppUnderTest;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  page = app.page;
});
afterAll(async () => {
  await app?.close();
});

const savedList = (p: Page) => p.getByRole('list', { name: exactName('Saved messages') });
const recentList = (p: Page) => p.getByRole('list', { name: exactName('Recent endpoints') });

describe('working with several connections: kept across reloads', () => {
  it('a saved message is still in Saved messages after a reload, and choosing it fills Message', async () => {
    await messageBox(page).fill('{"hello": "from e2e"}');
    await button(page, 'Save message').click();
    const nameBox = page.getByRole('textbox', { name: exactName('Message name') });
    expect(await nameBox.inputValue()).toBe('{"hello": "from e2e"}');
    await nameBox.fill('hello e2e');
    await page.getByRole('textbox', { name: exactName('Folder') }).fill('Greetings');
    await button(page, 'Save').click();
    await savedList(page).getByRole('button', { name: exactName('hello e2e') }).waitFor();

    await page.reload();
    const item = savedList(page).getByRole('button', { name: exactName('hello e2e') });
    await item.waitFor();
    expect(await savedList(page).getByRole('heading', { name: exactName('Greetings') }).count()).toBe(1);

    await messageBox(page).fill('something else');
    await item.click();
    expect(await messageBox(page).inputValue()).toBe('{"hello": "from e2e"}');
    expect(app.pageErrors).toEqual([]);
  });

  it('an endpoint connected to once is in Recent endpoints after a reload, and choosing it fills URL', async () => {
    const echoUrl = `${app.wsOrigin}/echo`;
    await connect(page, echoUrl);
    await button(page, 'Disconnect').click();
    await waitForState(page, 'CLOSED');

    await page.reload();
    const entry = recentList(page).getByRole('button', { name: exactName(echoUrl) });
    await entry.waitFor();
    // Nothing connects by itself after a reload.
    await waitForState(page, 'CLOSED');

    await urlBox(page).fill('ws://elsewhere.invalid/');
    await subprotocolsBox(page).fill('chat');
    await entry.click();
    expect(await urlBox(page).inputValue()).toBe(echoUrl);
    expect(await subprotocolsBox(page).inputValue()).toBe('');

    await page.getByRole('button', { name: exactName(`Remove ${echoUrl}`) }).click();
    expect(await recentList(page).getByRole('button').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('logs are never stored', async () => {
    const stored = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))));
    expect(stored).toContain('hello e2e');
    expect(stored).not.toMatch(/Handshake took|Connecting to/);
  });
});
