import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_MAX_MESSAGES, BUFFERED_POLL_MS, createSocketHost } from '../../src/connection/socketHost';
import type { FromSocketWorker, ToSocketWorker } from '../../src/connection/socketWorkerProtocol';
import type { Connection, ConnectionEvent, ConnectionListener, Payload } from '../../src/connection/types';
import { fakeWebSocketClass } from './support/fakeWebSocket';

/** The sockets the worker opens, and those the page opens itself (the global WebSocket). */
let workerSockets: ReturnType<typeof fakeWebSocketClass>;
let pageSockets: ReturnType<typeof fakeWebSocketClass>;

/**
 * The socket worker, run in-process: a real socket host over `workerSockets`, each way a task later
 * and through a structured clone, as across a real worker's boundary.
 */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: FromSocketWorker }) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  terminated = false;
  private readonly host = createSocketHost((message, transfer) => this.later(() => this.onmessage?.({ data: structuredClone(message, { transfer }) })), workerSockets as unknown as typeof WebSocket);

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.made.push(this);
    this.later(() => this.onmessage?.({ data: { t: 'ready' } }));
  }
  postMessage(message: ToSocketWorker) {
    const copy = structuredClone(message);
    this.later(() => this.host.handle(copy));
  }
  terminate() {
    this.terminated = true;
  }
  /** The worker's script fails (e.g. it did not load); returns the event so the test sees whether it was handled. */
  fails(): Event {
    const event = new Event('error', { cancelable: true });
    this.onerror?.(event);
    return event;
  }
  private later(run: () => void) {
    setTimeout(() => {
      if (!this.terminated) run();
    }, 0);
  }
}

/** A listener that keeps what it heard. */
function recorder() {
  const heard = { messages: [] as [Payload, number][], events: [] as ConnectionEvent[] };
  const listener: ConnectionListener = {
    onMessage: (data, at) => heard.messages.push([data, at]),
    onEvent: (event) => heard.events.push(event),
  };
  return { ...heard, listener };
}

/** A fresh copy of the module, so each test starts without a worker. */
async function load() {
  vi.resetModules();
  return import('../../src/connection/workerConnection');
}

/**
 * Lets every post cross the boundary, both ways, and what it causes.
 * NOTE: fake timers run a zero timeout set during a tick 1 ms later, so each hop costs 1 ms.
 */
const settle = () => vi.advanceTimersByTimeAsync(5);

/** A connection opened in the worker, and its socket there, already open unless told otherwise. */
async function openInWorker({ opened = true } = {}) {
  const { openWorkerConnection } = await load();
  const heard = recorder();
  const connection = openWorkerConnection('ws://example.test/a', ['chat'], heard.listener);
  await settle();
  const ws = workerSockets.made.at(-1)!;
  if (opened) {
    ws.serverOpens('chat', 'permessage-deflate');
    await settle();
  }
  return { connection, ws, heard, openWorkerConnection };
}

/**
 * Text as is, bytes as numbers (toEqual takes any two ArrayBuffers as equal here); anything else
 * stays as it is, to fail the comparison.
 */
const contentOf = (data: unknown) => (Object.prototype.toString.call(data) === '[object ArrayBuffer]' ? [...new Uint8Array(data as ArrayBuffer)] : data);

/** What `run` threw, or undefined. */
const thrownBy = (run: () => void): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

