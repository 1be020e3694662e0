import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { FrameImpl } from '@stomp/stompjs';
import { decodeStomp, parseStompFrame, stompFrame } from '../../src/protocol/sessions/stomp/codec';
import { StompRuntime } from '../../src/protocol/sessions/stomp/module';
import type { ProtocolIo } from '../../src/protocol/sessions/types';

function fakeIo() {
  const sent: { frame: string | ArrayBuffer; housekeeping: boolean }[] = [];
  const notes: string[] = [];
  const io: ProtocolIo = { send: (frame, housekeeping) => sent.push({ frame, housekeeping }), note: (text) => notes.push(text), changed: () => {} };
  return { io, sent, notes };
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
