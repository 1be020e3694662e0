import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageDetails } from '../../../src/components/MessageDetails';
import { payloadSize } from '../../../src/codecs/payload';
import { selectEntry, setDraft } from '../../../src/store/connectionActions';
import type { LogEntry } from '../../../src/store/logEntry';
import { getLog } from '../../../src/store/sessionReads';
import { disposeSession, findSession } from '../../../src/session/registry';
import { createSessionState } from '../../../src/store/sessionState';
import { useProto } from '../../../src/store/protoStore';
import { mockLayout } from '../support/layout';
import { showOnlySession } from '../support/sessions';

beforeAll(() => mockLayout(400, 1000));
afterAll(() => vi.restoreAllMocks());

let n = 0;
let id = '';
beforeEach(() => {
  id = `decode-${++n}`;
  showOnlySession(createSessionState(id));
  useProto.setState({ schema: null, typeByEndpoint: {} });
});
afterEach(() => disposeSession(id));

/** Puts a received message into the log and opens it in Message details. */
function openReceived(data: LogEntry['data']): void {
  const entry = getLog(id).push({ at: Date.now(), kind: 'received', data, size: payloadSize(data), close: null, format: null });
  act(() => {
    findSession(id)!.bumpLog();
    findSession(id)!.flush();
    selectEntry(id, entry.seq);
  });
}

/** The decoders are a chunk loaded on first use: on a busy machine that takes more than waitFor's default second. */
const SLOW = { timeout: 10_000 };

const bufferOf = (bytes: Uint8Array) => bytes.slice().buffer;

describe('Decode as in Message details', () => {
  it('offers Hex, MessagePack, CBOR and Protobuf, and shows a MessagePack payload as a tree with hidden characters marked', async () => {
    const user = userEvent.setup();
    render(<MessageDetails id={id} />);
    openReceived(bufferOf(msgpackEncode({ user: 'ann\u202Eevil', n: 42 })));
    const details = screen.getByRole('region', { name: 'Message details' });
    const select = within(details).getByRole('combobox', { name: 'Decode as' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Hex', 'MessagePack', 'CBOR', 'Protobuf']);
    await user.selectOptions(select, 'MessagePack');
    await waitFor(() => expect(within(details).getByText('Decoded as MessagePack.')).toBeInTheDocument(), SLOW);
    const tree = details.querySelector('.decode-as .json-tree')!;
    expect(tree.textContent).toContain('"ann⟨U+202E⟩evil"');
    expect(tree.textContent).not.toContain('\u202E');
    expect(tree.textContent).toContain('42');
    // The next message opened decodes the same way.
    openReceived(bufferOf(msgpackEncode([7])));
    expect(screen.getByRole('combobox', { name: 'Decode as' })).toHaveValue('msgpack');
    await waitFor(() => expect(screen.getByText('Decoded as MessagePack.')).toBeInTheDocument(), SLOW);
  });

  it('a malformed payload shows an alert with the byte offset', async () => {
    const user = userEvent.setup();
    render(<MessageDetails id={id} />);
    openReceived(bufferOf(new Uint8Array([0x92, 0x01, 0xc1])));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Decode as' }), 'MessagePack');
    const alert = await screen.findByRole('alert', undefined, SLOW);
    expect(alert).toHaveTextContent('Not valid MessagePack. At byte 3:');
    expect(alert).toHaveTextContent('0xc1');
  });

  it('a base64 text frame is decoded from its bytes; other text says it has none', async () => {
    const user = userEvent.setup();
    render(<MessageDetails id={id} />);
    openReceived(btoa(String.fromCharCode(...new Uint8Array([0xa1, 0x61, 0x61, 0x01])))); // CBOR {"a": 1}
    await user.selectOptions(screen.getByRole('combobox', { name: 'Decode as' }), 'CBOR');
    await waitFor(() => expect(screen.getByText('Decoded as CBOR.')).toBeInTheDocument(), SLOW);
    openReceived('not base64!');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Decode as' }), 'CBOR');
    expect(screen.getByText(/This text frame is not base64/)).toBeInTheDocument();
  });

  it('Protobuf: raw field numbers without a schema; Load .proto lists the types and decodes with the chosen one, remembered per endpoint', async () => {
    const user = userEvent.setup({ applyAccept: false });
    act(() => setDraft(id, { url: 'ws://127.0.0.1:1/chat' }));
    render(<MessageDetails id={id} />);
    openReceived(bufferOf(new Uint8Array([0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69]))); // id=150, text="hi"
    await user.selectOptions(screen.getByRole('combobox', { name: 'Decode as' }), 'Protobuf');
    await waitFor(() => expect(screen.getByText('Decoded as Protobuf (raw field numbers).')).toBeInTheDocument(), SLOW);
    expect(screen.getByRole('combobox', { name: 'Message type' })).toHaveValue('');

    const proto = new File(['syntax = "proto3";\npackage chat;\nmessage Hello { int32 id = 1; string text = 2; }\n'], 'chat.proto');
    await user.upload(screen.getByTestId('load-proto-file'), proto);
    const type = await screen.findByRole('combobox', { name: 'Message type' });
    await waitFor(() => expect(type).toHaveValue('chat.Hello'), SLOW);
    await waitFor(() => expect(screen.getByText('Decoded as chat.Hello.')).toBeInTheDocument(), SLOW);
    expect(document.querySelector('.decode-as .json-tree')!.textContent).toContain('"text": "hi"');
    expect(useProto.getState().typeByEndpoint).toEqual({ 'ws://127.0.0.1:1/chat': 'chat.Hello' });

    const bad = new File(['syntax = "proto3";\nmessage {\n'], 'broken.proto');
    await user.upload(screen.getByTestId('load-proto-file'), bad);
    expect(await screen.findByRole('alert', undefined, SLOW)).toHaveTextContent(/Could not load \.proto: broken\.proto: .*line 2/);
    expect(type).toHaveValue('chat.Hello');
  });
});