beforeEach(() => {
  workerSockets = fakeWebSocketClass();
  pageSockets = fakeWebSocketClass();
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('WebSocket', pageSockets);
  vi.useFakeTimers();
  vi.setSystemTime(5_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('openWorkerConnection', () => {
  it('goes CONNECTING, OPEN, CLOSING, CLOSED as the worker reports, telling the listener', async () => {
    const { openWorkerConnection } = await load();
    const heard = recorder();
    const connection = openWorkerConnection('ws://example.test/a', ['chat'], heard.listener);
    expect([connection.transport, connection.readyState]).toEqual(['websocket', 'CONNECTING']);
    await settle();
    const ws = workerSockets.made[0]!;
    expect([ws.url, ws.protocols]).toEqual(['ws://example.test/a', ['chat']]);
    expect(pageSockets.made).toEqual([]);

    const openedAt = Date.now();
    ws.serverOpens('chat', 'permessage-deflate');
    await settle();
    expect(connection.readyState).toBe('OPEN');
    expect(heard.events).toEqual([{ type: 'open', at: openedAt, negotiated: { protocol: 'chat', extensions: 'permessage-deflate', handshakeMs: expect.any(Number) } }]);

    const closingAt = Date.now();
    connection.close(4000, 'bye');
    connection.close(4001, 'again');
    expect(connection.readyState).toBe('CLOSING');
    expect(heard.events.slice(1)).toEqual([{ type: 'closing', at: closingAt }]);
    await settle();
    expect(ws.closeCalls).toEqual([[4000, 'bye']]);

    const closedAt = Date.now();
    ws.serverCloses(4000, 'bye', true);
    await settle();
    expect(connection.readyState).toBe('CLOSED');
    expect(heard.events.slice(2)).toEqual([{ type: 'close', at: closedAt, close: { code: 4000, reason: 'bye', wasClean: true } }]);
  });

  it('passes an error on with a text that explains it', async () => {
    const { ws, heard } = await openInWorker();
    ws.serverFails();
    await settle();
    expect(heard.events.at(-1)).toEqual({ type: 'error', at: expect.any(Number), message: expect.stringContaining('WebSocket error') });
  });

  it('hands messages to the listener with their arrival times, in order across batches', async () => {
    const { ws, heard } = await openInWorker();
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    vi.setSystemTime(6_000);
    ws.serverSends('a');
    ws.serverSends(bytes);
    await settle();
    const texts = Array.from({ length: BATCH_MAX_MESSAGES + 5 }, (_, i) => `m${i}`);
    texts.forEach((text) => ws.serverSends(text));
    await settle();

    expect(heard.messages.slice(0, 2).map(([data, at]) => [contentOf(data), at])).toEqual([
      ['a', 6_000],
      [[1, 2, 3], 6_000],
    ]);
    expect(heard.messages.slice(2).map(([data]) => data)).toEqual(texts);
  });

  it('keeps each connection of the one shared worker to its own socket', async () => {
    const { ws: first, heard: firstHeard, openWorkerConnection } = await openInWorker();
    const secondHeard = recorder();
    openWorkerConnection('ws://example.test/b', [], secondHeard.listener);
    await settle();
    const second = workerSockets.made[1]!;
    second.serverOpens();
    first.serverSends('to first');
    second.serverSends('to second');
    await settle();

    expect(FakeWorker.made).toHaveLength(1);
    expect(firstHeard.messages.map(([data]) => data)).toEqual(['to first']);
    expect(secondHeard.messages.map(([data]) => data)).toEqual(['to second']);
    expect(secondHeard.events.map((event) => event.type)).toEqual(['open']);
  });

  it('never opens once closed while CONNECTING, even when the open was already on its way', async () => {
    const { connection, ws, heard } = await openInWorker({ opened: false });
    ws.serverOpens();
    connection.close();
    await settle();
    expect(connection.readyState).toBe('CLOSING');
    expect(heard.events.map((event) => event.type)).toEqual(['closing']);
  });

  it('refuses send() while CONNECTING, as the browser does, and sends nothing', async () => {
    const { connection, ws } = await openInWorker({ opened: false });
    const error = thrownBy(() => connection.send('early'));
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('InvalidStateError');
    await settle();
    expect(ws.sent).toEqual([]);
  });

  it('counts sent bytes in bufferedAmount until the worker has handled them, then follows its socket', async () => {
    const { connection, ws } = await openInWorker();
    const bytes = new ArrayBuffer(10);
    connection.send('héllo');
    connection.send(bytes);
    expect(connection.bufferedAmount).toBe(6 + 10);

    ws.bufferedAmount = 7;
    await settle();
    expect(ws.sent.map(contentOf)).toEqual(['héllo', Array(10).fill(0)]);
    expect(bytes.byteLength).toBe(10);
    expect(connection.bufferedAmount).toBe(7);

    ws.bufferedAmount = 0;
    await vi.advanceTimersByTimeAsync(BUFFERED_POLL_MS);
    expect(connection.bufferedAmount).toBe(0);
  });

  it('after dispose() reports nothing more, not even what was already on its way', async () => {
    const { connection, ws, heard } = await openInWorker();
    ws.serverSends('on its way');
    connection.dispose();
    expect(connection.readyState).toBe('CLOSED');
    await settle();
    ws.serverCloses(1006, '', false);
    await settle();

    expect(ws.closeCalls).toEqual([[]]);
    expect(heard.messages).toEqual([]);
    expect(heard.events.map((event) => event.type)).toEqual(['open']);
  });

  it('stops handing over a batch once the listener disposes the connection in the middle of it', async () => {
    const { openWorkerConnection } = await load();
    const seen: Payload[] = [];
    const connection: Connection = openWorkerConnection('ws://example.test/a', [], {
      onMessage: (data) => {
        seen.push(data);
        if (data === 'stop') connection.dispose();
      },
      onEvent: () => {},
    });
    await settle();
    const ws = workerSockets.made[0]!;
    ws.serverOpens();
    ['a', 'stop', 'b'].forEach((text) => ws.serverSends(text));
    await settle();
    expect(seen).toEqual(['a', 'stop']);
  });

  it('passes a refusal from the worker on as refused, and ends CLOSED', async () => {
    const { openWorkerConnection } = await load();
    workerSockets.refusal = "The URL 'ws://example.test:1/' is invalid.";
    const heard = recorder();
    const connection = openWorkerConnection('ws://example.test:1/', [], heard.listener);
    await settle();
    expect(heard.events).toEqual([{ type: 'refused', at: expect.any(Number), message: "The URL 'ws://example.test:1/' is invalid." }]);
    expect(connection.readyState).toBe('CLOSED');
  });

  it('opens on the page, now and from then on, when the worker fails before it ran', async () => {
    const { openWorkerConnection } = await load();
    const heard = recorder();
    const first = openWorkerConnection('ws://example.test/first', ['chat'], heard.listener);
    const event = FakeWorker.made[0]!.fails();
    expect(event.defaultPrevented).toBe(true);
    expect(FakeWorker.made[0]!.terminated).toBe(true);

    const onPage = pageSockets.made[0]!;
    expect([onPage.url, onPage.protocols]).toEqual(['ws://example.test/first', ['chat']]);
    onPage.serverOpens();
    expect(first.readyState).toBe('OPEN');
    first.send('hello');
    expect(onPage.sent).toEqual(['hello']);
    expect(heard.events.map((e) => e.type)).toEqual(['open']);

    openWorkerConnection('ws://example.test/second', [], recorder().listener);
    await settle();
    expect(pageSockets.made.map((ws) => ws.url)).toEqual(['ws://example.test/first', 'ws://example.test/second']);
    expect(FakeWorker.made).toHaveLength(1);
    expect(workerSockets.made).toEqual([]);
  });

  it('ends a connection closed before the worker failed as a cancelled attempt, without opening it', async () => {
    const { openWorkerConnection } = await load();
    const heard = recorder();
    const connection = openWorkerConnection('ws://example.test/a', [], heard.listener);
    connection.close();
    FakeWorker.made[0]!.fails();
    expect(connection.readyState).toBe('CLOSED');
    expect(heard.events).toEqual([
      { type: 'closing', at: 5_000 },
      { type: 'close', at: 5_000, close: { code: 1006, reason: '', wasClean: false } },
    ]);
    expect(pageSockets.made).toEqual([]);
  });

  it('keeps to the worker when it fails after it ran', async () => {
    const { ws, connection } = await openInWorker();
    const event = FakeWorker.made[0]!.fails();
    expect([event.defaultPrevented, FakeWorker.made[0]!.terminated]).toEqual([false, false]);
    connection.send('still here');
    await settle();
    expect(ws.sent).toEqual(['still here']);
    expect(pageSockets.made).toEqual([]);
  });

  it('opens on the page where there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined);
    const { openWorkerConnection } = await load();
    const connection = openWorkerConnection('ws://example.test/a', ['chat'], recorder().listener);
    expect(connection.transport).toBe('websocket');
    expect(pageSockets.made.map((ws) => [ws.url, ws.protocols, ws.binaryType])).toEqual([['ws://example.test/a', ['chat'], 'arraybuffer']]);
    expect(connection.readyState).toBe('CONNECTING');
  });
});
