import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/App';
import { Composer } from '../../src/components/Composer';
import { Counters } from '../../src/components/Counters';
import { MessageDetails } from '../../src/components/MessageDetails';
import { TEXT_VIEW_MAX_BYTES } from '../../src/log/textCut';
import { payloadSize } from '../../src/codecs/payload';
import { getSession } from '../../src/store/appStore';
import { selectEntry } from '../../src/store/connectionActions';
import type { LogEntry } from '../../src/store/logEntry';
import { getLog } from '../../src/store/sessionReads';
import { disposeSession, findSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import { mockLayout } from './support/layout';
import { showOnlySession } from './support/sessions';

// The hex dump is a virtual list: give elements a size so its rows render in jsdom.
beforeAll(() => mockLayout(400, 1000));
afterAll(() => vi.restoreAllMocks());

let n = 0;
let id = '';
beforeEach(() => {
  id = `details-${++n}`;
  showOnlySession(createSessionState(id));
});
afterEach(() => disposeSession(id));

const AT = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

/** Adds an entry to the log (as the connection would) and returns it. */
function add(partial: Partial<LogEntry> & Pick<LogEntry, 'kind' | 'data'>): LogEntry {
  const isMessage = partial.kind === 'sent' || partial.kind === 'received';
  const entry = getLog(id).push({
    at: AT,
    size: isMessage ? payloadSize(partial.data) : 0,
    close: null,
    format: null,
    ...partial,
  });
  const runtime = findSession(id)!;
  act(() => {
    runtime.bumpLog();
    runtime.flush();
  });
  return entry;
}

function open(entry: LogEntry) {
  act(() => selectEntry(id, entry.seq));
}

function setup() {
  const user = userEvent.setup();
  render(
    <>
      <Composer id={id} />
      <Counters id={id} />
      <MessageDetails id={id} />
    </>,
  );
  return user;
}

const region = () => screen.getByRole('region', { name: 'Message details' });
const tab = (name: string) => within(region()).getByRole('tab', { name });
const panel = () => within(region()).getByRole('tabpanel');
/** Text of the hex dump lines in the DOM (toHaveTextContent would collapse their spacing). */
const dumpLines = () => Array.from(panel().querySelectorAll('.hexdump__line')).map((el) => el.textContent ?? '');
const bytes = (...values: number[]) => new Uint8Array(values).buffer;

describe('Message details', () => {
  it('is not shown until an entry is selected', () => {
    setup();
    add({ kind: 'received', data: 'hi' });
    expect(screen.queryByRole('region', { name: 'Message details' })).not.toBeInTheDocument();
  });

  it('shows kind, direction, exact ISO time, size and frame type, and opens JSON for an object', () => {
    setup();
    const entry = add({ kind: 'received', data: '{"type":"hello","n":[1,2,3],"ok":true,"none":null}' });
    open(entry);
    const r = region();
    expect(r).toHaveTextContent('received');
    expect(r).toHaveTextContent(/incoming/);
    expect(r).toHaveTextContent('2025-01-02T03:04:05.678Z');
    expect(r).toHaveTextContent(`${entry.size} bytes`);
    expect(r).toHaveTextContent(/Frame\s*text/);
    const tablist = within(r).getByRole('tablist', { name: 'View' });
    expect(within(tablist).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Text', 'JSON', 'Hex']);
    expect(tab('JSON')).toHaveAttribute('aria-selected', 'true');
    expect(tab('Text')).toHaveAttribute('aria-selected', 'false');
    expect(panel()).toHaveAttribute('aria-labelledby', tab('JSON').id);
    expect(within(panel()).getByRole('button', { name: /^root \(object, 4 keys\)$/ })).toHaveAttribute('aria-expanded', 'true');
    expect(panel().querySelector('.json-number')).toHaveTextContent('1');
    expect(panel().querySelector('.json-boolean')).toHaveTextContent('true');
    expect(panel().querySelector('.json-null')).toHaveTextContent('null');
  });

  it('switches views by click and with the arrow keys (WAI-ARIA tabs)', async () => {
    const user = setup();
    open(add({ kind: 'received', data: '{"a":1}' }));
    await user.click(tab('Text'));
    expect(tab('Text')).toHaveAttribute('aria-selected', 'true');
    expect(panel()).toHaveTextContent('{"a":1}');

    await user.click(tab('Hex'));
    expect(dumpLines()).toEqual(['00000000  7b 22 61 22 3a 31 7d' + ' '.repeat(28) + '  |{"a":1}|']);

    // Arrow keys move the selection and the focus; they wrap around.
    expect(tab('Hex')).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Text')).toHaveAttribute('aria-selected', 'true');
    expect(tab('Text')).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(tab('JSON')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(tab('Hex')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Home}');
    expect(tab('Text')).toHaveAttribute('aria-selected', 'true');
    // Only the selected tab is in the tab order.
    expect(within(region()).getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
  });

  it('opens Text for plain text, and the JSON view says it is not JSON and where', async () => {
    const user = setup();
    open(add({ kind: 'received', data: '{"a": 1,,}' }));
    expect(tab('Text')).toHaveAttribute('aria-selected', 'true');
    await user.click(tab('JSON'));
    expect(panel()).toHaveTextContent(/Not JSON/);
    expect(panel()).toHaveTextContent(/line 1, column 9/);
  });

  it('renders payload text as text, never as HTML', () => {
    setup();
    open(add({ kind: 'received', data: '<img src=x onerror="alert(1)"><b>bold</b>' }));
    expect(region().querySelector('img, b')).toBeNull();
    expect(panel()).toHaveTextContent('<img src=x onerror="alert(1)"><b>bold</b>');
  });

  it('opens Hex for binary, and shows binary in Text with replacement characters, marked as such', async () => {
    const user = setup();
    open(add({ kind: 'received', data: bytes(0xde, 0xad, 0xbe, 0xef, 0x41) }));
    expect(region()).toHaveTextContent(/Frame\s*binary/);
    expect(tab('Hex')).toHaveAttribute('aria-selected', 'true');
    expect(within(panel()).getByRole('list', { name: 'Hex dump' })).toBeInTheDocument();
    expect(dumpLines()[0]).toMatch(/^00000000  de ad be ef 41 {2,}\|\.\.\.\.A\|$/);
    await user.click(tab('Text'));
    expect(panel()).toHaveTextContent(/Binary frame shown as UTF-8 text; bytes that are not valid UTF-8/);
    expect(panel().querySelector('pre')?.textContent).toContain('\uFFFD');
    expect(panel().querySelector('pre')?.textContent).toContain('A');
  });

  it('renders only the visible lines of a 16 MiB hex dump', () => {
    setup();
    const big = new Uint8Array(16 * 1024 * 1024);
    big.set([0xca, 0xfe], 0);
    open(add({ kind: 'received', data: big.buffer }));
    const lines = dumpLines();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(200);
    expect(lines[0]).toMatch(/^00000000  ca fe 00 /);
  });

  it('shows a bounded prefix of huge text and says how much is not shown', () => {
    setup();
    const text = 'abcdefghij'.repeat(100_000); // 1,000,000 bytes
    open(add({ kind: 'received', data: text }));
    const pre = panel().querySelector('pre')!;
    expect(pre.textContent!.length).toBe(TEXT_VIEW_MAX_BYTES);
    expect(panel()).toHaveTextContent(`${(1_000_000 - TEXT_VIEW_MAX_BYTES).toLocaleString('en-US')} bytes`);
    expect(panel()).toHaveTextContent(/not shown/);
  });

  it('Resend puts text (as JSON if it was sent as JSON) into the composer without sending', async () => {
    const user = setup();
    const json = '{ "x": [1, 2] }';
    open(add({ kind: 'sent', data: json, format: 'json' }));
    const before = { ...getSession(id)!.counters };
    await user.click(within(region()).getByRole('button', { name: 'Resend' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue(json);
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('json');
    expect(getSession(id)!.counters).toEqual(before);
    expect(screen.getByRole('status', { name: 'Sent' })).toHaveTextContent('0');
    expect(getLog(id).length).toBe(1);
  });

  it('Resend puts binary into the composer as hex, or as base64 if it was sent so', async () => {
    const user = setup();
    open(add({ kind: 'received', data: bytes(0xde, 0xad, 0xbe, 0xef) }));
    await user.click(within(region()).getByRole('button', { name: 'Resend' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('de ad be ef');
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('hex');

    open(add({ kind: 'sent', data: bytes(0xde, 0xad, 0xbe, 0xef), format: 'base64' }));
    await user.click(within(region()).getByRole('button', { name: 'Resend' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('3q2+7w==');
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('base64');
    expect(getSession(id)!.counters.sent).toBe(0);
  });

  it('Download payload saves the whole payload through an object URL and a temporary link', async () => {
    const user = setup();
    const blobs: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test/1';
    });
    const revoke = vi.fn();
    const originalCreate = URL.createObjectURL;
    const originalRevoke = URL.revokeObjectURL;
    URL.createObjectURL = create as unknown as typeof URL.createObjectURL;
    URL.revokeObjectURL = revoke;
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    try {
      const size = 3 * 1024 * 1024;
      const entry = add({ kind: 'received', data: new Uint8Array(size).buffer });
      open(entry);
      await user.click(within(region()).getByRole('button', { name: 'Download payload' }));
      expect(create).toHaveBeenCalledTimes(1);
      expect(blobs[0]!.size).toBe(size);
      expect(clicked).toEqual([{ href: 'blob:test/1', download: `message-${entry.seq}.bin` }]);
      // The temporary link is gone again.
      expect(document.querySelector('a[download]')).toBeNull();
      expect(within(region()).getByRole('status')).toHaveTextContent(`message-${entry.seq}.bin`);

      open(add({ kind: 'sent', data: 'héllo', format: 'text' }));
      await user.click(within(region()).getByRole('button', { name: 'Download payload' }));
      expect(blobs[1]!.size).toBe(6);
      expect(clicked[1]!.download).toMatch(/^message-\d+\.txt$/);
    } finally {
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
      click.mockRestore();
    }
  });

  it('Copy payload copies text as is and binary as hex, and says which', async () => {
    const user = setup();
    open(add({ kind: 'received', data: 'copy me' }));
    await user.click(within(region()).getByRole('button', { name: 'Copy payload' }));
    expect(await navigator.clipboard.readText()).toBe('copy me');
    expect(within(region()).getByRole('status')).toHaveTextContent(/Copied 7 bytes as text/);

    open(add({ kind: 'received', data: bytes(0xde, 0xad) }));
    await user.click(within(region()).getByRole('button', { name: 'Copy payload' }));
    expect(await navigator.clipboard.readText()).toBe('de ad');
    expect(within(region()).getByRole('status')).toHaveTextContent(/Copied 2 bytes as hex/);
  });

  it('Close details and Escape clear the selection', async () => {
    const user = setup();
    open(add({ kind: 'received', data: 'x' }));
    await user.click(screen.getByRole('button', { name: 'Close details' }));
    expect(screen.queryByRole('region', { name: 'Message details' })).not.toBeInTheDocument();
    expect(getSession(id)!.selectedSeq).toBeNull();

    open(add({ kind: 'received', data: 'y' }));
    await user.click(tab('Hex'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Message details' })).not.toBeInTheDocument();
  });

  it('shows code, name, reason, clean and the explanation for a close entry', () => {
    setup();
    open(add({ kind: 'close', data: '', close: { code: 1006, reason: '', wasClean: false } }));
    const r = region();
    expect(r).toHaveTextContent(/Code\s*1006/);
    expect(r).toHaveTextContent('Abnormal Closure');
    expect(r).toHaveTextContent('no reason given');
    expect(r).toHaveTextContent(/Clean\s*no/);
    expect(r).toHaveTextContent(/closed without a close frame/);
    expect(within(r).queryByRole('tablist')).not.toBeInTheDocument();
    expect(within(r).queryByRole('button', { name: 'Resend' })).not.toBeInTheDocument();
  });

  it('shows the text of state, info and error entries', () => {
    setup();
    open(add({ kind: 'error', data: 'Something <b>broke</b>' }));
    expect(region()).toHaveTextContent('Something <b>broke</b>');
    expect(region()).toHaveTextContent(/event \(error\)/);
    expect(region().querySelector('b')).toBeNull();
  });

  it('says so when the selected entry is no longer kept', () => {
    setup();
    open(add({ kind: 'received', data: 'gone soon' }));
    act(() => {
      getLog(id).clear();
      findSession(id)!.bumpLog();
      findSession(id)!.flush();
    });
    expect(region()).toHaveTextContent(/no longer kept/);
  });
});

describe('Message details in the app', () => {
  it('opens on clicking a log row', async () => {
    const user = userEvent.setup();
    render(<App />);
    add({ kind: 'received', data: '{"from":"row"}' });
    const log = screen.getByRole('log', { name: 'Messages' });
    const row = await waitFor(() => {
      const found = log.querySelector<HTMLElement>('[data-kind="received"]');
      if (!found) throw new Error('no row yet');
      return found;
    });
    await user.click(row);
    expect(region()).toHaveTextContent('{"from":"row"}'.length + ' bytes');
    expect(tab('JSON')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Message details' })).not.toBeInTheDocument();
  });
});
