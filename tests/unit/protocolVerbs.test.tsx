import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolVerbs } from '../../src/components/ProtocolVerbs';
import { setDraft } from '../../src/store/connectionActions';
import { patchSession } from '../../src/store/appStore';
import { protocolOptionsOf, setProtocolDraft } from '../../src/store/protocolActions';
import { DEFAULT_PROTOCOL_DRAFT } from '../../src/store/protocolDraft';
import { disposeSession } from '../../src/session/registry';
import { createSessionState } from '../../src/store/sessionState';
import { showOnlySession } from './support/sessions';
import { snapshot } from '../../src/persist/persistStore';

let n = 0;
let id = '';
beforeEach(() => {
  id = `verbs-${++n}`;
  showOnlySession(createSessionState(id));
});
afterEach(() => disposeSession(id));

const box = (name: string) => screen.queryByRole('textbox', { name });
const view = (protocolId: 'socketio' | 'graphql' | 'stomp' | 'signalr') => ({ id: protocolId, label: protocolId, reason: 'chosen', operations: [], url: '', subprotocol: '' });

describe('what the verbs show', () => {
  it('before Connect: the greeting of the protocol the next Connect will speak, nothing in Raw', () => {
    render(<ProtocolVerbs id={id} />);
    expect(screen.queryByRole('group')).toBeNull();
    act(() => setDraft(id, { protocol: 'graphql' }));
    expect(box('Connection payload')).not.toBeNull();
    expect(box('Query')).toBeNull();
    act(() => setDraft(id, { protocol: 'auto', url: 'ws://h/socket.io/?EIO=4&transport=websocket' }));
    expect(box('Namespace')).toHaveValue('/');
    expect(box('Auth')).not.toBeNull();
    act(() => setDraft(id, { url: 'ws://h/graphql', subprotocols: 'graphql-transport-ws' }));
    expect(box('Connection payload')).not.toBeNull();
    act(() => setDraft(id, { protocol: 'raw' }));
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('while a protocol runs: its verbs, with the STOMP subscriptions and the message waiting for an ack', () => {
    render(<ProtocolVerbs id={id} />);
    act(() => patchSession(id, { readyState: 'OPEN', protocol: { ...view('stomp'), operations: ['sub-0', 'sub-1'], ack: { next: 'message 4 on /q (sub-0)', waiting: 2 } } }));
    expect(screen.getByRole('group', { name: 'STOMP' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unsubscribe sub-1' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Ack mode' })).toHaveValue('auto');
    expect(screen.getByText('Next to ack: message 4 on /q (sub-0), 2 waiting')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ack' })).toBeInTheDocument();
    expect(box('STOMP headers')).not.toBeNull();
    act(() => patchSession(id, { protocol: { ...view('graphql'), operations: ['3'] } }));
    expect(box('Operation name')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Complete 3' })).toBeInTheDocument();
    act(() => patchSession(id, { protocol: view('socketio') }));
    expect(box('Event')).not.toBeNull();
    expect(box('Namespace')).not.toBeNull();
  });

  it('what is typed for the greeting stays in the tab (memory only)', () => {
    render(<ProtocolVerbs id={id} />);
    act(() => setDraft(id, { protocol: 'socketio' }));
    act(() => setProtocolDraft(id, { auth: '{"token":"x"}' }));
    expect(box('Auth')).toHaveValue('{"token":"x"}');
    act(() => setProtocolDraft(id, { connectionPayload: '{"authToken":"s3cret"}' }));
    // Neither storage nor a share link carries them.
    expect(JSON.stringify(snapshot())).not.toMatch(/s3cret|"token":"x"/);
  });
});

describe('the greeting options, checked at Connect', () => {
  const draft = (patch: Partial<typeof DEFAULT_PROTOCOL_DRAFT>) => ({ ...DEFAULT_PROTOCOL_DRAFT, ...patch });

  it('reads namespace, auth and connection payload for the protocols that use them', () => {
    expect(protocolOptionsOf('socketio', draft({ namespace: '/chat', auth: '{"token":"t"}', connectionPayload: '{"a":1}' }))).toEqual({ ok: true, value: { namespace: '/chat', auth: { token: 't' } } });
    expect(protocolOptionsOf('graphql', draft({ connectionPayload: '{"a":1}', auth: 'not json either' }))).toEqual({ ok: true, value: { connectionPayload: { a: 1 } } });
    expect(protocolOptionsOf('auto', draft({ connectionPayload: ' ' }))).toEqual({ ok: true, value: { namespace: '/' } });
    // Raw and the others carry nothing, whatever the hidden fields hold.
    expect(protocolOptionsOf('raw', draft({ auth: '{bad' }))).toEqual({ ok: true, value: {} });
  });

  it('names the field that is wrong', () => {
    expect(protocolOptionsOf('socketio', draft({ auth: '[1]' }))).toMatchObject({ ok: false, error: expect.stringMatching(/^Auth: must be a JSON object/) });
    expect(protocolOptionsOf('socketio', draft({ namespace: '/a,b' }))).toMatchObject({ ok: false, error: 'Namespace: "/a,b" may not contain a comma or a space' });
    expect(protocolOptionsOf('graphql', draft({ connectionPayload: '{"a":' }))).toMatchObject({ ok: false, error: expect.stringMatching(/^Connection payload: /) });
  });
});
