/**
 * Real screens, in real Chromium: from 640x600 up the Messages log keeps at least a third of the
 * window (never under 200 px) and most of its width, and Send is in view without scrolling.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useApp } from './harness';
import { button, connect, messagesLog, rows, sendMessage, waitForCount } from './helpers';

const app = useApp();

const SIZES = [
  [640, 600],
  [1024, 640],
  [1440, 900],
  [1920, 1080],
] as const;

interface Box {
  top: number;
  bottom: number;
  height: number;
  width: number;
}

async function box(page: Page, name: 'log' | 'send'): Promise<Box> {
  const locator = name === 'log' ? messagesLog(page) : button(page, 'Send');
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: r.height, width: r.width };
  });
}

async function expectUsable(page: Page, width: number, height: number, state: string): Promise<void> {
  const log = await box(page, 'log');
  const send = await box(page, 'send');
  const scrolled = await page.evaluate(() => window.scrollY);
  const what = `${width}x${height}, ${state}: log ${Math.round(log.width)}x${Math.round(log.height)}, Send ${Math.round(send.top)}-${Math.round(send.bottom)}`;
  expect(log.height, what).toBeGreaterThanOrEqual(Math.max(200, height / 3) - 1);
  expect(log.width, what).toBeGreaterThan(width * 0.5);
  expect(scrolled, what).toBe(0);
  expect(send.top, what).toBeGreaterThanOrEqual(0);
  expect(send.bottom, what).toBeLessThanOrEqual(height);
  // The log is on screen too, from its top to its usable minimum.
  expect(log.top + Math.max(200, height / 3), what).toBeLessThanOrEqual(height + 1);
}

describe('layout for real screens', () => {
  for (const [width, height] of SIZES) {
    it(`${width}x${height}: the log keeps its room and Send is in view, empty, with traffic and with details open`, async () => {
      const page = await app.newPage();
      await page.setViewportSize({ width, height });
      await expectUsable(page, width, height, 'empty');

      await connect(page, `${app.wsOrigin}/echo`);
      for (let i = 0; i < 3; i++) await sendMessage(page, `message ${i}`);
      await waitForCount(page, 'Received', 3);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await expectUsable(page, width, height, 'connected with traffic');

      await rows(page, 'received').first().click();
      await page.getByRole('region', { name: 'Message details' }).waitFor();
      const log = await box(page, 'log');
      expect(log.height, `${width}x${height} with details open`).toBeGreaterThanOrEqual(Math.max(200, height / 3) - 1);
      expect(app.pageErrors).toEqual([]);
    });
  }
});
