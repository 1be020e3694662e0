import { describe, expect, it } from 'vitest';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { redactSentFrame } from '../../src/export/redactFrame';
import { exportLines } from '../../src/export/jsonl';
import { connectFrame } from '../../src/protocol/sessions/socketio/codec';
import { initFrame } from '../../src/protocol/sessions/graphql/codec';

const COUNTERS = { sent: 1, received: 0, bytesSent: 0, bytesReceived: 0 };

describe('greetings that carry credentials, as an export writes them', () => {
  it('redacts the values of a GraphQL connection_init payload, keeping its keys', () => {
    const frame = initFrame({ authToken: 's3cret', nested: { user: 'bob', ids: [1, 2] } });
    expect(JSON.parse(redactSentFrame(frame, 'graphql'))).toEqual({ type: 'connection_init', payload: { authToken: 'REDACTED', nested: { user: 'REDACTED', ids: ['REDACTED', 'REDACTED'] } } });
    // Without a payload, or another message, nothing changes.
    expect(redactSentFrame(initFrame(), 'graphql')).toBe('{"type":"connection_init"}');
    const subscribe = stringifyMessage({ id: '1', type: MessageType.Subscribe, payload: { query: '{ connection_init }' } });
    expect(redactSentFrame(subscribe, 'graphql')).toBe(subscribe);
    expect(redactSentFrame('connection_init, not json', 'graphql')).toBe('connection_init, not json');
  });

  it('redacts the auth object of a Socket.IO namespace CONNECT, in any namespace', () => {
    expect(redactSentFrame(connectFrame('/admin', { token: 'abc' }), 'socketio')).toBe('40/admin,{"token":"REDACTED"}');
    expect(redactSentFrame(connectFrame('/', { token: 'abc' }), 'socketio')).toBe('40{"token":"REDACTED"}');
    expect(redactSentFrame(connectFrame('/admin'), 'socketio')).toBe('40/admin,');
    expect(redactSentFrame('42["token","abc"]', 'socketio')).toBe('42["token","abc"]');
    // Raw sessions are the user's data, untouched.
    expect(redactSentFrame(connectFrame('/', { token: 'abc' }), undefined)).toBe('40{"token":"abc"}');
  });

  it('Export log redacts them unless secrets are included', () => {
    const entry = { at: 0, kind: 'sent' as const, data: initFrame({ authToken: 's3cret' }), size: 10, close: null, format: 'text' as const, auto: true };
    const header = { endpoint: 'ws://h/graphql', subprotocol: 'graphql-transport-ws', extensions: '', sessionProtocol: 'graphql', counters: COUNTERS };
    expect(exportLines(header, [entry]).join('\n')).not.toContain('s3cret');
    expect(exportLines(header, [entry], { includeSecrets: true }).join('\n')).toContain('s3cret');
    // A received frame is the server's data: kept.
    expect(exportLines(header, [{ ...entry, kind: 'received' as const }]).join('\n')).toContain('s3cret');
  });
});
