/**
 * Never leak: a URL with a token and user-info, after connecting to Local Echo, shows up nowhere
 * with its secret: not in the share link, Copy as (default), Recent endpoints, the tab label, the
 * window title or an exported log. In real Chromium.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useApp } from './harness';
import { button, connect, exactName, openSection, sendMessage, waitForCount } from './helpers';

const app = useApp();
const SECRET = 'abc123';

describe('secrets', () => {
  it('appear in no share link, command, list, tab, title or export', async () => {
    const page = await app.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.appUrl).origin });
    const origin = new URL(app.wsOrigin);
    const url = `${origin.protocol}//me${SECRET}:pw${SECRET}@${origin.host}/echo?token=${SECRET}&x=1`;
    await connect(page, url, `chat, base64url.bearer.authorization.k8s.io.${SECRET}`);
    await sendMessage(page, 'hello');
    await waitForCount(page, 'Received', 1);
    const share = page.getByRole('region', { name: exactName('Share') });
    await openSection(page, 'Share');

    // Share link: the fragment is base64url JSON, so read what it carries too.
    await button(page, 'Copy link').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('#share=');
    const carried = Buffer.from(new URL(link).hash.slice('#share='.length), 'base64url').toString('utf8');
    expect(carried).toContain(`${origin.host}/echo?x=1`);
    expect(`${link}\n${carried}`).not.toContain(SECRET);
    expect(await share.textContent()).not.toContain(SECRET);

    // Copy as, as it comes: secrets become environment variables.
    await expect.poll(() => page.getByRole('checkbox', { name: exactName('Include secrets in command') }).isChecked()).toBe(false);
    await page.getByRole('combobox', { name: exactName('Copy as') }).selectOption({ label: 'websocat' });
    const snippet = (await share.locator('pre').textContent()) ?? '';
    expect(snippet).toContain('token=\'"$TOKEN"\'&x=1');
    await button(page, 'Copy command').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    expect(snippet).not.toContain(SECRET);

    // Recent endpoints: text, accessible names and tooltips.
    const recent = page.getByRole('list', { name: exactName('Recent endpoints') });
    await expect.poll(() => recent.textContent()).toContain(`${origin.host}/echo`);
    expect(await recent.evaluate((el) => el.outerHTML)).not.toContain(SECRET);

    // The tab label (and its tooltip) and the window title.
    const tab = page.getByRole('tablist', { name: exactName('Connections') }).getByRole('tab').first();
    expect(await tab.textContent()).toContain(`${origin.host}/echo`);
    expect(await tab.evaluate((el) => el.outerHTML)).not.toContain(SECRET);
    expect(await page.title()).toBe(`${origin.host}/echo — WebSocket Tester`);

    // An exported log, whose header says the secrets were redacted.
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Export log').click()]);
    const text = await readFile(await download.path(), 'utf8');
    expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ secrets: 'redacted', endpoint: expect.stringContaining(`${origin.host}/echo?token=REDACTED&x=1`) });
    expect(text).toContain('hello');
    expect(text).not.toContain(SECRET);
    expect(app.pageErrors).toEqual([]);
  });
});
