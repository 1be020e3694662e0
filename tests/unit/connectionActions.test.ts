import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { waitFor } from '@testing-library/react';
import { ws } from 'msw';
import { getSession, useAppStore, addSession } from '../../src/store/appStore';
import { clearLog, connect, disconnect, send, setDraft, setLogLimit } from '../../src/store/connectionActions';
import { getLog } from '../../src/store/sessionReads';
import { disposeSession, findSession } from '../../src/session/registry';
import { createSessionState, type Drafts, type SessionState } from '../../src/store/sessionState';
import type { LogEntry } from '../../src/store/logEntry';
import type { ReadyState } from '../../src/connection/types';
import { echoHandler, pushHandler, useWsServer } from './support/wsServer';

// ---------------------------------------------------------------------------
// Servers: msw stands in for real WebSocket endpoints.
// ---------------------------------------------------------------------------

/** Every frame the (mock) servers received, and every connection they saw. */
let serverGot: unknown[] = [];
let connections: { url: string; protocols: string | string[] | undefined }[] = [];

const anyEndpoint = ws.link(/.*/);
const closer = ws.link('ws://localhost/close');

useWsServer(
  anyEndpoint.addEventListener('connection', ({ client, info }) => {
    connections.push({ url: client.url.href, protocols: info.protocols });
    client.addEventListener('message', (event) => {
      serverGot.push(event.data);
    });
  }),
  echoHandler(),
  // "push N" makes the server send N numbered messages.
  pushHandler(),
  // "close CODE REASON" makes the server close the connection.
  closer.addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => {
      const [, code, ...reason] = String(event.data).split(' ');
      client.close(Number(code), reason.join(' '));
    });
  }),
);

// ---------------------------------------------------------------------------
// A fresh connection slice per test.
// ---------------------------------------------------------------------------

let counter = 0;
let id = '';

function newSession(drafts: Partial<Drafts> = {}): string {
  const sid = `actions-${++counter}`;
  addSession(createSessionState(sid, drafts), false);
  return sid;
}

beforeEach(() => {
  serverGot = [];
  connections = [];
  id = newSession();
});

afterEach(() => {
  disposeSession(id);
});

const session = (): SessionState => getSession(id)!;

function entries(sid = id): LogEntry[] {
  const log = getLog(sid);
  return Array.from({ length: log.length }, (_, i) => log.at(i)!);
}

/** Records every readyState the store takes, in order, starting with the current one. */
function watchStates(sid = id): ReadyState[] {
  const seen: ReadyState[] = [getSession(sid)!.readyState];
  const unsubscribe = useAppStore.subscribe((state) => {
    const s = state.sessions[sid]?.readyState;
    if (s && s !== seen[seen.length - 1]) seen.push(s);
  });
  afterEachCleanups.push(unsubscribe);
  return seen;
}
const afterEachCleanups: (() => void)[] = [];
afterEach(() => {
  while (afterEachCleanups.length) afterEachCleanups.pop()!();
});

async function openTo(url: string, drafts: Partial<Drafts> = {}): Promise<void> {
  setDraft(id, { url, ...drafts });
  connect(id);
  await waitFor(() => expect(session().readyState).toBe('OPEN'));
}

