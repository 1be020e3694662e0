import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_MAX_BYTES, BATCH_MAX_MESSAGES, BUFFERED_POLL_MS, createSocketHost } from '../../src/connection/socketHost';
import type { FromSocketWorker } from '../../src/connection/socketWorkerProtocol';
import { fakeWebSocketClass } from './support/fakeWebSocket';
import type { Payload } from '../../src/connection/types';
import { payloadSize } from '../../src/codecs/payload';

/** A host over a fresh fake WebSocket class, with what it posted. */
function setup() {
  const Socket = fakeWebSocketClass();
  const post = vi.fn<(message: FromSocketWorker, transfer: Transferable[]) => void>();
  const host = createSocketHost(post, Socket as unknown as typeof WebSocket);
  /** Opens connection `id` and returns its socket, already open unless told otherwise. */
  const open = (id = 1, { opened = true } = {}) => {
    host.handle({ op: 'open', id, url: `ws://example.test/${id}`, protocols: ['chat'] });
    const ws = Socket.made.at(-1)!;
    if (opened) ws.serverOpens();
    post.mockClear();
    return ws;
  };
  const posted = () => post.mock.calls.map(([message]) => message);
  return { Socket, post, host, open, posted, kinds: () => posted().map((message) => message.t) };
}

/** toEqual takes any two ArrayBuffers as equal here: check that the batch holds `bytes` itself, and moves it. */
function expectMoved([message, transfer]: [FromSocketWorker, Transferable[]], index: number, bytes: ArrayBuffer) {
  expect(message.t === 'messages' && message.data[index]).toBe(bytes);
  expect(transfer).toContain(bytes);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000);
});
afterEach(() => vi.useRealTimers());

