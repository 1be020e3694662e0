/**
 * Accessibility in real Chromium: axe-core finds no serious or critical violation (and, as of now,
 * none at all) in every main state of the page, in both themes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { runAxe, type AxeFinding } from './axe';
import { button, connect, counter, exactName, messageBox, messagesLog, openSection, rows, sendMessage, urlBox, waitForAlert, waitForCount } from './helpers';

const app = useApp();

/** Per state, what axe found: printed once at the end so the run says what was checked. */
const report: string[] = [];

async function expectClean(page: Page, state: string): Promise<void> {
  const findings = await runAxe(page);
  const line = findings.length === 0 ? 'no violations' : findings.map((f) => `${f.impact} ${f.id}`).join(', ');
  report.push(`${state}: ${line}`);
  // Every finding spelled out on failure: rule, impact, elements.
  const explain = (f: AxeFinding) => `${f.impact} ${f.id} (${f.help}):\n  ${f.nodes.join('\n  ')}`;
  expect(findings.map(explain), `axe in state "${state}"`).toEqual([]);
}

const themeBox = (page: Page) => page.getByRole('combobox', { name: exactName('Theme') });

describe('axe-core finds nothing to fix', () => {
  for (const theme of ['Light', 'Dark'] as const) {
    it(`in the ${theme} theme: empty, connected with traffic and a filter, details open, an alert, the saved messages form, several tabs`, async () => {
      const page = await app.newPage();
      await themeBox(page).selectOption({ label: theme });
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(theme.toLowerCase());
      await expectClean(page, `${theme}: empty`);

      await connect(page, `${app.wsOrigin}/echo`);
      await sendMessage(page, 'hello, axe');
      await sendMessage(page, '{"type":"json","list":[1,2,3],"ok":true,"none":null}', 'JSON');
      await sendMessage(page, 'de ad be ef', 'Hex');
      await waitForCount(page, 'Received', 3);
      await page.getByRole('searchbox', { name: exactName('Filter') }).fill('e');
      await expect.poll(() => messagesLog(page).locator('mark').count()).toBeGreaterThan(0);
      await expectClean(page, `${theme}: connected with traffic, filter highlights`);
      await page.getByRole('searchbox', { name: exactName('Filter') }).fill('');

      // Details of the JSON echo, in each view.
      await rows(page, 'received').filter({ hasText: '"json"' }).click();
      const details = page.getByRole('region', { name: exactName('Message details') });
      for (const view of ['Text', 'JSON', 'Hex']) {
        await details.getByRole('tab', { name: exactName(view) }).click();
        await expectClean(page, `${theme}: details open, ${view} view`);
      }
      await button(page, 'Close details').click();

      await messageBox(page).fill('{broken');
      await page.getByRole('combobox', { name: exactName('Format') }).selectOption({ label: 'JSON' });
      await button(page, 'Send').click();
      await waitForAlert(page);
      await expectClean(page, `${theme}: an alert shown`);

      await messageBox(page).fill('saved body');
      await button(page, 'Save message').click();
      await page.getByRole('textbox', { name: exactName('Message name') }).waitFor();
      await openSection(page, 'Staying connected');
      await openSection(page, 'Share');
      await page.getByRole('combobox', { name: exactName('Copy as') }).selectOption({ label: 'websocat' });
      await expectClean(page, `${theme}: saved messages form open, every section open`);

      await button(page, 'New connection').click();
      await page.getByRole('combobox', { name: exactName('Connect via') }).selectOption({ label: 'Local agent' });
      await expect.poll(() => page.getByRole('status', { name: exactName('Agent status') }).textContent()).toMatch(/answers/);
      await connect(page, `${app.wsOrigin}/echo`);
      await expect.poll(() => page.getByRole('region', { name: exactName('Handshake') }).textContent()).toMatch(/101/);
      await expectClean(page, `${theme}: connected via the local agent, handshake shown`);

      await button(page, 'New connection').click();
      await urlBox(page).fill('simulator://local');
      await expectClean(page, `${theme}: several tabs`);

      await button(page, 'Keyboard shortcuts').click();
      await page.getByRole('dialog', { name: exactName('Keyboard shortcuts') }).waitFor();
      await expectClean(page, `${theme}: Keyboard shortcuts dialog`);
      expect(app.pageErrors).toEqual([]);
    });
  }

  it('screen readers: the log is no live region; a firehose is summarised every few seconds, not read message by message; a close is announced', async () => {
    const page = await app.newPage();
    expect(await messagesLog(page).getAttribute('aria-live')).toBe('off');
    // Every text the polite regions take, with when.
    await page.evaluate(() => {
      const heard: { at: number; text: string }[] = [];
      (window as unknown as { heard: typeof heard }).heard = heard;
      const observer = new MutationObserver(() => {
        for (const region of document.querySelectorAll('[aria-live="polite"]')) {
          const text = region.textContent ?? '';
          if (text && !heard.some((h) => h.text === text)) heard.push({ at: performance.now(), text });
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const heardTexts = () => page.evaluate(() => (window as unknown as { heard: { text: string }[] }).heard.map((h) => h.text));
    const started = await page.evaluate(() => performance.now());
    await connect(page, `${app.wsOrigin}/firehose?n=40000&size=16`);
    await waitForCount(page, 'Received', 40_000, 60_000);
    // The summary after the last messages.
    await expect.poll(async () => (await heardTexts()).filter((t) => t.startsWith('Received')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const ended = await page.evaluate(() => performance.now());
    await button(page, 'Disconnect').click();
    await expect.poll(async () => (await heardTexts()).some((t) => t.startsWith('Connection closed:')), { timeout: 20_000 }).toBe(true);
    const received = await counter(page, 'Received');
    const heard = await page.evaluate(() => (window as unknown as { heard: { at: number; text: string }[] }).heard);
    const traffic = heard.filter((h) => h.text.startsWith('Received'));
    // Thousands of messages, a handful of summaries, a few seconds apart (5 s by the timer; a loaded page renders some late).
    expect(received).toBeGreaterThan(1000);
    expect(traffic.length, JSON.stringify(heard)).toBeLessThanOrEqual(Math.ceil((ended - started) / 5000) + 1);
    expect(traffic[0]!.text).toMatch(/^Received [\d,]+ messages in the last (second|\d+ seconds)( \(about [\d,]+ a second\))?\.$/);
    for (let i = 1; i < traffic.length; i++) expect(traffic[i]!.at - traffic[i - 1]!.at, JSON.stringify(heard)).toBeGreaterThan(3000);
  }, 150_000);

  it('an imported log, in the system theme (dark)', async () => {
    const page = await app.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'to be exported');
    await waitForCount(page, 'Received', 1);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export log').click()]);
    const file = await download.path();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Import log').click()]);
    await chooser.setFiles(file);
    await expect.poll(() => page.getByRole('tab').filter({ hasText: '(imported)' }).count()).toBe(1);
    await expectClean(page, 'System (dark): an imported log');

    // The check itself works: text too faint for its background is found.
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.textContent = 'faint text';
      faint.style.cssText = 'color: #777; background: #888';
      document.querySelector('main')?.append(faint);
    });
    expect((await runAxe(page)).map((f) => f.id)).toContain('color-contrast');
    console.log(`axe results per state:\n  ${report.join('\n  ')}`);
  });
});
