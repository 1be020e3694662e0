/** Locators and steps shared by the local-agent end-to-end tests. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { button, exactName, subprotocolsBox, urlBox, waitForState } from './helpers';

export const viaBox = (p: Page) => p.getByRole('combobox', { name: exactName('Connect via') });
export const headersBox = (p: Page) => p.getByRole('textbox', { name: exactName('Headers') });
export const handshake = (p: Page) => p.getByRole('region', { name: exactName('Handshake') });
export const agentStatus = (p: Page) => p.getByRole('status', { name: exactName('Agent status') });

/** Sets Connect via to Local agent and waits until the agent answers. */
export async function useLocalAgent(p: Page): Promise<Page> {
  await viaBox(p).selectOption({ label: 'Local agent' });
  await expect.poll(() => agentStatus(p).textContent()).toMatch(/Local agent \d+\.\d+\.\d+ answers/);
  return p;
}

/** Fills URL (no subprotocols), clicks Connect and, unless told otherwise, waits for OPEN. */
export async function connectTo(p: Page, url: string, expected: 'OPEN' | 'CLOSED' = 'OPEN'): Promise<void> {
  await urlBox(p).fill(url);
  await subprotocolsBox(p).fill('');
  await button(p, 'Connect').click();
  if (expected === 'OPEN') await waitForState(p, 'OPEN');
}