describe('createSocketHost', () => {
  it('opens the socket as asked, for binary as ArrayBuffer, and reports open with what was negotiated', () => {
    const { Socket, host, post } = setup();
    host.handle({ op: 'open', id: 7, url: 'ws://example.test/a', protocols: ['chat', 'json'] });
    const ws = Socket.made[0]!;
    expect([ws.url, ws.protocols, ws.binaryType]).toEqual(['ws://example.test/a', ['chat', 'json'], 'arraybuffer']);
    expect(post).not.toHaveBeenCalled();

    ws.serverOpens('json', 'permessage-deflate');
    expect(post.mock.calls).toEqual([
      [{ t: 'open', id: 7, at: 1_000, protocol: 'json', extensions: 'permessage-deflate', handshakeMs: expect.any(Number) }, []],
    ]);
  });

  it('passes on the messages of one task as one batch per socket at the next task, in order, moving only the ArrayBuffers', () => {
    const { open, post } = setup();
    const first = open(1);
    const second = open(2);
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    first.serverSends('a');
    second.serverSends('other');
    vi.setSystemTime(1_001);
    first.serverSends(bytes);
    first.serverSends('c');
    expect(post).not.toHaveBeenCalled();

    vi.advanceTimersByTime(0);
    expect(post.mock.calls).toEqual([
      [{ t: 'messages', id: 1, data: ['a', bytes, 'c'], at: [1_000, 1_001, 1_001] }, [bytes]],
      [{ t: 'messages', id: 2, data: ['other'], at: [1_000] }, []],
    ]);
    expectMoved(post.mock.calls[0]!, 1, bytes);
  });

  it(`passes a batch on at once when it reaches ${BATCH_MAX_MESSAGES} messages`, () => {
    const { open, posted } = setup();
    const ws = open();
    const texts = Array.from({ length: BATCH_MAX_MESSAGES }, (_, i) => `m${i}`);
    texts.forEach((text) => ws.serverSends(text));
    expect(posted()).toEqual([expect.objectContaining({ t: 'messages', data: texts })]);

    ws.serverSends('next');
    vi.advanceTimersByTime(0);
    expect(posted()).toHaveLength(2);
    expect(posted()[1]).toMatchObject({ t: 'messages', data: ['next'] });
  });

  it('passes a batch on at once when it reaches BATCH_MAX_BYTES, counting text in UTF-16 units', () => {
    const { open, post } = setup();
    const ws = open();
    const big = new ArrayBuffer(BATCH_MAX_BYTES - 2);
    ws.serverSends(big);
    ws.serverSends('x');
    expect(post).not.toHaveBeenCalled();

    ws.serverSends('y');
    expect(post.mock.calls).toEqual([[expect.objectContaining({ t: 'messages', data: [big, 'x', 'y'] }), [big]]]);
    expectMoved(post.mock.calls[0]!, 0, big);
  });

  it('passes pending messages on before an error and before a close, and nothing after the close', () => {
    const { open, posted } = setup();
    const ws = open();
    ws.serverSends('a');
    ws.serverFails();
    ws.serverSends('b');
    ws.serverCloses(4001, 'gone', false);
    expect(posted()).toEqual([
      { t: 'messages', id: 1, data: ['a'], at: [1_000] },
      { t: 'error', id: 1, at: 1_000 },
      { t: 'messages', id: 1, data: ['b'], at: [1_000] },
      { t: 'close', id: 1, at: 1_000, code: 4001, reason: 'gone', wasClean: false },
    ]);

    vi.advanceTimersByTime(BUFFERED_POLL_MS);
    ws.serverSends('late');
    vi.advanceTimersByTime(BUFFERED_POLL_MS);
    expect(posted()).toHaveLength(4);
  });

  it('reports a constructor that throws as refused, and then knows no such socket', () => {
    const { Socket, host, post } = setup();
    Socket.refusal = "The URL 'nope' is invalid.";
    host.handle({ op: 'open', id: 3, url: 'nope', protocols: [] });
    expect(post.mock.calls).toEqual([[{ t: 'refused', id: 3, at: 1_000, message: "The URL 'nope' is invalid." }, []]]);

    host.handle({ op: 'send', id: 3, data: 'x', size: 1 });
    vi.advanceTimersByTime(BUFFERED_POLL_MS);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('sends, reports once per burst how many bytes it handed to the socket, and polls bufferedAmount while it is above 0', () => {
    const { host, open, posted } = setup();
    const ws = open();
    const bytes = new ArrayBuffer(4);
    const send = (data: Payload) => host.handle({ op: 'send', id: 1, data, size: payloadSize(data) });
    send('a');
    send(bytes);
    expect(ws.sent).toEqual(['a', bytes]);
    ws.bufferedAmount = 50;
    expect(posted()).toEqual([]);

    vi.advanceTimersByTime(0);
    expect(posted()).toEqual([{ t: 'buffered', id: 1, handedBytes: 1 + 4, amount: 50 }]);

    // A send while a poll is due adds no report of its own: the poll carries its count.
    send('c');
    vi.advanceTimersByTime(BUFFERED_POLL_MS - 1);
    expect(posted()).toHaveLength(1);
    ws.bufferedAmount = 0;
    vi.advanceTimersByTime(1);
    expect(posted().slice(1)).toEqual([{ t: 'buffered', id: 1, handedBytes: 1 + 4 + 1, amount: 0 }]);

    vi.advanceTimersByTime(10 * BUFFERED_POLL_MS);
    expect(posted()).toHaveLength(2);
  });

  it('stops polling bufferedAmount once the socket is no longer open', () => {
    const { host, open, posted } = setup();
    const ws = open();
    host.handle({ op: 'send', id: 1, data: 'a', size: 1 });
    ws.bufferedAmount = 10;
    vi.advanceTimersByTime(0);
    ws.readyState = 2;
    vi.advanceTimersByTime(BUFFERED_POLL_MS);
    expect(posted()).toHaveLength(2);
    vi.advanceTimersByTime(10 * BUFFERED_POLL_MS);
    expect(posted()).toHaveLength(2);
  });

  it.each([
    { name: 'CONNECTING', state: 0, closes: true },
    { name: 'OPEN', state: 1, closes: true },
    { name: 'CLOSING', state: 2, closes: false },
    { name: 'CLOSED', state: 3, closes: false },
  ])('while $name, close and dispose close the socket: $closes', ({ state, closes }) => {
    const { host, open } = setup();
    const ws = open(1, { opened: false });
    ws.readyState = state;
    host.handle({ op: 'close', id: 1, code: 4000, reason: 'bye' });
    ws.readyState = state;
    host.handle({ op: 'dispose', id: 1 });
    expect(ws.closeCalls).toEqual(closes ? [[4000, 'bye'], []] : []);
  });

  it('after dispose posts nothing more for that socket: no pending batch, no report, no event', () => {
    const { host, open, posted } = setup();
    const ws = open();
    ws.serverSends('pending');
    host.handle({ op: 'send', id: 1, data: 'a', size: 1 });
    ws.bufferedAmount = 10;
    host.handle({ op: 'dispose', id: 1 });
    expect(ws.closeCalls).toEqual([[]]);

    ws.serverSends('late');
    ws.serverFails();
    ws.serverCloses(1005, '', true);
    host.handle({ op: 'send', id: 1, data: 'b', size: 1 });
    vi.advanceTimersByTime(10 * BUFFERED_POLL_MS);
    expect(posted()).toEqual([]);
    expect(ws.sent).toEqual(['a']);
  });

  it('ignores ids it does not know', () => {
    const { host, open, post } = setup();
    const ws = open();
    host.handle({ op: 'send', id: 9, data: 'x', size: 1 });
    host.handle({ op: 'close', id: 9 });
    host.handle({ op: 'dispose', id: 9 });
    vi.advanceTimersByTime(BUFFERED_POLL_MS);
    expect(post).not.toHaveBeenCalled();
    expect([ws.sent, ws.closeCalls]).toEqual([[], []]);
  });
});
