/** Import log with hostile files: garbage lines, lying fields, and a file too big to read at once. In real Chromium. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { exactName, messageBox, messagesLog, rows, urlBox } from './helpers';

const app = useApp();
let dir: string;
const T = Date.UTC(2025, 0, 2, 3, 4, 5);
const HEADER = JSON.stringify({ format: 'ws-tester-log', version: 1, endpoint: 'ws://example.test/feed', counters: { sent: 0, received: 1e9, bytesSent: 0, bytesReceived: 1 } });
const received = (i: number, payload: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ time: new Date(T + i).toISOString(), kind: 'received', direction: 'in', opcode: 'text', payload, ...extra });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ws-import-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a log of about `size` bytes of ~200-byte received lines to `path`; returns the number of entries. */
async function writeLines(path: string, size: number): Promise<number> {
  const out = createWriteStream(path);
  out.write(HEADER + '\n');
  const padding = 'p'.repeat(150);
  let bytes = 0;
  let count = 0;
  while (bytes < size) {
    const line = received(count, `message ${count} ${padding}`) + '\n';
    bytes += line.length;
    count++;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return count;
}

const fileInput = (page: Page) => page.locator('input[type="file"][data-testid="import-log-file"]');
const banner = (page: Page) => page.getByRole('region', { name: exactName('Imported log') });
const progressBar = (page: Page) => page.getByRole('progressbar', { name: exactName('Import progress') });
const counterValue = async (page: Page, name: string) =>
  Number(((await page.getByRole('status', { name: exactName(name) }).textContent()) ?? '').replace(/\D/g, ''));

describe('importing hostile files', () => {
  it('imports the valid lines of a file full of garbage, with a bounded list of problems', async () => {
    const page = await app.newPage();
    const lines = [HEADER];
    for (let i = 0; i < 3000; i++) lines.push(i % 10 === 0 ? received(i, `good ${i}`) : i % 3 ? 'garbage' : '{"time":');
    const file = join(dir, 'garbage.jsonl');
    await writeFile(file, lines.join('\n') + '\n');
    await fileInput(page).setInputFiles(file);

    await banner(page).waitFor();
    expect(await banner(page).textContent()).toContain('Imported log: garbage.jsonl (read-only) — 300 entries, 2,700 problems');
    const alert = (await banner(page).getByRole('alert').textContent()) ?? '';
    expect(alert).toContain('line 3: not a JSON object');
    expect(alert).toMatch(/line 5: not valid JSON/);
    expect(alert).toContain('…and 2,600 more lines could not be read');
    expect(alert.split('\n').filter((l) => l.startsWith('line '))).toHaveLength(100); // the first 100 kept, the rest counted
    expect(alert.trimEnd().split('\n').at(-1)).toBe('…and 2,600 more lines could not be read');
    // Counters count what the file holds, not what its header claims.
    expect(await counterValue(page, 'Received')).toBe(300);
    expect(await rows(page, 'received').first().textContent()).toContain('good 0');
    expect(app.pageErrors).toEqual([]);
  });

  it('a time of 1e20 and a size of 1 on a 20 MB payload neither blank the page nor hide the real size', async () => {
    const page = await app.newPage();
    const big = 'x'.repeat(20 * 1024 * 1024);
    const file = join(dir, 'lies.jsonl');
    await writeFile(file, [HEADER, '{"time":1e20,"kind":"received","payload":"hi"}', received(1, big, { size: 1 }), received(2, 'after')].join('\n'));
    await fileInput(page).setInputFiles(file);

    await banner(page).waitFor({ timeout: 30_000 });
    expect(await banner(page).textContent()).toContain('2 entries, 1 problem');
    expect(await banner(page).getByRole('alert').textContent()).toMatch(/line 2: its time 100000000000000000000 is not between the year 2000 and tomorrow/);
    // The page is still there: the endpoint bar and the log render.
    expect(await urlBox(page).inputValue()).toBe('ws://example.test/feed');
    await messagesLog(page).waitFor();

    await rows(page, 'received').filter({ hasText: 'xxxx' }).click();
    const details = page.getByRole('region', { name: exactName('Message details') });
    await details.waitFor();
    expect(await details.textContent()).toContain('20,971,520 bytes (20.0 MiB)');
    expect(await counterValue(page, 'Bytes received')).toBeGreaterThan(20_000_000);
    expect(app.pageErrors).toEqual([]);
  });

  it('reads a 50 MB file in slices into a bounded log; a 200 MB one shows progress, keeps typing responsive and can be cancelled', async () => {
    const page = await app.newPage();
    const file = join(dir, 'big.jsonl');
    const count = await writeLines(file, 50 * 1024 * 1024);

    // Read it to the end, recording every task the page runs for longer than 50 ms.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await fileInput(page).setInputFiles(file);
    await progressBar(page).waitFor();
    await banner(page).waitFor({ timeout: 90_000 });
    const seconds = (Date.now() - started) / 1000;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`50 MB import (${count} lines) in ${seconds.toFixed(1)} s; tasks over 50 ms: ${longTasks.length ? longTasks.join(', ') + ' ms' : 'none'}`);
    expect(Math.max(0, ...longTasks)).toBeLessThan(300);
    // The log keeps the newest entries, as a live log would; the counters count every line.
    expect(await banner(page).textContent()).toContain('100,000 entries, 0 problems');
    expect(await counterValue(page, 'Received')).toBe(count);
    expect(await page.getByText(`${(count - 100_000).toLocaleString('en-US')} older entries are no longer kept`, { exact: false }).count()).toBe(1);
    expect(await rows(page, 'received').first().textContent()).toContain(`message ${count - 100_000} `);
    await banner(page).getByRole('button', { name: exactName('Back to live connection') }).click();
    await banner(page).waitFor({ state: 'detached' });

    // A 200 MB file on a machine twice as slow: it shows progress, typing still works, and Cancel import leaves nothing behind.
    const huge = join(dir, 'huge.jsonl');
    await writeLines(huge, 200 * 1024 * 1024);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 2 });
    await fileInput(page).setInputFiles(huge);
    await progressBar(page).waitFor();
    await expect.poll(() => progressBar(page).getAttribute('value').then(Number)).toBeGreaterThan(0);
    await messageBox(page).pressSequentially('typing while it imports', { delay: 5 });
    expect(await messageBox(page).inputValue()).toBe('typing while it imports');
    expect(await progressBar(page).isVisible()).toBe(true);
    await page.getByRole('button', { name: exactName('Cancel import') }).click();
    await progressBar(page).waitFor({ state: 'detached' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    expect(await banner(page).count()).toBe(0);
    expect(await page.getByRole('tab').filter({ hasText: '(imported)' }).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await messageBox(page).inputValue()).toBe('typing while it imports');
    expect(await urlBox(page).inputValue()).toBe('');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
