/** Export log → a JSON Lines download; Import log → a read-only view of the same entries. In real Chromium. */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { button, connect, exactName, rowTexts, sendMessage, urlBox, waitForCount, waitForRow } from './helpers';

const app = useApp();
let page: Page;

async function exportLog(p: Page): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([p.waitForEvent('download'), button(p, 'Export log').click()]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return { name: download.suggestedFilename(), lines: text.trimEnd().split('\n') };
}

describe('export and import', () => {
  it('exports text and binary entries as JSON Lines, and imports them into a read-only view', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo`);
    await sendMessage(page, 'hello, export');
    await sendMessage(page, 'DE AD BE EF', 'Hex');
    await waitForCount(page, 'Received', 2);
    await waitForRow(page, 'received', (t) => t.includes('de ad be ef'));

    const { name, lines } = await exportLog(page);
    expect(name).toMatch(/\.jsonl$/);
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({
      format: 'ws-tester-log',
      version: 1,
      endpoint: `${app.wsOrigin}/echo`,
      counters: { sent: 2, received: 2, bytesSent: 17, bytesReceived: 17 },
      entries: lines.length - 1,
    });
    const entries = lines.slice(1).map((l) => JSON.parse(l));
    for (const e of entries) expect(Date.parse(e.time)).not.toBeNaN();
    const messages = entries.filter((e) => e.kind === 'sent' || e.kind === 'received');
    expect(messages).toEqual([
      expect.objectContaining({ kind: 'sent', direction: 'out', size: 13, opcode: 'text', payload: 'hello, export' }),
      expect.objectContaining({ kind: 'received', direction: 'in', size: 13, opcode: 'text', payload: 'hello, export' }),
      expect.objectContaining({ kind: 'sent', direction: 'out', size: 4, opcode: 'binary', payloadBase64: '3q2+7w==' }),
      expect.objectContaining({ kind: 'received', direction: 'in', size: 4, opcode: 'binary', payloadBase64: '3q2+7w==' }),
    ]);
    expect(entries.some((e) => e.kind === 'state' && e.payload === 'OPEN')).toBe(true);

    // Import it (with one broken line added) into a read-only view.
    const dir = await mkdtemp(join(tmpdir(), 'ws-import-'));
    const file = join(dir, 'session.jsonl');
    await writeFile(file, [...lines.slice(0, 2), '{broken', ...lines.slice(2)].join('\n') + '\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Import log').click()]);
    await chooser.setFiles(file);

    const banner = page.getByRole('region', { name: exactName('Imported log') });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`Imported log: session.jsonl (read-only) — ${entries.length} entries, 1 problem`);
    expect(await banner.getByRole('alert').textContent()).toMatch(/line 3/);
    await waitForRow(page, 'received', (t) => t.includes('de ad be ef'));
    expect(await rowTexts(page, 'sent')).toEqual([expect.stringContaining('hello, export'), expect.stringMatching(/binary.*de ad be ef/)]);
    expect(await rowTexts(page, 'received')).toHaveLength(2);
    expect(await urlBox(page).inputValue()).toBe(`${app.wsOrigin}/echo`);
    const connectButton = button(page, 'Connect');
    expect(await connectButton.isDisabled()).toBe(true);
    expect(await connectButton.getAttribute('title')).toMatch(/read-only/);

    // Inspection works on it: a regex filter.
    await page.getByRole('checkbox', { name: exactName('Regex') }).check();
    await page.getByRole('searchbox', { name: exactName('Filter') }).fill('^hello, \\w+$');
    await expect.poll(() => rowTexts(page, 'received').then((t) => t.length)).toBe(1);
    expect(await page.locator('[role="log"] mark').first().textContent()).toBe('hello, export');

    // An export of the import carries the same entries.
    const again = await exportLog(page);
    expect(again.lines.slice(1).map((l) => JSON.parse(l)).map(({ time, kind, payload, payloadBase64 }) => ({ time, kind, payload, payloadBase64 })))
      .toEqual(entries.map(({ time, kind, payload, payloadBase64 }) => ({ time, kind, payload, payloadBase64 })));

    await banner.getByRole('button', { name: exactName('Back to live connection') }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await button(page, 'Disconnect').isEnabled()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('redacts a token in the URL unless Include secrets in export is checked', async () => {
    page = await app.newPage();
    await connect(page, `${app.wsOrigin}/echo?token=abc&room=1`);
    await sendMessage(page, 'hi');
    await waitForCount(page, 'Received', 1);

    const redacted = await exportLog(page);
    expect(JSON.parse(redacted.lines[0]!).endpoint).toBe(`${app.wsOrigin}/echo?token=REDACTED&room=1`);
    expect(redacted.lines.join('\n')).not.toContain('abc');

    await page.getByRole('checkbox', { name: exactName('Include secrets in export') }).check();
    const kept = await exportLog(page);
    expect(JSON.parse(kept.lines[0]!)).toMatchObject({ endpoint: `${app.wsOrigin}/echo?token=abc&room=1`, secrets: 'included' });
  });
});
