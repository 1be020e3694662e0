import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { waitFor } from '@testing-library/react';
import { SIMULATOR_URL } from '../../src/protocol/simulatorCommands';
import type { ReadyState } from '../../src/connection/types';
import { getSession, useAppStore, addSession } from '../../src/store/appStore';
import { connect, disconnect, send, setDraft } from '../../src/store/connectionActions';
import type { LogEntry } from '../../src/store/logEntry';
import { getLog } from '../../src/store/sessionReads';
import { disposeSession, findSession } from '../../src/session/registry';
import { createSessionState, type SessionState } from '../../src/store/sessionState';

let counter = 0;
let id = '';
let stopWatching: () => void = () => {};

beforeEach(() => {
  id = `sim-${++counter}`;
  addSession(createSessionState(id), false);
});
afterEach(() => {
  stopWatching();
  disposeSession(id);
});

const session = (): SessionState => getSession(id)!;
const entries = (): LogEntry[] => {
  const log = getLog(id);
  return Array.from({ length: log.length }, (_, i) => log.at(i)!);
};
const received = () => entries().filter((e) => e.kind === 'received');

function watchStates(): ReadyState[] {
  const seen: ReadyState[] = [session().readyState];
  stopWatching = useAppStore.subscribe((state) => {
    const s = state.sessions[id]?.readyState;
    if (s && s !== seen[seen.length - 1]) seen.push(s);
  });
  return seen;
}

async function openSimulator(subprotocols = ''): Promise<void> {
  setDraft(id, { url: SIMULATOR_URL, subprotocols });
  connect(id);
  await waitFor(() => expect(session().readyState).toBe('OPEN'));
}

function sendText(message: string): void {
  setDraft(id, { message, format: 'text' });
  send(id);
  expect(session().problems.composer).toBeNull();
}

describe('the Simulator through the connection actions', () => {
  it('is CONNECTING first, then OPEN, with the simulator transport', async () => {
    const states = watchStates();
    setDraft(id, { url: SIMULATOR_URL, subprotocols: 'chat' });
    connect(id);
    expect(session().readyState).toBe('CONNECTING');
    expect(session().transport).toBe('simulator');
    await waitFor(() => expect(session().readyState).toBe('OPEN'));
    expect(states).toEqual(['CLOSED', 'CONNECTING', 'OPEN']);
    expect(session().negotiated).toMatchObject({ protocol: 'chat', extensions: '' });
    expect(session().openedUrl).toBe(SIMULATOR_URL);
  });

  it('sending while still CONNECTING is refused with a problem, nothing logged as sent', () => {
    setDraft(id, { url: SIMULATOR_URL, message: 'too early' });
    connect(id);
    send(id);
    expect(session().problems.composer).toMatch(/CONNECTING/);
    expect(findSession(id)!.counters.sent).toBe(0);
    expect(entries().some((e) => e.kind === 'sent')).toBe(false);
  });

  it('echoes text, counting both directions in UTF-8 bytes', async () => {
    await openSimulator();
    sendText('héllo');
    await waitFor(() => expect(session().counters).toEqual({ sent: 1, received: 1, bytesSent: 6, bytesReceived: 6 }));
    expect(received().map((e) => e.data)).toEqual(['héllo']);
  });

  it('echoes binary frames byte for byte', async () => {
    await openSimulator();
    setDraft(id, { message: '00 01 fe ff', format: 'hex' });
    send(id);
    await waitFor(() => expect(session().counters.received).toBe(1));
    const echo = received()[0]!;
    expect(echo.data).toBeInstanceOf(ArrayBuffer);
    expect(Array.from(new Uint8Array(echo.data as ArrayBuffer))).toEqual([0x00, 0x01, 0xfe, 0xff]);
    expect(echo.size).toBe(4);
  });

  it('/push 3000 delivers exactly 3000 numbered messages, in order', async () => {
    await openSimulator();
    sendText('/push 3000');
    await waitFor(() => expect(session().counters.received).toBe(3000), { timeout: 5000 });
    // Give any stray extra message a chance to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(findSession(id)!.counters.received).toBe(3000);
    const messages = received();
    expect(messages).toHaveLength(3000);
    expect(messages[0]!.data).toBe('message 1 of 3000');
    expect(messages[1999]!.data).toBe('message 2000 of 3000');
    expect(messages[2000]!.data).toBe('message 2001 of 3000');
    expect(messages[2999]!.data).toBe('message 3000 of 3000');
    expect(new Set(messages.map((e) => e.data)).size).toBe(3000);
    // The command itself is counted as sent and is not echoed.
    expect(session().counters.sent).toBe(1);
  });

  it('/binary 16 pushes one binary message of 16 bytes', async () => {
    await openSimulator();
    sendText('/binary 16');
    await waitFor(() => expect(session().counters.received).toBe(1));
    const message = received()[0]!;
    expect(message.data).toBeInstanceOf(ArrayBuffer);
    expect((message.data as ArrayBuffer).byteLength).toBe(16);
    expect(message.size).toBe(16);
    expect(Array.from(new Uint8Array(message.data as ArrayBuffer))).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(session().counters.bytesReceived).toBe(16);
  });

  it('/close 4005 done closes cleanly with code 4005 and reason "done"', async () => {
    const states = watchStates();
    await openSimulator();
    sendText('/close 4005 done');
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(states).toEqual(['CLOSED', 'CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);
    const closes = entries().filter((e) => e.kind === 'close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.close).toEqual({ code: 4005, reason: 'done', wasClean: true });
    expect(findSession(id)!.holdsResources).toBe(false);
  });

  it('/close keeps a reason of several words', async () => {
    await openSimulator();
    sendText('/close 4006 all done now');
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(entries().find((e) => e.kind === 'close')?.close).toEqual({ code: 4006, reason: 'all done now', wasClean: true });
  });

  it('/drop ends with a 1006 close that is not clean', async () => {
    await openSimulator();
    sendText('/drop');
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    const closes = entries().filter((e) => e.kind === 'close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.close).toEqual({ code: 1006, reason: '', wasClean: false });
  });

  it('Disconnect with 4000 "bye" closes cleanly with that code and reason', async () => {
    await openSimulator();
    setDraft(id, { closeCode: '4000', closeReason: 'bye' });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    expect(entries().find((e) => e.kind === 'close')?.close).toEqual({ code: 4000, reason: 'bye', wasClean: true });
  });

  it('Disconnect with a code the browser refuses stays OPEN', async () => {
    await openSimulator();
    setDraft(id, { closeCode: '1006' });
    disconnect(id);
    expect(session().problems.close).toMatch(/1006/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(session().readyState).toBe('OPEN');
  });

  it('/help lists the commands', async () => {
    await openSimulator();
    sendText('/help');
    await waitFor(() => expect(session().counters.received).toBe(1));
    const text = String(received()[0]!.data);
    for (const command of ['/push', '/json', '/binary', '/close', '/drop', '/help']) expect(text).toContain(command);
  });

  it('an unknown command is echoed like any text', async () => {
    await openSimulator();
    sendText('/nope 1');
    await waitFor(() => expect(session().counters.received).toBe(1));
    expect(received()[0]!.data).toBe('/nope 1');
  });

  it('messages stop after the connection is closed', async () => {
    await openSimulator();
    sendText('/push 5000');
    setDraft(id, { closeCode: '1000', closeReason: '' });
    disconnect(id);
    await waitFor(() => expect(session().readyState).toBe('CLOSED'));
    const count = findSession(id)!.counters.received;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(findSession(id)!.counters.received).toBe(count);
    expect(count).toBeLessThan(5000);
  });
});
