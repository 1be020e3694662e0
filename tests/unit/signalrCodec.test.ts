import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSignalr, HANDSHAKE_REQUEST, parseSignalrFrame, signalrFrame } from '../../src/protocol/sessions/signalr/codec';
import { SignalrRuntime } from '../../src/protocol/sessions/signalr/module';
import type { ProtocolIo } from '../../src/protocol/sessions/types';

function fakeIo() {
  const sent: { frame: string | ArrayBuffer; housekeeping: boolean }[] = [];
  const notes: string[] = [];
  const io: ProtocolIo = { send: (frame, housekeeping) => sent.push({ frame, housekeeping }), note: (text) => notes.push(text), changed: () => {} };
  return { io, sent, notes };
}

describe('SignalR JSON hub framing', () => {
  it('decodes the handshake, invocations, completions, pings and several records in one frame', () => {
    expect(decodeSignalr(HANDSHAKE_REQUEST).summary).toBe('handshake request json v1');
    expect(decodeSignalr('{}\x1e').summary).toBe('handshake accepted');
    expect(decodeSignalr('{"error":"no"}\x1e').summary).toBe('handshake refused: no');
    expect(decodeSignalr('{"type":1,"target":"echo","arguments":["hi"]}\x1e').summary).toBe('Invocation echo ["hi"]');
    expect(decodeSignalr('{"type":3,"invocationId":"1","result":5}\x1e{"type":6}\x1e').summary).toBe('Completion #1 5 · Ping');
  });

  it('names a missing separator, bad JSON, an unknown type and binary frames; never throws', () => {
    expect(decodeSignalr('{"type":6}').error).toMatch(/record separator 0x1E/);
    expect(decodeSignalr('{nope\x1e').error).toMatch(/record 1 is not JSON/);
    expect(decodeSignalr('{"type":42}\x1e').error).toMatch(/unknown type 42/);
    expect(decodeSignalr('[1]\x1e').error).toMatch(/not a JSON object/);
    expect(decodeSignalr(new ArrayBuffer(1)).error).toMatch(/binary/);
    fc.assert(fc.property(fc.string(), (text) => {
      expect(() => decodeSignalr(text)).not.toThrow();
    }));
  });

  it('round-trips records through the framing (property)', () => {
    const record = fc.record({ type: fc.constantFrom(1, 2, 3, 6), invocationId: fc.string(), target: fc.string(), arguments: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) });
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 3 }), (records) => {
      const clean = JSON.parse(JSON.stringify(records)) as Record<string, unknown>[];
      expect(parseSignalrFrame(clean.map(signalrFrame).join(''))).toEqual(clean);
    }));
  });
});

describe('SignalR housekeeping', () => {
  it('sends the handshake (unless sent by hand), treats the answer and pings as housekeeping, and matches completions', () => {
    const { io, sent, notes } = fakeIo();
    let now = 0;
    const runtime = new SignalrRuntime(io, false, () => now);
    runtime.start();
    expect(sent[0]).toEqual({ frame: HANDSHAKE_REQUEST, housekeeping: true });
    expect(runtime.received('{}\x1e')).toBe(true);
    expect(runtime.received('{"type":6}\x1e')).toBe(true);
    runtime.invoke('add', [2, 3]);
    expect(sent[1]).toEqual({ frame: '{"type":1,"invocationId":"1","target":"add","arguments":[2,3]}\x1e', housekeeping: false });
    now = 7;
    expect(runtime.received('{"type":3,"invocationId":"1","result":5}\x1e')).toBe(false);
    expect(notes).toEqual(['SignalR: add #1 completed after 7 ms (round trip): result 5']);
    runtime.dispose();
    const greeted = fakeIo();
    const byHand = new SignalrRuntime(greeted.io, true);
    byHand.start();
    expect(greeted.sent).toEqual([]);
    byHand.dispose();
  });
});
