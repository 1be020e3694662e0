import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FrameImpl } from '@stomp/stompjs';
import { decodeStomp, parseStompFrame, stompFrame } from '../../src/protocol/sessions/stomp/codec';
import { StompRuntime } from '../../src/protocol/sessions/stomp/module';
import { parseStompHeaders } from '../../src/protocol/sessions/stomp/headers';
import type { ProtocolIo } from '../../src/protocol/sessions/types';

function fakeIo() {
  const sent: { frame: string | ArrayBuffer; housekeeping: boolean }[] = [];
  const notes: string[] = [];
  const views: Parameters<ProtocolIo['changed']>[0][] = [];
  const io: ProtocolIo = { send: (frame, housekeeping) => sent.push({ frame, housekeeping }), note: (text) => notes.push(text), changed: (view) => views.push(view) };
  return { io, sent, notes, views };
}

describe('STOMP decoding', () => {
  it('shows command, destination and body of frames written by @stomp/stompjs', () => {
    const message = String(FrameImpl.marshall({ command: 'MESSAGE', headers: { destination: '/topic/a', subscription: 'sub-0', 'message-id': '1' }, body: 'hello' }));
    expect(decodeStomp(message)).toMatchObject({ summary: 'MESSAGE /topic/a hello', error: null });
    expect(decodeStomp('\n')).toMatchObject({ summary: 'heart-beat', error: null });
    expect(decodeStomp('ERROR\nmessage:bad\n\n\0').summary).toBe('ERROR bad');
  });

  it('names frames without their NUL, several frames in one message, and other text', () => {
    expect(decodeStomp('SEND\ndestination:/q\n\nno terminator').error).toBe('Not STOMP: no complete frame: a STOMP frame ends with a NUL byte');
    expect(decodeStomp('SEND\n\n\0SEND\n\n\0').error).toMatch(/2 frames/);
    expect(decodeStomp('hello world\n\n\0').error).toMatch(/not a STOMP command/);
    fc.assert(fc.property(fc.string(), (text) => {
      expect(() => decodeStomp(text)).not.toThrow();
    }));
  });

  it('round-trips command, headers and body (property)', () => {
    const token = fc.stringMatching(/^[a-z][a-z-]{0,8}$/);
    fc.assert(fc.property(fc.constantFrom('SEND', 'MESSAGE', 'SUBSCRIBE'), fc.dictionary(token, fc.string({ maxLength: 20 })), fc.string({ maxLength: 50 }).filter((b) => !b.includes('\0')), (command, headers, body) => {
      const frame = parseStompFrame(stompFrame(command, headers, body));
      expect(frame).toEqual({ command, headers, body });
    }));
  });
});

