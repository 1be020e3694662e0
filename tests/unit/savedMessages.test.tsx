import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SavedMessages } from '../../src/components/saved/SavedMessages';
import { Composer } from '../../src/components/Composer';
import { getSession } from '../../src/store/appStore';
import { send, setDraft } from '../../src/store/connectionActions';
import { defaultMessageName, useSavedMessages } from '../../src/store/savedMessagesStore';
import { exportSavedMessages, importSavedMessages } from '../../src/store/savedMessagesFile';
import { createSessionState } from '../../src/store/sessionState';
import { showOnlySession } from './support/sessions';

vi.mock('../../src/store/connectionActions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/store/connectionActions')>();
  return { ...actual, send: vi.fn() };
});

let n = 0;
let id = '';
beforeEach(() => {
  id = `saved-${++n}`;
  showOnlySession(createSessionState(id));
  useSavedMessages.setState({ items: [] });
  vi.mocked(send).mockClear();
});
afterEach(() => vi.restoreAllMocks());

function setup() {
  const user = userEvent.setup();
  render(
    <>
      <Composer id={id} />
      <SavedMessages id={id} />
    </>,
  );
  return { user, list: () => screen.getByRole('list', { name: 'Saved messages' }) };
}

async function saveCurrent(user: ReturnType<typeof userEvent.setup>, name?: string, folder?: string) {
  await user.click(screen.getByRole('button', { name: 'Save message' }));
  const nameBox = screen.getByRole('textbox', { name: 'Message name' });
  if (name !== undefined) {
    await user.clear(nameBox);
    await user.type(nameBox, name);
  }
  if (folder) await user.type(screen.getByRole('textbox', { name: 'Folder' }), folder);
  await user.click(screen.getByRole('button', { name: 'Save' }));
}

const drafts = () => getSession(id)!.drafts;

describe('Save message', () => {
  it('asks for a name prefilled with the first ~30 characters, and saves body and format', async () => {
    const { user, list } = setup();
    setDraft(id, { message: '{"type": "subscribe", "channel": "ticker", "id": 1}', format: 'json' });
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    const nameBox = screen.getByRole('textbox', { name: 'Message name' });
    expect(nameBox).toHaveValue('{"type": "subscribe", "channel…');
    expect(screen.getByRole('textbox', { name: 'Folder' })).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('textbox', { name: 'Message name' })).not.toBeInTheDocument();
    expect(within(list()).getByRole('button', { name: '{"type": "subscribe", "channel…' })).toBeInTheDocument();
    expect(useSavedMessages.getState().items[0]).toMatchObject({ body: '{"type": "subscribe", "channel": "ticker", "id": 1}', format: 'json', folder: '' });
  });

  it('default names: short bodies whole, whitespace collapsed, empty is Untitled', () => {
    expect(defaultMessageName('  ping\n\n pong ')).toBe('ping pong');
    expect(defaultMessageName('')).toBe('Untitled');
    expect(Array.from(defaultMessageName('x'.repeat(100))).length).toBeLessThanOrEqual(31);
  });

  it('Cancel (or Escape) closes the form without saving; an empty message is not saved', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/empty/i);
    setDraft(id, { message: 'hello' });
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Message name' })).not.toBeInTheDocument();
    expect(useSavedMessages.getState().items).toEqual([]);
  });

  it('groups by folder under headings', async () => {
    const { user, list } = setup();
    setDraft(id, { message: 'a' });
    await saveCurrent(user, 'loose');
    setDraft(id, { message: 'b' });
    await saveCurrent(user, 'sub', 'Trading');
    setDraft(id, { message: 'c' });
    await saveCurrent(user, 'hello', 'Auth');
    const heading = within(list()).getByRole('heading', { name: 'Trading' });
    expect(heading).toBeInTheDocument();
    const trading = within(list()).getByRole('list', { name: 'Trading' });
    expect(within(trading).getByRole('button', { name: 'sub' })).toBeInTheDocument();
    expect(within(trading).queryByRole('button', { name: 'hello' })).not.toBeInTheDocument();
    expect(within(within(list()).getByRole('list', { name: 'Auth' })).getByRole('button', { name: 'hello' })).toBeInTheDocument();
    // Folders in alphabetical order, after the messages with no folder.
    expect(within(list()).getAllByRole('heading').map((h) => h.textContent?.replace('▸', '').trim())).toEqual(['Auth', 'Trading']);
    expect(within(list()).getAllByRole('button', { name: /^(loose|sub|hello)$/ }).map((b) => b.textContent)).toEqual(['loose', 'hello', 'sub']);
  });

  it('saving under an existing name in the same folder replaces it', async () => {
    const { user } = setup();
    setDraft(id, { message: 'one' });
    await saveCurrent(user, 'msg');
    setDraft(id, { message: 'two' });
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    await user.clear(screen.getByRole('textbox', { name: 'Message name' }));
    await user.type(screen.getByRole('textbox', { name: 'Message name' }), 'msg');
    expect(screen.getByText(/replaces the saved message/i)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(useSavedMessages.getState().items.map((m) => m.body)).toEqual(['two']);
  });
});

