import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionDetails } from '../../src/components/ConnectionDetails';
import { JsonTree } from '../../src/components/JsonTree';
import { LogRow } from '../../src/components/LogRow';
import { MessageDetails } from '../../src/components/MessageDetails';
import { payloadSize } from '../../src/codecs/payload';
import { literalPattern } from '../../src/log/textPattern';
import { patchSession } from '../../src/store/appStore';
import { selectEntry } from '../../src/store/connectionActions';
import type { LogEntry } from '../../src/store/logEntry';
import { getLog } from '../../src/store/sessionReads';
import { disposeSession, findSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import { showOnlySession } from './support/sessions';

const DISGUISED = 'ok \u202Egnp.exe\u202C';
const RLO = '\u202E';

const entry = (over: Partial<LogEntry> = {}): LogEntry => ({ seq: 1, at: Date.UTC(2026, 0, 1), kind: 'received', data: DISGUISED, size: 17, close: null, format: null, ...over });
const row = (e: LogEntry, highlight: ReturnType<typeof literalPattern> | null = null) =>
  render(<LogRow entry={e} deltaMs={null} style={{}} selected={false} active={false} onOpen={vi.fn()} highlight={highlight} />).container;

describe('hidden characters are shown as markers', () => {
  it('a log row shows the disguised name as it is, never the raw override', () => {
    const container = row(entry());
    expect(container.textContent).toContain('ok ⟨U+202E⟩gnp.exe⟨U+202C⟩');
    expect(container.textContent).not.toContain(RLO);
  });

  it('a row keeps showing newlines and tabs as symbols, and marks controls and zero-width joiners', () => {
    const container = row(entry({ data: 'a\nb\tc\u0007d\u200De\u001b[31m' }));
    expect(container.textContent).toContain('a ↵ b ⇥ c⟨U+0007⟩d⟨U+200D⟩e⟨U+001B⟩[31m');
  });

  it('highlighting in a row still marks the characters the filter matched', () => {
    const container = row(entry(), literalPattern('gnp', false));
    const marks = Array.from(container.querySelectorAll('mark')).map((m) => m.textContent);
    expect(marks).toEqual(['gnp']);
    expect(container.textContent).toContain('⟨U+202E⟩gnp.exe⟨U+202C⟩');
  });

  it('a close row and an info row show the reason and the note with markers', () => {
    expect(row(entry({ kind: 'close', data: '', size: 0, close: { code: 4000, reason: `bye${RLO}`, wasClean: true } })).textContent).toContain('bye⟨U+202E⟩');
    expect(row(entry({ kind: 'info', data: `note${RLO}`, size: 0 })).textContent).toContain('note⟨U+202E⟩');
  });

  it('JSON tree keys and string values show markers', () => {
    const { container } = render(<JsonTree value={{ [`k${RLO}ey`]: `v\u200Balue\u2028` }} />);
    expect(container.textContent).toContain('"k⟨U+202E⟩ey"');
    expect(container.textContent).toContain('"v⟨U+200B⟩alue⟨U+2028⟩"');
    expect(container.textContent).not.toMatch(/[\u202E\u200B\u2028]/);
  });
});

describe('with a session', () => {
  let n = 0;
  let id = '';
  beforeEach(() => {
    id = `markers-${++n}`;
    showOnlySession(createSessionState(id));
  });
  afterEach(() => disposeSession(id));

  const add = (partial: Partial<LogEntry> & Pick<LogEntry, 'kind' | 'data'>) => {
    const isMessage = partial.kind === 'sent' || partial.kind === 'received';
    const e = getLog(id).push({ at: Date.UTC(2026, 0, 1), size: isMessage ? payloadSize(partial.data) : 0, close: null, format: null, ...partial });
    act(() => {
      findSession(id)!.bumpLog();
      findSession(id)!.flush();
    });
    act(() => selectEntry(id, e.seq));
    return e;
  };
  const region = () => screen.getByRole('region', { name: 'Message details' });

  it('the Text view shows markers, and Show raw text shows the text as it is (still as text)', async () => {
    const user = userEvent.setup();
    render(<MessageDetails id={id} />);
    add({ kind: 'received', data: `<b>${DISGUISED}</b>` });
    const pre = region().querySelector('pre')!;
    expect(pre.textContent).toBe('<b>ok ⟨U+202E⟩gnp.exe⟨U+202C⟩</b>');
    expect(region().textContent).not.toContain(RLO);

    const raw = within(region()).getByRole('checkbox', { name: 'Show raw text' });
    expect(raw).not.toBeChecked();
    await user.click(raw);
    expect(region().querySelector('pre')!.textContent).toBe(`<b>${DISGUISED}</b>`);
    expect(region().querySelector('b')).toBeNull();
    await user.click(raw);
    expect(region().querySelector('pre')!.textContent).not.toContain(RLO);
  });

  it('plain text offers no raw switch (there is nothing to reveal)', () => {
    render(<MessageDetails id={id} />);
    add({ kind: 'received', data: 'hello\r\nworld\tok' });
    expect(within(region()).queryByRole('checkbox', { name: 'Show raw text' })).not.toBeInTheDocument();
    expect(region().querySelector('pre')!.textContent).toBe('hello\r\nworld\tok');
  });

  it('close reasons and event text in details show markers', () => {
    render(<MessageDetails id={id} />);
    add({ kind: 'close', data: '', close: { code: 4001, reason: `r${RLO}x`, wasClean: true } });
    expect(region()).toHaveTextContent('r⟨U+202E⟩x');
    add({ kind: 'error', data: `boom\u0000${RLO}` });
    expect(region()).toHaveTextContent('boom⟨U+0000⟩⟨U+202E⟩');
    expect(region().textContent).not.toContain(RLO);
  });

  it("the bar's close summary shows the server's reason with markers", () => {
    act(() => patchSession(id, { lastClose: { code: 4002, reason: `fine${RLO}enif`, wasClean: true } }));
    const { container } = render(<ConnectionDetails id={id} />);
    expect(container.textContent).toContain('reason "fine⟨U+202E⟩enif"');
    expect(container.textContent).not.toContain(RLO);
  });
});
