import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Encoder, PacketType } from 'socket.io-parser';
import { encodePacket } from 'engine.io-parser';
import { decodeSocketIo, emitFrame, normalizeNamespace, parseSocketIoFrame, runtimeNeeds } from '../../src/protocol/sessions/socketio/codec';
import { SocketIoRuntime } from '../../src/protocol/sessions/socketio/module';
import type { ProtocolIo } from '../../src/protocol/sessions/types';

/** Frames as the socket.io 4.8 server sent them to a WebSocket client (captured from Local Echo). */
const SERVER_FRAMES = {
  open: '0{"sid":"nbuepWfLg332IG29AAAA","upgrades":[],"pingInterval":10000,"pingTimeout":5000,"maxPayload":67174400}',
  connect: '40{"sid":"foylcoLB7yZwCuM-AAAA"}',
  event: '42["chat",{"a":1}]',
  ack: '431[{"a":1}]',
  ping: '2',
};

/** What a library encoder makes of a Socket.IO packet, as one Engine.IO frame. */
function libraryFrame(packet: Parameters<Encoder['encode']>[0]): string {
  const [encoded] = new Encoder().encode(packet) as string[];
  let frame = '';
  encodePacket({ type: 'message', data: encoded }, false, (out) => (frame = String(out)));
  return frame;
}

function fakeIo() {
  const sent: { frame: string | ArrayBuffer; housekeeping: boolean }[] = [];
  const notes: string[] = [];
  const io: ProtocolIo = {
    send: (frame, housekeeping) => sent.push({ frame, housekeeping }),
    note: (text) => notes.push(text),
    changed: () => {},
  };
  return { io, sent, notes };
}

describe('Socket.IO decoding', () => {
  it('names the server frames: Engine.IO open and ping, namespace connect, an event and an ack', () => {
    expect(decodeSocketIo(SERVER_FRAMES.open)).toMatchObject({ summary: 'Engine.IO open', error: null });
    expect(decodeSocketIo(SERVER_FRAMES.ping)).toMatchObject({ summary: 'Engine.IO ping', error: null });
    expect(decodeSocketIo(SERVER_FRAMES.connect).summary).toBe('connect / {"sid":"foylcoLB7yZwCuM-AAAA"}');
    expect(decodeSocketIo(SERVER_FRAMES.event).summary).toBe('event "chat" [{"a":1}]');
    expect(decodeSocketIo(SERVER_FRAMES.ack).summary).toBe('ack #1 [{"a":1}]');
    expect(decodeSocketIo(SERVER_FRAMES.event).tree).toMatchObject({ engine: 'message', socketio: { type: 'EVENT', nsp: '/', data: ['chat', { a: 1 }] } });
  });

  it('reads a namespace and an ack id written by socket.io-parser', () => {
    const frame = libraryFrame({ type: PacketType.EVENT, nsp: '/admin', data: ['kick', 'bob'], id: 7 });
    expect(decodeSocketIo(frame).summary).toBe('event "kick" /admin #7 ["bob"]');
  });

  it('names what does not parse, and never throws', () => {
    expect(decodeSocketIo('hello').error).toMatch(/^Not Socket\.IO: /);
    expect(decodeSocketIo('42["unterminated').error).toMatch(/^Not Socket\.IO: /);
    expect(decodeSocketIo('4').error).toMatch(/^Not Socket\.IO: /);
    expect(decodeSocketIo('0{not json').error).toMatch(/^Not Socket\.IO: /);
    expect(decodeSocketIo(new Uint8Array([1, 2, 3]).buffer)).toMatchObject({ summary: 'binary attachment, 3 bytes', error: null });
    fc.assert(fc.property(fc.string(), (text) => {
      expect(() => decodeSocketIo(text)).not.toThrow();
    }));
  });

  it('round-trips an emit: event name, arguments and ack id come back as sent (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.option(fc.nat(1_000_000), { nil: undefined }), (event, args, ackId) => {
      const cleanArgs = JSON.parse(JSON.stringify(args)) as unknown[];
      const frame = parseSocketIoFrame(emitFrame(event, cleanArgs, ackId));
      expect(frame).toMatchObject({ engine: 'message', packet: { type: PacketType.EVENT, nsp: '/', data: [event, ...cleanArgs] } });
      if (frame.engine === 'message') expect(frame.packet.id).toBe(ackId);
    }));
  });
});

