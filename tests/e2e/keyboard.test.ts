/**
 * Everything by keyboard alone, in real Chromium: Tab reaches every control in a sensible order
 * with a visible focus ring; Enter in URL connects; Ctrl+Enter sends; arrow keys move through the
 * log, Enter opens details, Escape closes them and focus returns to the row; the Connections tabs
 * use a roving tabindex with arrow keys, Home, End and Delete; `?` opens Keyboard shortcuts.
 * Also the Theme: remembered, and System follows prefers-color-scheme live.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { counter, exactName, messageBox, stateStatus, urlBox, waitForCount, waitForState } from './helpers';

const app = useApp();

interface Focused {
  /** Role or tag and accessible name, e.g. `button "Send"`. */
  label: string;
  /** A visible focus indicator: an outline (or a focus-within outline on the label around a checkbox). */
  ring: boolean;
}

/** What has focus now, and whether it shows a focus ring. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
    const role = el.getAttribute('role') ?? el.tagName.toLowerCase();
    const visibleOutline = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    };
    const ring = visibleOutline(el) || visibleOutline(el.closest('label'));
    return { label: `${role} "${name}"`, ring };
  });
}

/** Every control a keyboard user should reach: enabled, shown, in the tab order. */
function reachable(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
      .filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'file'))
      .map((el) => `${el.getAttribute('role') ?? el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40)}"`),
  );
}

describe('keyboard alone', () => {
  it('Tab reaches every control once, in reading order, each with a visible focus ring', async () => {
    const page = await app.newPage();
    const expected = await reachable(page);
    const seen: Focused[] = [];
    for (let i = 0; i < expected.length + 5; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (!now) break;
      if (seen.length && now.label === seen[0]!.label) break;
      seen.push(now);
    }
    const labels = seen.map((f) => f.label);
    console.log(`Tab order (${labels.length} stops): ${labels.join(' → ')}`);
    expect(labels).toEqual(expected);
    expect(seen.filter((f) => !f.ring).map((f) => f.label)).toEqual([]);
    // Sensible order: the header, the tabs, the endpoint bar, the log, then the composer.
    const at = (label: string) => labels.indexOf(label);
    const order = ['select "Theme"', 'button "Keyboard shortcuts"', 'tab', 'button "Close tab"', 'button "New connection"', 'input "URL"', 'button "Connect"', 'input "Filter"', 'log "Messages"', 'textarea "Message"', 'button "Send"'];
    const positions = order.map((label) => (label === 'tab' ? labels.findIndex((l) => l.startsWith('tab ')) : at(label)));
    expect(positions.every((p) => p >= 0), `${JSON.stringify(order)} in ${JSON.stringify(labels)}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('Enter in URL connects, Ctrl+Enter sends, arrows move through the log, Enter opens details, Escape closes them back to the row', async () => {
    const page = await app.newPage();
    await urlBox(page).focus();
    await page.keyboard.type(`${app.wsOrigin}/echo`);
    await page.keyboard.press('Enter');
    await waitForState(page, 'OPEN');

    await messageBox(page).focus();
    for (const text of ['one', 'two', 'three']) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
      await page.keyboard.press('Control+Enter');
    }
    await waitForCount(page, 'Received', 3);
    expect(await counter(page, 'Sent')).toBe(3);

    const log = page.getByRole('log', { name: exactName('Messages') });
    await log.focus();
    const focusedSeq = () => page.evaluate(() => document.activeElement?.getAttribute('data-seq') ?? null);
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('End');
    const last = await focusedSeq();
    expect(last).not.toBeNull();
    expect(await focusedText()).toContain('three');
    await page.keyboard.press('ArrowUp');
    const previous = await focusedSeq();
    expect(Number(previous)).toBe(Number(last) - 1);
    await page.keyboard.press('ArrowDown');
    expect(await focusedSeq()).toBe(last);
    await page.keyboard.press('ArrowUp');

    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: exactName('Message details') });
    await details.waitFor();
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    expect(await focusedSeq()).toBe(previous);
  });

  it('Connections tabs: one tab stop, arrows, Home and End switch, Delete closes; Close tab lies beside the tab', async () => {
    const page = await app.newPage();
    const newTab = page.getByRole('button', { name: exactName('New connection') });
    await newTab.click();
    await newTab.click();
    const tabs = page.getByRole('tablist', { name: exactName('Connections') }).getByRole('tab');
    expect(await tabs.count()).toBe(3);
    const tabStops = () => tabs.evaluateAll((els) => els.map((el) => (el as HTMLElement).tabIndex));
    const selected = () => tabs.evaluateAll((els) => els.findIndex((el) => el.getAttribute('aria-selected') === 'true'));
    const focusedTab = () => tabs.evaluateAll((els) => els.findIndex((el) => el === document.activeElement));
    expect(await tabStops()).toEqual([-1, -1, 0]);

    await tabs.nth(2).focus();
    await page.keyboard.press('Home');
    await expect.poll(focusedTab).toBe(0);
    expect(await selected()).toBe(0);
    expect(await tabStops()).toEqual([0, -1, -1]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focusedTab).toBe(1);
    expect(await selected()).toBe(1);
    await page.keyboard.press('End');
    await expect.poll(focusedTab).toBe(2);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focusedTab).toBe(0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focusedTab).toBe(2);

    // Tab from the active tab goes to its own Close tab, then to New connection.
    await page.keyboard.press('Tab');
    const closeName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(closeName).toBe('Close tab');
    const describedBy = await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'));
    expect(describedBy).toBe(await tabs.nth(2).getAttribute('id'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New connection');

    await tabs.nth(2).focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => tabs.count()).toBe(2);
    await expect.poll(focusedTab).toBe(1);
    expect(await page.locator('[role="tablist"] button').count()).toBe(0);
  });

  it('? outside a text field opens Keyboard shortcuts, listing every shortcut; Escape closes it and focus returns', async () => {
    const page = await app.newPage();
    const dialog = page.getByRole('dialog', { name: exactName('Keyboard shortcuts') });
    // Typed in a text field, ? is just a character.
    await messageBox(page).fill('');
    await page.keyboard.type('?');
    expect(await messageBox(page).inputValue()).toBe('?');
    expect(await dialog.count()).toBe(0);

    const connectButton = page.getByRole('button', { name: exactName('Connect') });
    await connectButton.focus();
    await page.keyboard.press('?');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const keys of ['?', 'Ctrl+Enter', 'Enter', 'Escape', 'Home', 'End', 'Delete', 'Ctrl+1', 'Page Up', 'Tab']) expect(text).toContain(keys);
    for (const where of ['URL', 'Message', 'Messages log', 'Connections tabs', 'Message details']) expect(text).toContain(where);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Connect');
    await expect.poll(() => stateStatus(page).textContent()).toContain('CLOSED');
  });

  it('Theme is remembered across a reload, and System follows prefers-color-scheme live', async () => {
    const page = await app.newPage();
    const theme = page.getByRole('combobox', { name: exactName('Theme') });
    const background = () => page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor);
    expect(await theme.inputValue()).toBe('system');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);

    await theme.selectOption({ label: 'Light' });
    expect(await background()).toBe(light);
    await page.reload();
    expect(await page.getByRole('combobox', { name: exactName('Theme') }).inputValue()).toBe('light');
    expect(await background()).toBe(light);

    await page.getByRole('combobox', { name: exactName('Theme') }).selectOption({ label: 'System' });
    expect(await background()).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe(light);
  });
});