describe('the Saved messages list', () => {
  it('search filters by name, folder or body', async () => {
    const { user, list } = setup();
    setDraft(id, { message: 'ping' });
    await saveCurrent(user, 'first');
    setDraft(id, { message: 'subscribe ticker' });
    await saveCurrent(user, 'second', 'Market');
    const search = screen.getByRole('searchbox', { name: 'Search saved messages' });
    await user.type(search, 'TICK');
    expect(within(list()).queryByRole('button', { name: 'first' })).not.toBeInTheDocument();
    expect(within(list()).getByRole('button', { name: 'second' })).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'market');
    expect(within(list()).getByRole('button', { name: 'second' })).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'nothing like this');
    expect(within(list()).queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText(/no saved message matches/i)).toBeInTheDocument();
  });

  it('choosing an item loads its body and format into the composer', async () => {
    const { user, list } = setup();
    setDraft(id, { message: 'de ad be ef', format: 'hex' });
    await saveCurrent(user, 'bytes');
    setDraft(id, { message: 'something else', format: 'text' });
    await user.click(within(list()).getByRole('button', { name: 'bytes' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('de ad be ef');
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('hex');
    expect(send).not.toHaveBeenCalled();
  });

  it('Send beside an item, or double-click, loads it and sends at once', async () => {
    const { user, list } = setup();
    setDraft(id, { message: 'hello' });
    await saveCurrent(user, 'hello');
    setDraft(id, { message: '' });
    await user.click(within(list()).getByRole('button', { name: 'Send hello' }));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(id);
    expect(drafts().message).toBe('hello');
    // The composer's own Send stays the only button named exactly "Send".
    expect(screen.getAllByRole('button', { name: 'Send' })).toHaveLength(1);
    setDraft(id, { message: '' });
    await user.dblClick(within(list()).getByRole('button', { name: 'hello' }));
    expect(send).toHaveBeenCalledTimes(2);
    expect(drafts().message).toBe('hello');
  });

  it('renames and deletes, with buttons named after the item', async () => {
    const { user, list } = setup();
    setDraft(id, { message: 'x' });
    await saveCurrent(user, 'hello');
    await user.click(screen.getByRole('button', { name: 'Rename hello' }));
    const box = screen.getByRole('textbox', { name: 'New name for hello' });
    expect(box).toHaveFocus();
    await user.clear(box);
    await user.type(box, 'greeting{Enter}');
    expect(within(list()).getByRole('button', { name: 'greeting' })).toBeInTheDocument();
    expect(within(list()).queryByRole('button', { name: 'hello' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete greeting' }));
    expect(within(list()).queryAllByRole('listitem')).toHaveLength(0);
    expect(useSavedMessages.getState().items).toEqual([]);
  });
});

describe('export and import', () => {
  it('Export saved messages downloads the collection as JSON', async () => {
    const { user } = setup();
    setDraft(id, { message: '{"a":1}', format: 'json' });
    await saveCurrent(user, 'json one', 'F');
    let blob: Blob | undefined;
    const create = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:test';
    });
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    onTestFinished(() => void Object.assign(URL, original));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('saved-messages.json');
    });
    await user.click(screen.getByRole('button', { name: 'Export saved messages' }));
    expect(click).toHaveBeenCalledTimes(1);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob!);
    });
    const data = JSON.parse(text);
    expect(data.version).toBe(1);
    expect(data.messages).toEqual([{ name: 'json one', folder: 'F', body: '{"a":1}', format: 'json' }]);
  });

  it('Import saved messages merges a file, skipping exact duplicates', async () => {
    const { user, list } = setup();
    setDraft(id, { message: 'keep' });
    await saveCurrent(user, 'mine');
    const file = new File(
      [JSON.stringify({ version: 1, messages: [{ name: 'mine', folder: '', body: 'keep', format: 'text' }, { name: 'theirs', folder: 'Shared', body: '00 ff', format: 'hex' }] })],
      'shared.json',
      { type: 'application/json' },
    );
    await user.upload(screen.getByLabelText('Saved messages file'), file);
    expect(await within(list()).findByRole('button', { name: 'theirs' })).toBeInTheDocument();
    expect(useSavedMessages.getState().items).toHaveLength(2);
    expect(screen.getByText(/imported 1 message.*skipped 1/i)).toBeInTheDocument();
  });

  it('a bad file gets an alert naming the problem and changes nothing', async () => {
    const { user } = setup();
    await user.upload(screen.getByLabelText('Saved messages file'), new File(['{"messages": [oops'], 'broken.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent(/broken\.json.*not valid JSON/i);
    await user.upload(screen.getByLabelText('Saved messages file'), new File([JSON.stringify({ messages: [{ name: 'a', body: 'b', format: 'xml' }] })], 'fmt.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent(/message 1.*format "xml"/i);
    expect(useSavedMessages.getState().items).toEqual([]);
  });

  it('import validates shape and round-trips an export', () => {
    expect(importSavedMessages('{"foo": 1}')).toMatchObject({ ok: false, error: expect.stringMatching(/no "messages"/) });
    expect(importSavedMessages('{"messages": 3}')).toMatchObject({ ok: false, error: expect.stringMatching(/"messages" is not a list/) });
    expect(importSavedMessages('{"kind": "other", "messages": []}')).toMatchObject({ ok: false, error: expect.stringMatching(/"other" file/) });
    expect(importSavedMessages('{"version": 7, "messages": []}')).toMatchObject({ ok: false, error: expect.stringMatching(/version 7/) });
    expect(importSavedMessages('[{"name": "n", "body": "b"}]')).toEqual({ ok: true, value: { added: 1, skipped: 0, invalid: 0, problems: [] } });
    const exported = exportSavedMessages();
    useSavedMessages.setState({ items: [] });
    expect(importSavedMessages(exported)).toMatchObject({ ok: true, value: { added: 1, skipped: 0 } });
    expect(importSavedMessages(exported)).toMatchObject({ ok: true, value: { added: 0, skipped: 1 } });
  });

  it('import skips and names bad items, keeping the good ones', () => {
    const file = JSON.stringify({
      messages: [
        { body: 'x' },
        { name: 'good', body: 'kept' },
        { name: 'n'.repeat(201), body: 'b' },
        { name: 'bin', body: 'b', format: 'xml' },
        'not an object',
      ],
    });
    const result = importSavedMessages(file);
    expect(result).toMatchObject({ ok: true, value: { added: 1, invalid: 4 } });
    const { problems } = (result as { value: { problems: string[] } }).value;
    expect(problems[0]).toMatch(/message 1.*"name"/);
    expect(problems[1]).toMatch(/message 3.*longer than 200/);
    expect(problems[2]).toMatch(/message 4.*format "xml"/);
    expect(useSavedMessages.getState().items.map((m) => m.body)).toEqual(['kept']);
  });
});

describe('Recent endpoints and the placeholder preview', () => {
  it('lists endpoints newest first; choosing one fills URL and Subprotocols; remove one or all', async () => {
    const { RecentEndpoints } = await import('../../src/components/RecentEndpoints');
    const { recordEndpoint, useHistory } = await import('../../src/store/historyStore');
    useHistory.setState({ endpoints: [], rememberSecretsFor: [] });
    recordEndpoint('ws://a.example/', '', 1);
    recordEndpoint('ws://b.example/', 'chat json', 2);
    const user = userEvent.setup();
    render(<RecentEndpoints id={id} />);
    const list = screen.getByRole('list', { name: 'Recent endpoints' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await user.click(within(list).getByRole('button', { name: 'ws://b.example/ (subprotocols: chat, json)' }));
    expect(drafts()).toMatchObject({ url: 'ws://b.example/', subprotocols: 'chat, json' });
    await user.click(within(list).getByRole('button', { name: 'ws://a.example/' }));
    expect(drafts()).toMatchObject({ url: 'ws://a.example/', subprotocols: '' });
    await user.click(screen.getByRole('button', { name: 'Remove ws://a.example/' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Clear recent endpoints' }));
    expect(within(list).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('the secrets checkbox opts the current endpoint in', async () => {
    const { RecentEndpoints } = await import('../../src/components/RecentEndpoints');
    const { useHistory } = await import('../../src/store/historyStore');
    useHistory.setState({ endpoints: [], rememberSecretsFor: [] });
    const user = userEvent.setup();
    render(<RecentEndpoints id={id} />);
    const box = screen.getByRole('checkbox', { name: 'Remember secrets for this endpoint' });
    expect(box).toBeDisabled();
    setDraft(id, { url: 'wss://api.example/ws?token=abc' });
    expect(await screen.findByText(/looks like a secret/i)).toBeInTheDocument();
    await user.click(box);
    expect(useHistory.getState().rememberSecretsFor).toEqual(['wss://api.example/ws']);
  });

  it('the preview shows expanded placeholders, or the unknown one, only while the message has {{', async () => {
    const { PlaceholderPreview } = await import('../../src/components/PlaceholderPreview');
    render(<PlaceholderPreview id={id} />);
    expect(screen.queryByRole('region', { name: 'Placeholder preview' })).not.toBeInTheDocument();
    setDraft(id, { message: 'n={{counter}} id={{uuid}}' });
    const region = await screen.findByRole('region', { name: 'Placeholder preview' });
    expect(region).toHaveTextContent(/n=1 id=[0-9a-f-]{36}/);
    setDraft(id, { message: 'x {{nope}}' });
    expect(await within(region).findByText(/\{\{nope\}\}/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
