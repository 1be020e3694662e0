import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { completeFrame, decodeGraphql, dialectOf, parseGraphqlFrame, subscribeFrame } from '../../src/protocol/sessions/graphql/codec';
import { GraphqlRuntime, isResultFrame } from '../../src/protocol/sessions/graphql/module';
import type { ProtocolIo } from '../../src/protocol/sessions/types';

/** Frames as the graphql-ws 6.4 server sent them (captured from Local Echo's /graphql). */
const SERVER_FRAMES = {
  ack: '{"type":"connection_ack"}',
  next: '{"id":"1","type":"next","payload":{"data":{"count":1}}}',
  complete: '{"id":"1","type":"complete"}',
  error: '{"id":"2","type":"error","payload":[{"message":"Cannot query field \\"nope\\" on type \\"Query\\".","locations":[{"line":1,"column":3}]}]}',
};

function fakeIo() {
  const sent: { frame: string | ArrayBuffer; housekeeping: boolean }[] = [];
  const operations: string[][] = [];
  const io: ProtocolIo = { send: (frame, housekeeping) => sent.push({ frame, housekeeping }), note: () => {}, changed: (view) => operations.push(view.operations) };
  return { io, sent, operations };
}

describe('GraphQL decoding', () => {
  it('shows message type, operation id and data of the server frames', () => {
    expect(decodeGraphql(SERVER_FRAMES.ack, 'transport')).toMatchObject({ summary: 'connection_ack', error: null });
    expect(decodeGraphql(SERVER_FRAMES.next, 'transport').summary).toBe('next #1 {"data":{"count":1}}');
    expect(decodeGraphql(SERVER_FRAMES.complete, 'transport').summary).toBe('complete #1');
    expect(decodeGraphql(SERVER_FRAMES.error, 'transport').summary).toMatch(/^error #2 \[\{"message":"Cannot query field/);
  });

  it('reads the legacy subscriptions-transport-ws messages (subprotocol graphql-ws)', () => {
    expect(dialectOf('graphql-ws')).toBe('legacy');
    expect(dialectOf('graphql-transport-ws')).toBe('transport');
    expect(dialectOf('')).toBe('transport');
    expect(decodeGraphql('{"type":"ka"}', 'legacy').summary).toBe('ka');
    expect(decodeGraphql('{"id":"1","type":"data","payload":{"data":{"x":1}}}', 'legacy').summary).toBe('data #1 {"data":{"x":1}}');
    // "data" is not a graphql-transport-ws type, "next" is not a legacy one.
    expect(decodeGraphql('{"id":"1","type":"data","payload":{}}', 'transport').error).toMatch(/Not GraphQL over WebSocket \(graphql-transport-ws\)/);
    expect(decodeGraphql('{"id":"1","type":"next","payload":{}}', 'legacy').error).toMatch(/unknown message type "next"/);
  });

  it('names malformed frames and never throws', () => {
    expect(decodeGraphql('not json', 'transport').error).toMatch(/^Not GraphQL over WebSocket/);
    expect(decodeGraphql('[1]', 'legacy').error).toMatch(/not a JSON object/);
    expect(decodeGraphql('{"type":"subscribe"}', 'transport').error).toMatch(/id/);
    expect(decodeGraphql(new ArrayBuffer(2), 'transport').error).toMatch(/binary frame/);
    fc.assert(fc.property(fc.string(), fc.constantFrom('transport' as const, 'legacy' as const), (text, dialect) => {
      expect(() => decodeGraphql(text, dialect)).not.toThrow();
    }));
  });

  it('writes subscribe messages graphql-ws accepts, and round-trips query and variables (property)', () => {
    expect(subscribeFrame('transport', '1', '{ hello }')).toBe(stringifyMessage({ id: '1', type: MessageType.Subscribe, payload: { query: '{ hello }' } }));
    expect(JSON.parse(subscribeFrame('legacy', '4', '{ a }'))).toEqual({ id: '4', type: 'start', payload: { query: '{ a }' } });
    expect(JSON.parse(completeFrame('legacy', '4'))).toEqual({ id: '4', type: 'stop' });
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.constantFrom('transport' as const, 'legacy' as const), (id, query, variables, dialect) => {
      const clean = JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
      const message = parseGraphqlFrame(subscribeFrame(dialect, id, query, clean), dialect);
      expect(message).toMatchObject({ id, payload: { query, variables: clean } });
    }));
  });
});

