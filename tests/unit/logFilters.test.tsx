import { afterAll, afterEach, beforeAll, beforeEach, describe, it, expect, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/App';
import { useAppStore } from '../../src/store/appStore';
import { disposeSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import { mockLayout } from './support/layout';
import { echoHandler, useWsServer } from './support/wsServer';
import { showOnlySession } from './support/sessions';

// msw stands in for the echo server (as in app.test.tsx).
useWsServer(echoHandler());

// jsdom has no layout: give every element a size so the virtual list renders its rows.
beforeAll(() => mockLayout(800, 1000));
afterAll(() => vi.restoreAllMocks());

let counter = 0;
let id = '';
beforeEach(() => {
  id = `filters-${++counter}`;
  showOnlySession(createSessionState(id));
});
afterEach(() => {
  const { sessions } = useAppStore.getState();
  for (const other of Object.keys(sessions)) if (other.startsWith('import-')) disposeSession(other);
  disposeSession(id);
});

function setup() {
  const user = userEvent.setup();
  render(<App />);
  return {
    user,
    log: () => screen.getByRole('log', { name: 'Messages' }),
    filter: () => screen.getByRole('searchbox', { name: 'Filter' }),
    box: (name: string) => screen.getByRole('checkbox', { name }),
    received: () => screen.getByRole('status', { name: 'Received' }),
  };
}
type Page = ReturnType<typeof setup>;

const countOf = (el: HTMLElement) => Number((el.textContent ?? '').replace(/\D/g, ''));
const rows = (page: Page) => Array.from(page.log().querySelectorAll<HTMLElement>('[data-kind]'));
const kinds = (page: Page) => rows(page).map((r) => r.dataset.kind);
const payloads = (page: Page, kind: string) =>
  rows(page).filter((r) => r.dataset.kind === kind).map((r) => r.querySelector('.log-row__payload')?.textContent ?? '');

/** Connects to the msw echo and sends each text, waiting for every echo. */
async function connectAndSend(page: Page, texts: string[]): Promise<void> {
  await page.user.type(screen.getByRole('textbox', { name: 'URL' }), 'ws://localhost/echo');
  await page.user.click(screen.getByRole('button', { name: 'Connect' }));
  await waitFor(() => expect(screen.getByRole('status', { name: 'Connection state' })).toHaveTextContent('OPEN'));
  const message = screen.getByRole('textbox', { name: 'Message' });
  for (const text of texts) {
    await page.user.clear(message);
    await page.user.click(message);
    await page.user.paste(text);
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
  }
  await waitFor(() => expect(countOf(page.received())).toBe(texts.length));
  await waitFor(() => expect(payloads(page, 'received')).toHaveLength(texts.length));
}

describe('log filters', () => {
  it('offers the Regex, Match case and kind checkboxes; kinds are on, the others off', () => {
    const page = setup();
    expect(page.box('Regex')).not.toBeChecked();
    expect(page.box('Match case')).not.toBeChecked();
    expect(page.box('Show sent')).toBeChecked();
    expect(page.box('Show received')).toBeChecked();
    expect(page.box('Show events')).toBeChecked();
  });

  it('Regex ^a.c$ shows only whole matches, highlighted as text', async () => {
    const page = setup();
    await connectAndSend(page, ['abc', 'abcd', 'xabc', 'a-c', '<b>abc</b>']);
    // Without Regex, the text is literal: no payload contains "^a.c$".
    await page.user.type(page.filter(), '^a.c$');
    await waitFor(() => expect(rows(page)).toHaveLength(0));
    await page.user.click(page.box('Regex'));
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['abc', 'a-c']));
    expect(kinds(page)).toEqual(['sent', 'received', 'sent', 'received']);
    const marks = Array.from(page.log().querySelectorAll('mark')).map((m) => m.textContent);
    expect(marks).toEqual(['abc', 'abc', 'a-c', 'a-c']);
    expect(screen.getByText(/Showing 4 of \d+ kept entries/)).toBeInTheDocument();

    // Markup in a payload is text, highlighted or not.
    await page.user.clear(page.filter());
    await page.user.type(page.filter(), '<b>');
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['<b>abc</b>']));
    expect(page.log().querySelector('b')).toBeNull();
    expect(Array.from(page.log().querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['<b>', '<b>']);
  });

  it('an invalid expression gets an alert naming the error and the log stays as it was', async () => {
    const page = setup();
    await connectAndSend(page, ['apple', 'banana', 'cherry']);
    await page.user.click(page.box('Regex'));
    await page.user.type(page.filter(), 'an');
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['banana']));
    const before = rows(page).map((r) => r.textContent);

    await page.user.type(page.filter(), '(');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/invalid regular expression/i);
    expect(alert).toHaveTextContent('an(');
    expect(page.filter()).toHaveAttribute('aria-invalid', 'true');
    expect(rows(page).map((r) => r.textContent)).toEqual(before);

    // Fixing it removes the alert and filters again.
    await page.user.type(page.filter(), ')');
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['banana']));

    // Turning Regex off makes the same text a literal, which is valid.
    await page.user.clear(page.filter());
    await page.user.type(page.filter(), '(');
    await screen.findByRole('alert');
    await page.user.click(page.box('Regex'));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await waitFor(() => expect(rows(page)).toHaveLength(0));
  });

  it('Match case tells upper from lower case', async () => {
    const page = setup();
    await connectAndSend(page, ['Hello', 'hello', 'HELLO']);
    await page.user.type(page.filter(), 'Hello');
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['Hello', 'hello', 'HELLO']));
    await page.user.click(page.box('Match case'));
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['Hello']));
    await page.user.click(page.box('Regex'));
    await page.user.clear(page.filter());
    await page.user.type(page.filter(), '^h');
    await waitFor(() => expect(payloads(page, 'received')).toEqual(['hello']));
  });

  it('Show sent, Show received and Show events narrow the log by kind', async () => {
    const page = setup();
    await connectAndSend(page, ['one', 'two']);
    await waitFor(() => expect(kinds(page)).toContain('state'));
    expect(kinds(page)).toContain('info');

    await page.user.click(page.box('Show received'));
    await waitFor(() => expect(kinds(page)).not.toContain('received'));
    expect(kinds(page).filter((k) => k === 'sent')).toHaveLength(2);
    expect(kinds(page)).toContain('state');

    await page.user.click(page.box('Show events'));
    await waitFor(() => expect(kinds(page)).toEqual(['sent', 'sent']));

    await page.user.click(page.box('Show sent'));
    await waitFor(() => expect(rows(page)).toHaveLength(0));
    expect(screen.getByText(/Showing 0 of \d+ kept entries/)).toBeInTheDocument();

    await page.user.click(page.box('Show received'));
    await waitFor(() => expect(kinds(page)).toEqual(['received', 'received']));

    await page.user.click(page.box('Show events'));
    await waitFor(() => expect(kinds(page)).toContain('state'));
    expect(kinds(page)).not.toContain('sent');
    for (const k of kinds(page)) expect(['received', 'state', 'info', 'close', 'error']).toContain(k);

    // Kinds and text combine.
    await page.user.type(page.filter(), 'two');
    await waitFor(() => expect(kinds(page)).toEqual(['received']));
  });

  it('imports an exported log into a read-only view with a banner, and goes back', async () => {
    const page = setup();
    const text = [
      JSON.stringify({ format: 'ws-tester-log', version: 1, endpoint: 'wss://example.test/feed?token=REDACTED', subprotocol: 'chat', extensions: '', counters: { sent: 1, received: 1, bytesSent: 5, bytesReceived: 4 } }),
      JSON.stringify({ time: '2025-01-01T00:00:00.000Z', kind: 'sent', direction: 'out', size: 5, opcode: 'text', payload: 'hello', format: 'text' }),
      'garbage',
      JSON.stringify({ time: '2025-01-01T00:00:01.000Z', kind: 'received', direction: 'in', size: 4, opcode: 'binary', payloadBase64: '3q2+7w==' }),
    ].join('\n');
    const file = new File([text], 'saved.jsonl', { type: 'application/x-ndjson' });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    await userEvent.setup({ pointerEventsCheck: 0 }).upload(input, file);

    const banner = await screen.findByRole('region', { name: 'Imported log' });
    expect(banner).toHaveTextContent('Imported log: saved.jsonl (read-only) — 2 entries, 1 problem');
    expect(within(banner).getByRole('alert')).toHaveTextContent(/line 3/);
    await waitFor(() => expect(kinds(page)).toEqual(['sent', 'received']));
    expect(payloads(page, 'received')[0]).toContain('de ad be ef');
    expect(screen.getByRole('textbox', { name: 'URL' })).toHaveValue('wss://example.test/feed?token=REDACTED');
    const connect = screen.getByRole('button', { name: 'Connect' });
    expect(connect).toBeDisabled();
    expect(connect).toHaveAttribute('title', expect.stringMatching(/read-only/));
    expect(countOf(page.received())).toBe(1);

    // The inspection features work on it.
    await page.user.click(page.box('Show sent'));
    await waitFor(() => expect(kinds(page)).toEqual(['received']));
    await page.user.click(page.box('Show sent'));

    await page.user.click(within(banner).getByRole('button', { name: 'Back to live connection' }));
    expect(screen.queryByRole('region', { name: 'Imported log' })).not.toBeInTheDocument();
    expect(useAppStore.getState().activeId).toBe(id);
    expect(screen.getByRole('button', { name: 'Connect' })).toBeEnabled();
    expect(Object.keys(useAppStore.getState().sessions).some((k) => k.startsWith('import-'))).toBe(false);
  });
});
