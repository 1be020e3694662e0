import { afterAll, afterEach, beforeAll, beforeEach, describe, it, expect, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ws } from 'msw';
import { App } from '../../src/App';
import { getLog } from '../../src/store/sessionReads';
import { disposeSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import { mockLayout } from './support/layout';
import { echoHandler, useWsServer } from './support/wsServer';
import { showOnlySession } from './support/sessions';

// ---------------------------------------------------------------------------
// msw stands in for the echo server.
// ---------------------------------------------------------------------------

let connections: string[] = [];
let serverGot: unknown[] = [];
const anyEndpoint = ws.link(/.*/);
useWsServer(
  anyEndpoint.addEventListener('connection', ({ client }) => {
    connections.push(client.url.href);
    client.addEventListener('message', (event) => serverGot.push(event.data));
  }),
  echoHandler(),
);

// ---------------------------------------------------------------------------
// The log is virtualised; TanStack Virtual sizes its viewport from the scroll
// element's clientWidth/clientHeight (observeElementRect → getRect), which are 0
// in jsdom. Give every element a size so the rows render.
// ---------------------------------------------------------------------------

beforeAll(() => mockLayout(800, 1000));
afterAll(() => vi.restoreAllMocks());

// A fresh, active connection slice per test: the store is module-level.
let counter = 0;
let id = '';
beforeEach(() => {
  connections = [];
  serverGot = [];
  id = `app-${++counter}`;
  showOnlySession(createSessionState(id));
});
afterEach(() => disposeSession(id));

// ---------------------------------------------------------------------------

function setup() {
  const user = userEvent.setup();
  render(<App />);
  return {
    user,
    url: () => screen.getByRole('textbox', { name: 'URL' }),
    subprotocols: () => screen.getByRole('textbox', { name: 'Subprotocols' }),
    message: () => screen.getByRole('textbox', { name: 'Message' }),
    state: () => screen.getByRole('status', { name: 'Connection state' }),
    log: () => screen.getByRole('log', { name: 'Messages' }),
    sent: () => screen.getByRole('status', { name: 'Sent' }),
    received: () => screen.getByRole('status', { name: 'Received' }),
  };
}
type Page = ReturnType<typeof setup>;

async function connectTo(page: Page, url = 'ws://localhost/echo', subprotocols = ''): Promise<void> {
  await page.user.clear(page.url());
  await page.user.type(page.url(), url);
  if (subprotocols) await page.user.type(page.subprotocols(), subprotocols);
  await page.user.click(screen.getByRole('button', { name: 'Connect' }));
  await waitFor(() => expect(page.state()).toHaveTextContent('OPEN'));
}

/** Puts text into the Message box (paste: user-event's type() treats { and [ as key names). */
async function writeMessage(page: Page, text: string): Promise<void> {
  await page.user.clear(page.message());
  await page.user.click(page.message());
  await page.user.paste(text);
}

const countOf = (el: HTMLElement) => Number((el.textContent ?? '').replace(/\D/g, ''));
const rows = (page: Page) => Array.from(page.log().querySelectorAll<HTMLElement>('[data-kind]'));
const rowsOfKind = (page: Page, kind: string) => rows(page).filter((r) => r.dataset.kind === kind);

// ---------------------------------------------------------------------------

describe('App', () => {
  it('starts CLOSED, offering Connect, with an empty log and zero counters', () => {
    const page = setup();
    expect(page.state()).toHaveTextContent('CLOSED');
    expect(page.state().textContent).not.toMatch(/CONNECTING|OPEN|CLOSING/);
    expect(screen.getByRole('button', { name: 'Connect' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Disconnect' })).not.toBeInTheDocument();
    expect(rows(page)).toHaveLength(0);
    expect(countOf(page.sent())).toBe(0);
    expect(countOf(page.received())).toBe(0);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('a URL with an unsupported scheme gets an alert naming it; nothing is opened; the text is kept', async () => {
    const page = setup();
    await page.user.type(page.url(), 'ftp://x');
    await page.user.click(screen.getByRole('button', { name: 'Connect' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/ftp/);
    expect(alert).toHaveTextContent(/scheme/i);
    expect(page.url()).toHaveValue('ftp://x');
    expect(page.state()).toHaveTextContent('CLOSED');
    expect(screen.getByRole('button', { name: 'Connect' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(connections).toEqual([]);
  });

  it('pressing Enter in URL submits like Connect', async () => {
    const page = setup();
    await page.user.type(page.url(), 'ftp://x{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/ftp/);
  });

  it('an invalid subprotocol gets an alert and nothing is opened', async () => {
    const page = setup();
    await page.user.type(page.url(), 'ws://localhost/echo');
    await page.user.type(page.subprotocols(), 'chat@v1');
    await page.user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/chat@v1/);
    expect(page.state()).toHaveTextContent('CLOSED');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(connections).toEqual([]);
  });

  it('fixing the URL removes the alert', async () => {
    const page = setup();
    await page.user.type(page.url(), 'ftp://x');
    await page.user.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByRole('alert');
    await page.user.clear(page.url());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('connects: state OPEN, button Disconnect, negotiated subprotocol shown', async () => {
    const page = setup();
    await connectTo(page, 'ws://localhost/echo', 'chat');
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Connect' })).not.toBeInTheDocument();
    expect(connections).toEqual(['ws://localhost/echo']);
    expect(screen.getByText('chat', { selector: 'dd' })).toBeInTheDocument();
    await waitFor(() => expect(rowsOfKind(page, 'state').map((r) => r.textContent)).toEqual([
      expect.stringContaining('CONNECTING'),
      expect.stringContaining('OPEN'),
    ]));
  });

  it('Ctrl+Enter sends the message: Sent 1, then the echo makes Received 1', async () => {
    const page = setup();
    await connectTo(page);
    await writeMessage(page, 'hello there');
    await page.user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(countOf(page.sent())).toBe(1));
    await waitFor(() => expect(countOf(page.received())).toBe(1));
    expect(serverGot).toEqual(['hello there']);
    // The body is kept after sending.
    expect(page.message()).toHaveValue('hello there');
    await waitFor(() => {
      expect(rowsOfKind(page, 'sent')).toHaveLength(1);
      expect(rowsOfKind(page, 'received')).toHaveLength(1);
    });
    expect(rowsOfKind(page, 'sent')[0]).toHaveTextContent('hello there');
    expect(rowsOfKind(page, 'received')[0]).toHaveTextContent('hello there');
  });

  it('Enter alone inserts a line break and does not send', async () => {
    const page = setup();
    await connectTo(page);
    await page.user.click(page.message());
    await page.user.keyboard('a{Enter}b');
    expect(page.message()).toHaveValue('a\nb');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(serverGot).toEqual([]);
  });

  it('the Send button sends too', async () => {
    const page = setup();
    await connectTo(page);
    await writeMessage(page, 'via button');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(countOf(page.received())).toBe(1));
    expect(serverGot).toEqual(['via button']);
  });

  it('sending while CLOSED gets an alert and the message is kept', async () => {
    const page = setup();
    await writeMessage(page, 'nobody listens');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/CLOSED/);
    expect(page.message()).toHaveValue('nobody listens');
    expect(countOf(page.sent())).toBe(0);
  });

  it('invalid JSON with Format JSON gets an alert with line and column; nothing sent; message kept', async () => {
    const page = setup();
    await connectTo(page);
    await page.user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'JSON');
    const body = '{\n  "a": 1,\n}';
    await writeMessage(page, body);
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/line 3/);
    expect(alert).toHaveTextContent(/column 1/);
    expect(page.message()).toHaveValue(body);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(serverGot).toEqual([]);
    expect(countOf(page.sent())).toBe(0);
  });

  it('Hex sends a binary frame, shown in the log as hex', async () => {
    const page = setup();
    await connectTo(page);
    await page.user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'Hex');
    await writeMessage(page, 'DE:AD:BE:EF');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(countOf(page.received())).toBe(1));
    const got = serverGot[0];
    expect(typeof got).not.toBe('string');
    await waitFor(() => expect(rowsOfKind(page, 'received')).toHaveLength(1));
    expect(rowsOfKind(page, 'received')[0]).toHaveTextContent('de ad be ef');
    expect(rowsOfKind(page, 'sent')[0]).toHaveTextContent('de ad be ef');
  });

  it('a received HTML payload is shown as text, never as HTML', async () => {
    const page = setup();
    await connectTo(page);
    const payload = '<img src=x onerror="window.__pwned=1">';
    await writeMessage(page, payload);
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(rowsOfKind(page, 'received')).toHaveLength(1));
    expect(rowsOfKind(page, 'received')[0]!.textContent).toContain(payload);
    expect(page.log().textContent).toContain(payload);
    expect(page.log().querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('Filter narrows the log to the entries whose payload contains the text', async () => {
    const page = setup();
    await connectTo(page);
    for (const text of ['apple pie', 'banana split', 'APPLE juice']) {
      await writeMessage(page, text);
      await page.user.click(screen.getByRole('button', { name: 'Send' }));
    }
    await waitFor(() => expect(countOf(page.received())).toBe(3));
    await waitFor(() => expect(rowsOfKind(page, 'received')).toHaveLength(3));
    expect(rowsOfKind(page, 'state').length).toBeGreaterThan(0);

    await page.user.type(screen.getByRole('searchbox', { name: 'Filter' }), 'apple');
    await waitFor(() => expect(rows(page)).toHaveLength(4));
    expect(rows(page).map((r) => r.dataset.kind)).toEqual(['sent', 'received', 'sent', 'received']);
    for (const row of rows(page)) expect(row.textContent?.toLowerCase()).toContain('apple');
    expect(page.log()).not.toHaveTextContent('banana');
    // Counters still count everything.
    expect(countOf(page.sent())).toBe(3);
    expect(countOf(page.received())).toBe(3);

    await page.user.clear(screen.getByRole('searchbox', { name: 'Filter' }));
    await waitFor(() => expect(rowsOfKind(page, 'received')).toHaveLength(3));
    expect(page.log()).toHaveTextContent('banana split');
  });

  it('Filter shows new matching entries as they arrive', async () => {
    const page = setup();
    await connectTo(page);
    await waitFor(() => expect(rowsOfKind(page, 'state').length).toBeGreaterThan(0));
    await page.user.type(screen.getByRole('searchbox', { name: 'Filter' }), 'needle');
    await waitFor(() => expect(rows(page)).toHaveLength(0));
    await writeMessage(page, 'hay');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await writeMessage(page, 'a needle here');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(countOf(page.received())).toBe(2));
    await waitFor(() => expect(rows(page).map((r) => r.dataset.kind)).toEqual(['sent', 'received']));
    expect(page.log()).not.toHaveTextContent('hay');
  });

  it('Clear log empties the log but the counters remain', async () => {
    const page = setup();
    await connectTo(page);
    await writeMessage(page, 'one');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(rowsOfKind(page, 'received')).toHaveLength(1));
    await page.user.click(screen.getByRole('button', { name: 'Clear log' }));
    await waitFor(() => expect(rows(page)).toHaveLength(0));
    expect(countOf(page.sent())).toBe(1);
    expect(countOf(page.received())).toBe(1);
    expect(page.state()).toHaveTextContent('OPEN');
    // New traffic appears after clearing, and counters keep counting.
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(countOf(page.received())).toBe(2));
    await waitFor(() => expect(rows(page).map((r) => r.dataset.kind)).toEqual(['sent', 'received']));
  });

  it('close code 999 gets an alert and the connection stays OPEN', async () => {
    const page = setup();
    await connectTo(page);
    await page.user.type(screen.getByRole('textbox', { name: 'Close code' }), '999');
    await page.user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/999/);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(page.state()).toHaveTextContent('OPEN');
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeInTheDocument();
  });

  it('a close reason over 123 bytes gets an alert and the connection stays OPEN', async () => {
    const page = setup();
    await connectTo(page);
    await page.user.type(screen.getByRole('textbox', { name: 'Close code' }), '1000');
    await page.user.click(screen.getByRole('textbox', { name: 'Close reason' }));
    await page.user.paste('r'.repeat(124));
    await page.user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/123/);
    expect(page.state()).toHaveTextContent('OPEN');
  });

  it('Disconnect with 4000 "bye" shows a close entry with code, name, reason and cleanliness', async () => {
    const page = setup();
    await connectTo(page);
    await page.user.type(screen.getByRole('textbox', { name: 'Close code' }), '4000');
    await page.user.type(screen.getByRole('textbox', { name: 'Close reason' }), 'bye');
    await page.user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(page.state()).toHaveTextContent('CLOSED'));
    expect(screen.getByRole('button', { name: 'Connect' })).toBeInTheDocument();
    await waitFor(() => expect(rowsOfKind(page, 'close')).toHaveLength(1));
    const close = rowsOfKind(page, 'close')[0]!;
    expect(close).toHaveTextContent('4000');
    expect(close).toHaveTextContent('Private use');
    expect(close).toHaveTextContent('bye');
    expect(close).toHaveTextContent(/clean close/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('many messages: counters exact, rows rendered only for the visible part', async () => {
    const page = setup();
    await connectTo(page);
    await writeMessage(page, 'x');
    for (let i = 0; i < 300; i++) await page.user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(countOf(page.received())).toBe(300), { timeout: 10_000 });
    expect(countOf(page.sent())).toBe(300);
    expect(getLog(id).length).toBeGreaterThanOrEqual(600);
    await waitFor(() => expect(rows(page).length).toBeGreaterThan(0));
    expect(rows(page).length).toBeLessThan(100);
  }, 30_000);
});

describe('log rendering', () => {
  it('every row inside the log carries one of the documented data-kind values', async () => {
    const page = setup();
    await connectTo(page);
    await writeMessage(page, 'k');
    await page.user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(countOf(page.received())).toBe(1));
    await waitFor(() => expect(rowsOfKind(page, 'received')).toHaveLength(1));
    const allowed = ['sent', 'received', 'state', 'close', 'error', 'info'];
    for (const row of rows(page)) expect(allowed).toContain(row.dataset.kind);
  });
});
