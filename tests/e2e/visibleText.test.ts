/** Nothing hidden: invisible and direction-changing characters appear as markers; a backtracking regex cannot freeze the page. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { button, exactName, messageBox, messagesLog, presetBox, rowTexts, sendMessage, waitForAlert, waitForCount, waitForRow, waitForState, alerts } from './helpers';

const app = useApp();
let page: Page;

const RLO = '\u202E';
const DISGUISED = `ok ${RLO}gnp.exe\u202C`;
const JOINED = 'zero\u200Dwidth\u200Bjoin';
const details = (p: Page) => p.getByRole('region', { name: exactName('Message details') });
const filterBox = (p: Page) => p.getByRole('searchbox', { name: exactName('Filter') });
/** Everything the page renders as text, form fields aside. */
const pageText = (p: Page) => p.evaluate(() => document.body.innerText + document.body.textContent);

async function openSimulator(p: Page): Promise<void> {
  await presetBox(p).selectOption({ label: 'Simulator' });
  await button(p, 'Connect').click();
  await waitForState(p, 'OPEN');
}

describe('invisible characters', () => {
  it('rows and the Text view show U+202E and U+200D markers; the raw override never reaches the page', async () => {
    page = await app.newPage();
    await openSimulator(page);
    await sendMessage(page, DISGUISED);
    await sendMessage(page, JOINED);
    await waitForCount(page, 'Received', 2);
    await messageBox(page).fill('');

    const disguised = await waitForRow(page, 'received', (t) => t.includes('gnp.exe'));
    expect(disguised).toContain('ok ⟨U+202E⟩gnp.exe⟨U+202C⟩');
    const joined = await waitForRow(page, 'received', (t) => t.includes('width'));
    expect(joined).toContain('zero⟨U+200D⟩width⟨U+200B⟩join');
    expect(await pageText(page)).not.toContain(RLO);

    await messagesLog(page).locator('[data-kind="received"]', { hasText: 'gnp.exe' }).click();
    await details(page).waitFor();
    const text = details(page).getByRole('tabpanel').locator('pre');
    expect(await text.textContent()).toBe('ok ⟨U+202E⟩gnp.exe⟨U+202C⟩');
    expect(await pageText(page)).not.toContain(RLO);

    // On request, the raw text (as text, not HTML).
    const raw = details(page).getByRole('checkbox', { name: exactName('Show raw text') });
    await raw.check();
    expect(await text.textContent()).toBe(DISGUISED);
    await raw.uncheck();
    expect(await pageText(page)).not.toContain(RLO);
    expect(app.pageErrors).toEqual([]);
  });

  it('a close reason from the server is shown with markers in the log and the bar', async () => {
    page = await app.newPage();
    await openSimulator(page);
    await sendMessage(page, `/close 4000 bye${RLO}eyb`);
    await waitForState(page, 'CLOSED');
    const close = await waitForRow(page, 'close', (t) => t.includes('4000'));
    expect(close).toContain('bye⟨U+202E⟩eyb');
    await messageBox(page).fill('');
    expect(await pageText(page)).not.toContain(RLO);
  });
});

describe('a regex that would backtrack', () => {
  it('(a+)+$ answers at once, the page stays responsive, and (?=a) gets an alert', async () => {
    page = await app.newPage();
    await openSimulator(page);
    const evil = 'a'.repeat(40) + '!';
    for (let i = 0; i < 5; i++) await sendMessage(page, evil);
    await sendMessage(page, 'a'.repeat(40));
    await waitForCount(page, 'Received', 6);

    await page.getByRole('checkbox', { name: exactName('Regex') }).check();
    await filterBox(page).fill('(a+)+$');
    // With a backtracking engine this alone takes hours: each of the 40-character payloads is tried.
    await expect.poll(() => rowTexts(page, 'received'), { timeout: 5_000 }).toEqual([expect.stringContaining('a'.repeat(40))]);
    const shown = await rowTexts(page, 'received');
    expect(shown[0]).not.toContain('!');
    const started = Date.now();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await alerts(page).count()).toBe(0);

    await filterBox(page).fill('(?=a)');
    const alert = await waitForAlert(page);
    expect(alert).toMatch(/not supported/i);
    expect(alert).toContain('RE2');
    // The log stays as it was: still the last filter that worked.
    expect(await rowTexts(page, 'received')).toEqual(shown);
    expect(await filterBox(page).inputValue()).toBe('(?=a)');
    expect(app.pageErrors).toEqual([]);
  });
});