describe('GraphQL housekeeping and operations', () => {
  it('sends connection_init, answers ping with pong, and treats ack and pong as housekeeping', () => {
    const { io, sent } = fakeIo();
    const runtime = new GraphqlRuntime(io, { url: '', subprotocol: 'graphql-transport-ws' });
    runtime.start();
    expect(sent).toEqual([{ frame: '{"type":"connection_init"}', housekeeping: true }]);
    expect(runtime.received(SERVER_FRAMES.ack)).toBe(true);
    expect(runtime.received('{"type":"ping"}')).toBe(true);
    expect(sent[1]).toEqual({ frame: '{"type":"pong"}', housekeeping: true });
    expect(runtime.received(SERVER_FRAMES.next)).toBe(false);
  });

  it('keeps the open operations: complete and error end them, Complete sends complete', () => {
    const { io, sent, operations } = fakeIo();
    const runtime = new GraphqlRuntime(io, { url: '', subprotocol: 'graphql-transport-ws' });
    expect(runtime.subscribe('subscription { count }')).toBe('1');
    expect(runtime.subscribe('{ nope }')).toBe('2');
    expect(runtime.subscribe('subscription { count }')).toBe('3');
    expect(operations.at(-1)).toEqual(['1', '2', '3']);
    runtime.received(SERVER_FRAMES.complete);
    runtime.received(SERVER_FRAMES.error);
    expect(operations.at(-1)).toEqual(['3']);
    runtime.complete('3');
    expect(sent.at(-1)).toEqual({ frame: '{"id":"3","type":"complete"}', housekeeping: false });
    expect(operations.at(-1)).toEqual([]);
  });

  it('speaks the legacy dialect on graphql-ws: start, stop, and ka as housekeeping', () => {
    const { io, sent } = fakeIo();
    const runtime = new GraphqlRuntime(io, { url: '', subprotocol: 'graphql-ws' });
    runtime.subscribe('{ a }');
    expect(JSON.parse(String(sent[0]!.frame))).toMatchObject({ type: 'start', id: '1' });
    expect(runtime.received('{"type":"ka"}')).toBe(true);
    runtime.complete('1');
    expect(JSON.parse(String(sent[1]!.frame))).toEqual({ id: '1', type: 'stop' });
  });

  it('sends the connection payload in connection_init and the operation name in subscribe (graphql-transport-ws)', () => {
    const { io, sent } = fakeIo();
    const runtime = new GraphqlRuntime(io, { url: '', subprotocol: 'graphql-transport-ws' }, { token: 't0k' });
    runtime.start();
    expect(sent[0]).toEqual({ frame: stringifyMessage({ type: MessageType.ConnectionInit, payload: { token: 't0k' } }), housekeeping: true });
    runtime.subscribe('query A { hello } query B { hello }', undefined, 'B');
    expect(JSON.parse(String(sent[1]!.frame))).toEqual({ id: '1', type: 'subscribe', payload: { query: 'query A { hello } query B { hello }', operationName: 'B' } });
  });

  it('runs a whole legacy session (subprotocol graphql-ws) against subscriptions-transport-ws server frames', () => {
    // What a subscriptions-transport-ws 0.11 server writes: { type, id, payload } in that order (PROTOCOL.md of apollographql/subscriptions-transport-ws).
    const LEGACY_SERVER = {
      ack: '{"type":"connection_ack"}',
      ka: '{"type":"ka"}',
      data: (n: number) => `{"type":"data","id":"1","payload":{"data":{"count":${n}}}}`,
      complete: '{"type":"complete","id":"1"}',
      error: '{"type":"error","id":"2","payload":{"message":"Cannot query field \\"nope\\" on type \\"Query\\"."}}',
      refused: '{"type":"connection_error","payload":{"message":"bad token"}}',
    };
    const { io, sent, operations } = fakeIo();
    const notes: string[] = [];
    io.note = (text) => notes.push(text);
    const runtime = new GraphqlRuntime(io, { url: '', subprotocol: 'graphql-ws' }, { authToken: 'x' });
    runtime.start();
    expect(JSON.parse(String(sent[0]!.frame))).toEqual({ type: 'connection_init', payload: { authToken: 'x' } });
    expect(runtime.received(LEGACY_SERVER.ack)).toBe(true);
    expect(runtime.received(LEGACY_SERVER.ka)).toBe(true);
    // The legacy protocol has no ping: nothing is answered.
    expect(sent).toHaveLength(1);
    runtime.subscribe('subscription Count { count(to: 2) }', { to: 2 }, 'Count');
    expect(JSON.parse(String(sent[1]!.frame))).toEqual({ id: '1', type: 'start', payload: { query: 'subscription Count { count(to: 2) }', variables: { to: 2 }, operationName: 'Count' } });
    for (const n of [1, 2]) {
      expect(runtime.received(LEGACY_SERVER.data(n))).toBe(false);
      expect(decodeGraphql(LEGACY_SERVER.data(n), 'legacy').summary).toBe(`data #1 {"data":{"count":${n}}}`);
    }
    expect(operations.at(-1)).toEqual(['1']);
    runtime.received(LEGACY_SERVER.complete);
    expect(operations.at(-1)).toEqual([]);
    runtime.subscribe('{ nope }');
    runtime.received(LEGACY_SERVER.error);
    expect(operations.at(-1)).toEqual([]);
    expect(decodeGraphql(LEGACY_SERVER.error, 'legacy').summary).toMatch(/^error #2 \{"message":"Cannot query field/);
    runtime.received(LEGACY_SERVER.refused);
    expect(notes.at(-1)).toBe('GraphQL: the server refused connection_init: {"message":"bad token"}');
  });
});

describe('result frames are told from their first characters (not parsed per message)', () => {
  it('knows next and legacy data frames, id first or type first, and nothing else', () => {
    expect(isResultFrame(SERVER_FRAMES.next)).toBe(true);
    expect(isResultFrame(stringifyMessage({ id: 'op-7', type: MessageType.Next, payload: { data: { n: 1 } } }))).toBe(true);
    expect(isResultFrame('{"type":"data","id":"3","payload":{"data":{}}}')).toBe(true);
    expect(isResultFrame('{ "id": "3", "type": "data", "payload": {} }')).toBe(true);
    for (const frame of [SERVER_FRAMES.ack, SERVER_FRAMES.complete, SERVER_FRAMES.error, '{"type":"ping"}', '{"type":"ka"}', '{"payload":{},"type":"next","id":"1"}', 'next', '']) {
      expect(isResultFrame(frame)).toBe(false);
    }
    expect(isResultFrame(new ArrayBuffer(4))).toBe(false);
  });

  it('a result never ends its operation; complete after it does', () => {
    const { io, operations } = fakeIo();
    const runtime = new GraphqlRuntime(io, { url: 'ws://h/graphql', subprotocol: 'graphql-transport-ws' });
    const id = runtime.subscribe('subscription { count(to: 3) }');
    expect(runtime.received(`{"id":"${id}","type":"next","payload":{"data":{"count":1}}}`)).toBe(false);
    expect(operations.at(-1)).toEqual([id]);
    expect(runtime.received(`{"id":"${id}","type":"complete"}`)).toBe(false);
    expect(operations.at(-1)).toEqual([]);
  });
});
