/**
 * Small page helpers for the end-to-end flows. They find controls only by the roles and
 * accessible names in UI-CONTRACT.md.
 */
import { expect } from 'vitest';
import type { Locator, Page, WebSocket as PwWebSocket } from 'playwright-core';

export type ReadyStateName = 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';

/** A name matched case-insensitively and exactly, as the contract says. */
export function exactName(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
}

export const urlBox = (page: Page) => page.getByRole('textbox', { name: exactName('URL') });
export const subprotocolsBox = (page: Page) => page.getByRole('textbox', { name: exactName('Subprotocols') });
export const presetBox = (page: Page) => page.getByRole('combobox', { name: exactName('Preset') });
export const formatBox = (page: Page) => page.getByRole('combobox', { name: exactName('Format') });
export const messageBox = (page: Page) => page.getByRole('textbox', { name: exactName('Message') });
export const closeCodeBox = (page: Page) => page.getByLabel(exactName('Close code'));
export const closeReasonBox = (page: Page) => page.getByLabel(exactName('Close reason'));
export const button = (page: Page, name: string) => page.getByRole('button', { name: exactName(name) });
export const stateStatus = (page: Page) => page.getByRole('status', { name: exactName('Connection state') });
export const messagesLog = (page: Page) => page.getByRole('log', { name: exactName('Messages') });
export const alerts = (page: Page) => page.getByRole('alert');

/** Log entries of one kind currently in the DOM (the log is virtualised and follows the newest entry). */
export const rows = (page: Page, kind: 'sent' | 'received' | 'state' | 'close' | 'error' | 'info' | 'handshake' | 'ping' | 'pong') =>
  messagesLog(page).locator(`[data-kind="${kind}"]`);

/** A counter's value, with separators stripped. */
export async function counter(page: Page, name: 'Sent' | 'Received'): Promise<number> {
  const text = (await page.getByRole('status', { name: exactName(name) }).textContent()) ?? '';
  return Number(text.replace(/\D/g, '') || 'NaN');
}

/** The one state word the Connection state status contains. */
export async function readyState(page: Page): Promise<ReadyStateName | string> {
  const text = (await stateStatus(page).textContent()) ?? '';
  const found = text.match(/\b(CONNECTING|OPEN|CLOSING|CLOSED)\b/g) ?? [];
  return found.length === 1 ? (found[0] as ReadyStateName) : `unexpected: ${JSON.stringify(text)}`;
}

export async function waitForState(page: Page, state: ReadyStateName, timeout = 10_000): Promise<void> {
  await expect.poll(() => readyState(page), { timeout }).toBe(state);
}

export async function waitForCount(page: Page, name: 'Sent' | 'Received', value: number, timeout = 10_000): Promise<void> {
  await expect.poll(() => counter(page, name), { timeout }).toBe(value);
}

/** Text of every log entry of a kind now in the DOM. */
export async function rowTexts(page: Page, kind: Parameters<typeof rows>[1]): Promise<string[]> {
  return rows(page, kind).evaluateAll((els) => els.map((el) => el.textContent ?? ''));
}

/** Waits until the newest entry of a kind in the DOM satisfies `match`, and returns its text. */
export async function waitForRow(page: Page, kind: Parameters<typeof rows>[1], match: (text: string) => boolean, timeout = 10_000): Promise<string> {
  let found = '';
  await expect
    .poll(async () => {
      const texts = await rowTexts(page, kind);
      found = [...texts].reverse().find(match) ?? '';
      return found !== '';
    }, { timeout })
    .toBe(true);
  return found;
}

/** Fills URL (and Subprotocols), clicks Connect and waits for OPEN. */
export async function connect(page: Page, url: string, subprotocols = ''): Promise<void> {
  await urlBox(page).fill(url);
  await subprotocolsBox(page).fill(subprotocols);
  await button(page, 'Connect').click();
  await waitForState(page, 'OPEN');
}

/** Sets Format, fills Message and clicks Send. */
export async function sendMessage(page: Page, text: string, format: 'Text' | 'JSON' | 'Hex' | 'Base64' = 'Text'): Promise<void> {
  await formatBox(page).selectOption({ label: format });
  await messageBox(page).fill(text);
  await button(page, 'Send').click();
}

/** Waits until exactly one alert is shown and returns its text. */
export async function waitForAlert(page: Page): Promise<string> {
  await expect.poll(() => alerts(page).count()).toBe(1);
  const alert = alerts(page);
  await alert.waitFor({ state: 'visible' });
  return (await alert.textContent()) ?? '';
}

export interface SocketWatch {
  sockets: PwWebSocket[];
  framesSent: (string | Buffer)[];
  framesReceived: (string | Buffer)[];
}

/** Records every WebSocket the page opens and their frames, from now on. */
export function watchSockets(page: Page): SocketWatch {
  const watch: SocketWatch = { sockets: [], framesSent: [], framesReceived: [] };
  page.on('websocket', (ws) => {
    watch.sockets.push(ws);
    ws.on('framesent', (frame) => watch.framesSent.push(frame.payload));
    ws.on('framereceived', (frame) => watch.framesReceived.push(frame.payload));
  });
  return watch;
}

/** Resolves once `locator` is attached, so a test fails with a clear timeout if it never appears. */
export async function attached(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.waitFor({ state: 'attached', timeout });
  return locator;
}

/**
 * Opens a side-panel section that folds away (`Closing`, `Staying connected`, `Saved messages`,
 * `Recent endpoints`, `Share`) unless it is open; a folded section's controls are hidden.
 */
export async function openSection(page: Page, title: string): Promise<void> {
  const region = page.getByRole('region', { name: exactName(title) });
  const toggle = region.getByRole('button', { name: exactName(title) });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await region.getByRole('button', { name: exactName(title), expanded: true }).waitFor();
}