describe('Socket.IO housekeeping', () => {
  it('joins the namespace after open, answers pings, and marks both as housekeeping', () => {
    const { io, sent } = fakeIo();
    const runtime = new SocketIoRuntime(io);
    expect(runtime.received(SERVER_FRAMES.open)).toBe(true);
    expect(sent).toEqual([{ frame: '40', housekeeping: true }]);
    expect(runtime.received(SERVER_FRAMES.connect)).toBe(true);
    expect(runtime.received(SERVER_FRAMES.ping)).toBe(true);
    expect(sent[1]).toEqual({ frame: '3', housekeeping: true });
    expect(runtime.received(SERVER_FRAMES.event)).toBe(false);
    expect(runtime.received('garbage')).toBe(false);
  });

  it('matches an ack to its emit and says the round trip', () => {
    const { io, sent, notes } = fakeIo();
    let now = 1000;
    const runtime = new SocketIoRuntime(io, {}, () => now);
    runtime.received(SERVER_FRAMES.open);
    runtime.received(SERVER_FRAMES.connect);
    notes.length = 0;
    runtime.emit('chat', [{ a: 1 }], true);
    expect(sent.at(-1)).toEqual({ frame: '421["chat",{"a":1}]', housekeeping: false });
    expect(runtime.awaiting).toBe(1);
    now = 1042;
    runtime.received(SERVER_FRAMES.ack);
    expect(runtime.awaiting).toBe(0);
    expect(notes).toEqual(['Socket.IO: ack #1 for "chat" after 42 ms (round trip): [{"a":1}]']);
    runtime.received(SERVER_FRAMES.ack);
    expect(notes[1]).toMatch(/ack #1 matches no emit/);
  });

  it('emits without an ack id when no answer is wanted', () => {
    const { io, sent } = fakeIo();
    const runtime = new SocketIoRuntime(io);
    runtime.received(SERVER_FRAMES.open);
    runtime.received(SERVER_FRAMES.connect);
    runtime.emit('news', [], false);
    expect(sent.at(-1)!.frame).toBe('42["news"]');
  });
});

describe('Socket.IO namespaces', () => {
  it('joins the chosen namespace with its auth object after open, as socket.io-parser writes it', () => {
    const { io, sent } = fakeIo();
    const runtime = new SocketIoRuntime(io, { options: { namespace: 'admin', auth: { token: 'abc' } } });
    runtime.received(SERVER_FRAMES.open);
    expect(sent).toEqual([{ frame: libraryFrame({ type: PacketType.CONNECT, nsp: '/admin', data: { token: 'abc' } }), housekeeping: true }]);
    expect(sent[0]!.frame).toBe('40/admin,{"token":"abc"}');
    // A second open packet (it never comes twice) would not join twice.
    runtime.received(SERVER_FRAMES.open);
    expect(sent).toHaveLength(1);
  });

  it('queues emits to a namespace until the server accepts it, then sends them to it', () => {
    const { io, sent, notes } = fakeIo();
    const runtime = new SocketIoRuntime(io);
    runtime.received(SERVER_FRAMES.open);
    runtime.received(SERVER_FRAMES.connect);
    runtime.emit('kick', ['bob'], true, '/admin');
    runtime.emit('ban', [], false, '/admin');
    expect(sent.slice(1).map((s) => s.frame)).toEqual(['40/admin,']);
    expect(notes.at(-1)).toMatch(/joining namespace \/admin first/);
    expect(runtime.received(libraryFrame({ type: PacketType.CONNECT, nsp: '/admin', data: { sid: 'x' } }))).toBe(true);
    expect(sent.slice(2).map((s) => s.frame)).toEqual(['42/admin,1["kick","bob"]', '42/admin,["ban"]']);
    // Joined now: the next emit goes at once.
    runtime.emit('hi', [], false, '/admin');
    expect(sent.at(-1)!.frame).toBe('42/admin,["hi"]');
  });

  it('names a CONNECT_ERROR and the emits it leaves unsent', () => {
    const { io, sent, notes } = fakeIo();
    const runtime = new SocketIoRuntime(io);
    runtime.received(SERVER_FRAMES.open);
    runtime.emit('secret', [], false, '/private');
    const refusal = libraryFrame({ type: PacketType.CONNECT_ERROR, nsp: '/private', data: { message: 'not authorized' } });
    expect(refusal).toBe('44/private,{"message":"not authorized"}');
    expect(runtime.received(refusal)).toBe(false);
    expect(notes.at(-1)).toBe('Socket.IO: CONNECT_ERROR: the server refused namespace /private: not authorized; not sent: "secret"');
    expect(sent.map((s) => s.frame)).toEqual(['40', '40/private,']);
    expect(decodeSocketIo(refusal).summary).toBe('connect error /private {"message":"not authorized"}');
  });

  it('reads no event on the hot path: only housekeeping, acks and namespace packets are parsed', () => {
    expect(runtimeNeeds('42["n",1]')).toBe(false);
    expect(runtimeNeeds('42/admin,["n",1]')).toBe(false);
    expect(runtimeNeeds('451-["n",{"_placeholder":true,"num":0}]')).toBe(false);
    for (const frame of ['0{}', '2', '3', '40', '41', '431[]', '44{"message":"x"}', '461-[]']) expect(runtimeNeeds(frame)).toBe(true);
    expect(runtimeNeeds(new ArrayBuffer(2))).toBe(false);
    expect(normalizeNamespace('')).toBe('/');
    expect(normalizeNamespace(' chat ')).toBe('/chat');
  });
});