/** Lets pending microtasks and a macrotask run (msw delivers frames on microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

// ---------------------------------------------------------------------------

describe('connect', () => {
  it('goes CONNECTING then OPEN and records what was negotiated', async () => {
    const states = watchStates();
    setDraft(id, { url: 'ws://localhost/echo', subprotocols: 'chat, json' });
    connect(id);
    expect(session().readyState).toBe('CONNECTING');
    await waitFor(() => expect(session().readyState).toBe('OPEN'));
    expect(states).toEqual(['CLOSED', 'CONNECTING', 'OPEN']);
    expect(session().negotiated).toMatchObject({ protocol: 'chat', extensions: '' });
    expect(session().negotiated!.handshakeMs).toBeGreaterThanOrEqual(0);
    expect(session().openedUrl).toBe('ws://localhost/echo');
    expect(session().transport).toBe('websocket');
    expect(connections).toEqual([{ url: 'ws://localhost/echo', protocols: ['chat', 'json'] }]);
    const kinds = entries().map((e) => `${e.kind}:${String(e.data)}`);
    expect(kinds).toContain('state:CONNECTING');
    expect(kinds).toContain('state:OPEN');
  });

  it('converts http:// to ws:// as browsers do', async () => {
    await openTo('http://localhost/echo');
    expect(session().openedUrl).toBe('ws://localhost/echo');
    expect(connections.map((c) => c.url)).toEqual(['ws://localhost/echo']);
  });

  it.each([
    ['ftp://localhost/echo', /scheme/i],
    ['localhost/echo', /scheme/i],
    ['ws://local host/echo', /space/i],
    ['', /enter a url/i],
    ['ws://localhost:99999/echo', /port/i],
  ])('an invalid URL %j sets problems.endpoint and opens nothing', async (url, problem) => {
    setDraft(id, { url });
    connect(id);
    await settle();
    expect(session().problems.endpoint).toMatch(problem);
    expect(session().readyState).toBe('CLOSED');
    expect(session().drafts.url).toBe(url);
    expect(findSession(id)!.holdsResources).toBe(false);
    expect(connections).toEqual([]);
    expect(entries()).toEqual([]);
  });

  it.each([
    ['chat@1', /chat@1/],
    ['a, a', /duplicate/i],
    ['x/y', /x\/y/],
  ])('an invalid subprotocol list %j sets problems.endpoint and opens nothing', async (subprotocols, problem) => {
    setDraft(id, { url: 'ws://localhost/echo', subprotocols });
    connect(id);
    await settle();
    expect(session().problems.endpoint).toMatch(problem);
    expect(session().readyState).toBe('CLOSED');
    expect(connections).toEqual([]);
  });

  it('editing the URL clears the endpoint problem', () => {
    setDraft(id, { url: 'ftp://x' });
    connect(id);
    expect(session().problems.endpoint).not.toBeNull();
    setDraft(id, { url: 'ws://localhost/echo' });
    expect(session().problems.endpoint).toBeNull();
  });
});

describe('send', () => {
  it('sends text, counts it, and counts the echo; bytes are UTF-8', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { message: 'héllo' });
    send(id);
    expect(session().problems.composer).toBeNull();
    await waitFor(() => expect(session().counters).toEqual({ sent: 1, received: 1, bytesSent: 6, bytesReceived: 6 }));
    expect(serverGot).toEqual(['héllo']);
    const messages = entries().filter((e) => e.kind === 'sent' || e.kind === 'received');
    expect(messages.map((e) => [e.kind, e.data, e.size])).toEqual([
      ['sent', 'héllo', 6],
      ['received', 'héllo', 6],
    ]);
    expect(messages[0]!.format).toBe('text');
    // The body is kept after sending.
    expect(session().drafts.message).toBe('héllo');
  });

  it('counts astral characters as 4 bytes', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { message: '😀a' });
    send(id);
    await waitFor(() => expect(session().counters.bytesReceived).toBe(5));
    expect(session().counters.bytesSent).toBe(5);
  });

  it('while CLOSED: sets problems.composer, sends nothing, keeps the draft', async () => {
    setDraft(id, { message: 'hello?' });
    send(id);
    await settle();
    expect(session().problems.composer).toMatch(/CLOSED/);
    expect(session().drafts.message).toBe('hello?');
    expect(session().counters.sent).toBe(0);
    expect(findSession(id)!.counters.sent).toBe(0);
    expect(entries()).toEqual([]);
    expect(serverGot).toEqual([]);
  });

  it('after the connection closed: sets problems.composer and sends nothing', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { closeCode: '1000' });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    setDraft(id, { message: 'late' });
    send(id);
    await settle();
    expect(session().problems.composer).toMatch(/CLOSED/);
    expect(serverGot).toEqual([]);
    expect(findSession(id)!.counters.sent).toBe(0);
  });

  it.each([
    ['json', '{"a": 1,}', /Invalid JSON at line 1, column \d+/],
    ['json', '{\n  "a": 1\n  "b": 2\n}', /line 3, column 3/],
    ['hex', 'de ad zz', /hex digit "z" at position 7/],
    ['hex', 'abc', /Odd number of hex digits.*position 1/],
    ['base64', 'aGVsbG8*', /base64 character "\*" at position 8/],
  ] as const)('invalid %s %j: problem names it and its position; nothing sent; body kept', async (format, body, problem) => {
    await openTo('ws://localhost/echo');
    setDraft(id, { format, message: body });
    send(id);
    await settle();
    expect(session().problems.composer).toMatch(problem);
    expect(session().drafts.message).toBe(body);
    expect(session().drafts.format).toBe(format);
    expect(serverGot).toEqual([]);
    expect(findSession(id)!.counters.sent).toBe(0);
    expect(entries().some((e) => e.kind === 'sent')).toBe(false);
  });

  it('an edit to the message clears the composer problem', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { format: 'json', message: '{' });
    send(id);
    expect(session().problems.composer).not.toBeNull();
    setDraft(id, { message: '{}' });
    expect(session().problems.composer).toBeNull();
  });

  it('valid JSON is sent exactly as typed, as a text frame', async () => {
    await openTo('ws://localhost/echo');
    const body = '{ "a" :  [1, 2] }';
    setDraft(id, { format: 'json', message: body });
    send(id);
    await waitFor(() => expect(serverGot).toEqual([body]));
  });

  it('hex sends a binary frame with exactly those bytes', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { format: 'hex', message: 'de ad be ef 00' });
    send(id);
    await waitFor(() => expect(serverGot).toHaveLength(1));
    const got = serverGot[0];
    const bytes = got instanceof Blob ? new Uint8Array(await got.arrayBuffer()) : new Uint8Array(got as ArrayBuffer);
    expect(typeof got).not.toBe('string');
    expect(Array.from(bytes)).toEqual([0xde, 0xad, 0xbe, 0xef, 0x00]);
    await waitFor(() => expect(session().counters).toEqual({ sent: 1, received: 1, bytesSent: 5, bytesReceived: 5 }));
    const received = entries().find((e) => e.kind === 'received')!;
    expect(received.data).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(new Uint8Array(received.data as ArrayBuffer))).toEqual([0xde, 0xad, 0xbe, 0xef, 0x00]);
  });

  it('base64 sends a binary frame with the decoded bytes', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { format: 'base64', message: 'aGk=' });
    send(id);
    await waitFor(() => expect(serverGot).toHaveLength(1));
    const got = serverGot[0];
    const bytes = got instanceof Blob ? new Uint8Array(await got.arrayBuffer()) : new Uint8Array(got as ArrayBuffer);
    expect(Array.from(bytes)).toEqual([0x68, 0x69]);
  });

  it('an empty hex message is refused, not sent as an empty frame', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { format: 'hex', message: '   ' });
    send(id);
    await settle();
    expect(session().problems.composer).toMatch(/empty/i);
    expect(serverGot).toEqual([]);
  });
});

describe('disconnect', () => {
  it.each([
    ['close code 1001', '1001', '', /1001/],
    ['close code 999', '999', '', /999/],
    ['close code 5000', '5000', '', /5000/],
    ['a non-numeric close code', 'abc', '', /whole number/],
    ['a 124-byte ASCII reason', '1000', 'x'.repeat(124), /124 bytes/],
    ['a 124-byte UTF-8 reason of 62 characters', '1000', 'é'.repeat(62), /124 bytes/],
    ['a reason without a code', '', 'reason without code', /needs a close code/],
  ])('%s: problems.close is set and the connection stays OPEN', async (_label, closeCode, closeReason, problem) => {
    await openTo('ws://localhost/echo');
    setDraft(id, { closeCode, closeReason });
    disconnect(id);
    await settle();
    expect(session().problems.close).toMatch(problem);
    expect(session().readyState).toBe('OPEN');
    expect(findSession(id)!.state).toBe('OPEN');
    // Still usable.
    setDraft(id, { message: 'still here' });
    send(id);
    await waitFor(() => expect(serverGot).toEqual(['still here']));
  });

  it('a 123-byte reason is accepted', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { closeCode: '1000', closeReason: 'x'.repeat(123) });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(session().problems.close).toBeNull();
  });

  it('closes with code 4000 and reason "bye": a close entry records both', async () => {
    const states = watchStates();
    await openTo('ws://localhost/echo');
    setDraft(id, { closeCode: '4000', closeReason: 'bye' });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(states).toEqual(['CLOSED', 'CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);
    const closes = entries().filter((e) => e.kind === 'close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.close).toEqual({ code: 4000, reason: 'bye', wasClean: true });
    expect(findSession(id)!.holdsResources).toBe(false);
    expect(session().problems.close).toBeNull();
  });

  it('with no code: closes, and the close entry has a code', async () => {
    await openTo('ws://localhost/echo');
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    const close = entries().find((e) => e.kind === 'close');
    expect(close?.close?.code).toEqual(expect.any(Number));
  });

  it('while CONNECTING cancels the attempt', async () => {
    setDraft(id, { url: 'ws://localhost/echo', closeCode: '4000', closeReason: 'bye' });
    connect(id);
    expect(session().readyState).toBe('CONNECTING');
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    await settle();
    expect(session().readyState).toBe('CLOSED');
    expect(entries().some((e) => e.kind === 'info' && /cancelled/.test(String(e.data)))).toBe(true);
  });
});

describe('server-side events', () => {
  it('a server close with 4001 gives a clean close entry with that code and reason', async () => {
    await openTo('ws://localhost/close');
    setDraft(id, { message: 'close 4001 server says bye' });
    send(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    const closes = entries().filter((e) => e.kind === 'close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.close).toEqual({ code: 4001, reason: 'server says bye', wasClean: true });
    expect(closes[0]!.data).toBe('server says bye');
    // The close entry comes before the final CLOSED state entry.
    const kinds = entries().map((e) => e.kind);
    expect(kinds.lastIndexOf('close')).toBeLessThan(kinds.lastIndexOf('state'));
    expect(entries().at(-1)).toMatchObject({ kind: 'state', data: 'CLOSED' });
  });

  it('a server close with a code browsers may not send (1011) is still recorded as such', async () => {
    await openTo('ws://localhost/close');
    setDraft(id, { message: 'close 1011 oops' });
    send(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(entries().find((e) => e.kind === 'close')?.close).toEqual({ code: 1011, reason: 'oops', wasClean: true });
  });

  it('connecting again after a close opens a fresh connection; counters keep counting', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { message: 'first' });
    send(id);
    await waitFor(() => expect(session().counters.received).toBe(1));
    setDraft(id, { closeCode: '1000' });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    connect(id);
    await waitFor(() => expect(session().readyState).toBe('OPEN'));
    expect(connections).toHaveLength(2);
    setDraft(id, { message: 'second' });
    send(id);
    await waitFor(() => expect(session().counters).toMatchObject({ sent: 2, received: 2 }));
    expect(serverGot).toEqual(['first', 'second']);
    expect(entries().filter((e) => e.kind === 'close')).toHaveLength(1);
  });

  it('counts every one of 5,000 server-pushed messages exactly', async () => {
    await openTo('ws://localhost/push');
    const before = getLog(id).length;
    setDraft(id, { message: 'push 5000' });
    send(id);
    await waitFor(() => expect(session().counters.received).toBe(5000), { timeout: 10_000 });
    expect(session().counters).toEqual({
      sent: 1,
      received: 5000,
      bytesSent: 9,
      bytesReceived: Array.from({ length: 5000 }, (_, i) => `server message ${i + 1}`.length).reduce((a, b) => a + b, 0),
    });
    const log = getLog(id);
    // Connect/open events + 1 sent + 5,000 received.
    expect(log.length).toBe(before + 1 + 5000);
    expect(log.trimmed).toBe(0);
    const received = entries().filter((e) => e.kind === 'received');
    expect(received).toHaveLength(5000);
    expect(received[0]!.data).toBe('server message 1');
    expect(received[4999]!.data).toBe('server message 5000');
    // seqs are contiguous: nothing lost, nothing duplicated.
    const seqs = entries().map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
  }, 20_000);
});

describe('lastClose', () => {
  it('remembers how the connection ended until the next connect', async () => {
    await openTo('ws://localhost/echo');
    expect(session().lastClose).toBeNull();
    setDraft(id, { closeCode: '4002', closeReason: 'later' });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(session().lastClose).toEqual({ code: 4002, reason: 'later', wasClean: true });
    connect(id);
    expect(session().lastClose).toBeNull();
    await waitFor(() => expect(session().readyState).toBe('OPEN'));
  });
});

describe('setLogLimit', () => {
  it.each(['50', '1000001', 'abc', '1e5', '', '-200', '150.5'])('refuses %j with problems.log and changes nothing', (input) => {
    const before = getLog(id).limit;
    expect(setLogLimit(id, input)).toBe(false);
    expect(session().problems.log).toMatch(/Log limit/);
    expect(getLog(id).limit).toEqual(before);
  });

  it('keeps only the newest entries; counters still count everything', async () => {
    await openTo('ws://localhost/push');
    setDraft(id, { message: 'push 500' });
    send(id);
    await waitFor(() => expect(session().counters.received).toBe(500));
    const lastSeq = getLog(id).lastSeq;
    expect(setLogLimit(id, ' 1,000 ')).toBe(true);
    expect(getLog(id).limit.maxEntries).toBe(1000);
    expect(getLog(id).length).toBe(lastSeq);
    expect(setLogLimit(id, '100')).toBe(true);
    expect(session().problems.log).toBeNull();
    const log = getLog(id);
    expect(log.length).toBe(100);
    expect(log.trimmed).toBe(lastSeq - 100);
    expect(log.at(99)!.data).toBe('server message 500');
    expect(log.at(0)!.data).toBe('server message 401');
    const version = session().logVersion;
    await waitFor(() => expect(session().logVersion).toBeGreaterThan(version));
    expect(session().counters).toMatchObject({ sent: 1, received: 500 });
  });
});

describe('clearLog', () => {
  it('empties the kept log but the counters keep every message', async () => {
    await openTo('ws://localhost/echo');
    setDraft(id, { message: 'one' });
    send(id);
    await waitFor(() => expect(session().counters.received).toBe(1));
    const versionBefore = session().logVersion;
    clearLog(id);
    expect(getLog(id).length).toBe(0);
    await waitFor(() => expect(session().logVersion).toBeGreaterThan(versionBefore));
    expect(session().counters).toMatchObject({ sent: 1, received: 1 });
    send(id);
    await waitFor(() => expect(session().counters).toMatchObject({ sent: 2, received: 2 }));
    expect(entries().map((e) => e.kind)).toEqual(['sent', 'received']);
  });
});

describe('sessions are independent', () => {
  it('one connection\'s traffic never touches another\'s slice', async () => {
    const other = newSession({ url: 'ws://localhost/echo' });
    try {
      await openTo('ws://localhost/echo');
      setDraft(id, { message: 'mine' });
      send(id);
      await waitFor(() => expect(session().counters.received).toBe(1));
      expect(getSession(other)!.readyState).toBe('CLOSED');
      expect(getSession(other)!.counters).toEqual({ sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 });
      expect(getLog(other).length).toBe(0);
    } finally {
      disposeSession(other);
    }
  });
});