describe('STOMP housekeeping', () => {
  it('sends CONNECT, treats CONNECTED, RECEIPT and heart-beats as housekeeping, and heart-beats when the server asks', () => {
    vi.useFakeTimers();
    try {
      const { io, sent, notes } = fakeIo();
      const runtime = new StompRuntime(io, { url: 'ws://127.0.0.1:9/stomp', subprotocol: 'v12.stomp' });
      runtime.start();
      expect(parseStompFrame(sent[0]!.frame)).toMatchObject({ command: 'CONNECT', headers: { 'accept-version': '1.2,1.1,1.0', host: '127.0.0.1' } });
      expect(sent[0]!.housekeeping).toBe(true);
      expect(runtime.received('CONNECTED\nversion:1.2\nheart-beat:0,20000\n\n\0')).toBe(true);
      expect(notes[0]).toMatch(/connected \(version 1\.2/);
      vi.advanceTimersByTime(20_000);
      expect(sent.at(-1)).toEqual({ frame: '\n', housekeeping: true });
      expect(runtime.received('\n')).toBe(true);
      expect(runtime.received('RECEIPT\nreceipt-id:1\n\n\0')).toBe(true);
      expect(runtime.received('MESSAGE\ndestination:/q\n\nx\0')).toBe(false);
      runtime.subscribe('/q');
      runtime.send('/q', 'body');
      expect(sent.slice(-2).map((s) => s.frame)).toEqual(['SUBSCRIBE\nid:sub-0\ndestination:/q\nack:auto\n\n\0', 'SEND\ndestination:/q\ncontent-type:text/plain\n\nbody\0']);
      runtime.dispose();
      const count = sent.length;
      vi.advanceTimersByTime(60_000);
      expect(sent.length).toBe(count);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** A MESSAGE as a STOMP 1.2 server writes it (marshalled by @stomp/stompjs, as Local Echo does). */
const message = (headers: Record<string, string>, body = 'x') => String(FrameImpl.marshall({ command: 'MESSAGE', headers, body }));

describe('STOMP verbs', () => {
  it('lists subscriptions and unsubscribes one; its messages no longer wait', () => {
    const { io, sent, views } = fakeIo();
    const runtime = new StompRuntime(io, { url: 'ws://h/stomp', subprotocol: 'v12.stomp' });
    runtime.received('CONNECTED\nversion:1.2\n\n\0');
    expect(runtime.subscribe('/queue/a', 'client-individual')).toBe('sub-0');
    expect(runtime.subscribe('/topic/b')).toBe('sub-1');
    expect(views.at(-1)).toEqual({ operations: ['sub-0', 'sub-1'], ack: null });
    expect(parseStompFrame(sent[0]!.frame)).toMatchObject({ command: 'SUBSCRIBE', headers: { id: 'sub-0', destination: '/queue/a', ack: 'client-individual' } });
    runtime.received(message({ subscription: 'sub-0', 'message-id': '7', destination: '/queue/a', ack: 'a7' }));
    expect(views.at(-1)!.ack).toEqual({ next: 'message 7 on /queue/a (sub-0)', waiting: 1 });
    runtime.unsubscribe('sub-0');
    expect(sent.at(-1)!.frame).toBe('UNSUBSCRIBE\nid:sub-0\n\n\0');
    expect(views.at(-1)).toEqual({ operations: ['sub-1'], ack: null });
    expect(runtime.waiting).toBe(0);
  });

  it('ACKs and NACKs the oldest waiting message by its ack header (1.2), with a receipt whose answer is named', () => {
    const { io, sent, notes, views } = fakeIo();
    const runtime = new StompRuntime(io, { url: 'ws://h/stomp', subprotocol: 'v12.stomp' });
    runtime.received('CONNECTED\nversion:1.2\n\n\0');
    runtime.subscribe('/queue/a', 'client');
    expect(runtime.acknowledge(true)).toBe(false);
    runtime.received(message({ subscription: 'sub-0', 'message-id': '1', destination: '/queue/a', ack: 'k1' }));
    runtime.received(message({ subscription: 'sub-0', 'message-id': '2', destination: '/queue/a', ack: 'k2' }));
    // Auto subscriptions' messages never wait.
    runtime.received(message({ subscription: 'sub-9', 'message-id': '3', destination: '/x' }));
    expect(views.at(-1)!.ack).toEqual({ next: 'message 1 on /queue/a (sub-0)', waiting: 2 });
    expect(runtime.acknowledge(true)).toBe(true);
    expect(parseStompFrame(sent.at(-1)!.frame)).toEqual({ command: 'ACK', headers: { id: 'k1', receipt: 'ack-1' }, body: '' });
    expect(runtime.received('RECEIPT\nreceipt-id:ack-1\n\n\0')).toBe(true);
    expect(notes.at(-1)).toBe('STOMP: the server confirmed ACK of message 1 (RECEIPT ack-1)');
    expect(runtime.acknowledge(false)).toBe(true);
    expect(parseStompFrame(sent.at(-1)!.frame)).toEqual({ command: 'NACK', headers: { id: 'k2', receipt: 'ack-2' }, body: '' });
    expect(views.at(-1)!.ack).toBeNull();
  });

  it('names the message by subscription and message-id in 1.1, and has no NACK in 1.0', () => {
    const { io, sent, notes } = fakeIo();
    const runtime = new StompRuntime(io, { url: 'ws://h/stomp', subprotocol: 'v11.stomp' });
    runtime.received('CONNECTED\nversion:1.1\n\n\0');
    runtime.subscribe('/q', 'client-individual');
    runtime.received(message({ subscription: 'sub-0', 'message-id': 'm-5', destination: '/q' }));
    runtime.acknowledge(true);
    expect(parseStompFrame(sent.at(-1)!.frame)).toMatchObject({ command: 'ACK', headers: { subscription: 'sub-0', 'message-id': 'm-5' } });
    const old = fakeIo();
    const v10 = new StompRuntime(old.io, { url: 'ws://h/stomp', subprotocol: 'v10.stomp' });
    v10.received('CONNECTED\n\n\0');
    v10.subscribe('/q', 'client');
    v10.received(message({ subscription: 'sub-0', 'message-id': '1', destination: '/q' }));
    expect(v10.acknowledge(false)).toBe(false);
    expect(old.notes.at(-1)).toBe('STOMP: version 1.0 has no NACK');
    expect(notes.some((n) => n.includes('error'))).toBe(false);
  });

  it('sends SEND with the headers the user typed', () => {
    const { io, sent } = fakeIo();
    const runtime = new StompRuntime(io, { url: 'ws://h/stomp', subprotocol: 'v12.stomp' });
    runtime.send('/q', 'hi', { priority: '9', 'content-type': 'application/json' });
    expect(parseStompFrame(sent.at(-1)!.frame)).toEqual({ command: 'SEND', headers: { destination: '/q', 'content-type': 'application/json', priority: '9' }, body: 'hi' });
  });
});

describe('STOMP headers field', () => {
  it('reads one name: value a line, splitting at the first colon', () => {
    expect(parseStompHeaders('priority: 9\n\nx-trace:a:b\n')).toEqual({ ok: true, value: { priority: '9', 'x-trace': 'a:b' } });
    expect(parseStompHeaders('')).toEqual({ ok: true, value: {} });
  });

  it('names the line of a bad header', () => {
    expect(parseStompHeaders('a: 1\nnocolon')).toEqual({ ok: false, error: 'STOMP headers, line 2: write name: value ("nocolon" has no colon)' });
    expect(parseStompHeaders(': v')).toMatchObject({ ok: false, error: expect.stringContaining('name is empty') });
    expect(parseStompHeaders('my header: v')).toMatchObject({ ok: false, error: expect.stringContaining('space') });
    expect(parseStompHeaders('Destination: /x')).toMatchObject({ ok: false, error: expect.stringContaining('use Destination') });
    expect(parseStompHeaders('content-length: 3')).toMatchObject({ ok: false, error: expect.stringContaining('set for you') });
    expect(parseStompHeaders('a: 1\na: 2')).toMatchObject({ ok: false, error: expect.stringContaining('twice') });
    expect(parseStompHeaders('a: x\0y')).toMatchObject({ ok: false, error: expect.stringContaining('NUL') });
  });
});
