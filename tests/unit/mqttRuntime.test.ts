import { afterEach, describe, expect, it, vi } from 'vitest';
import { generate, type Packet } from 'mqtt-packet';
import { parseMqttFrame } from '../../src/protocol/sessions/mqtt/codec';
import { CONNACK_TIMEOUT_MS, KEEP_ALIVE_S, makeClientId, MqttRuntime } from '../../src/protocol/sessions/mqtt/module';
import { activeMqttVersion, setPreferredMqttVersion } from '../../src/protocol/sessions/mqtt/version';
import type { ProtocolIo } from '../../src/protocol/sessions/types';
import type { Payload } from '../../src/connection/types';

const URL = 'ws://127.0.0.1:9/mqtt';

function frame(packet: Packet, version: 4 | 5 = 4): ArrayBuffer {
  return new Uint8Array(generate(packet, { protocolVersion: version })).buffer;
}

/** A runtime over a recording io, with a clock the test moves. */
function setup(url = URL) {
  const sent: { packet: Packet; housekeeping: boolean }[] = [];
  const notes: { text: string; kind: string }[] = [];
  let clock = 1000;
  const io: ProtocolIo = {
    send: (data: Payload, housekeeping) => {
      for (const packet of parseMqttFrame(data, runtime.version)) sent.push({ packet, housekeeping });
    },
    note: (text, kind = 'info') => notes.push({ text, kind }),
    changed: () => {},
  };
  const runtime: MqttRuntime = new MqttRuntime(io, { url, subprotocol: 'mqtt' }, () => clock);
  return { runtime, sent, notes, tick: (ms: number) => (clock += ms), cmds: () => sent.map((s) => `${s.packet.cmd}${s.housekeeping ? ' (housekeeping)' : ''}`) };
}

afterEach(() => vi.useRealTimers());

describe('MQTT runtime', () => {
  it('sends CONNECT (3.1.1, clean session, keep-alive 30 s, a wstester- client id) as housekeeping on start', () => {
    const { runtime, sent } = setup();
    runtime.start();
    expect(sent).toEqual([{ packet: expect.objectContaining({ cmd: 'connect', protocolVersion: 4, protocolId: 'MQTT', clean: true, keepalive: KEEP_ALIVE_S }), housekeeping: true }]);
    expect((sent[0]!.packet as { clientId: string }).clientId).toMatch(/^wstester-[0-9a-f]{6}$/);
    expect(makeClientId(() => 0.999)).toBe('wstester-ffffff');
  });

  it('speaks MQTT 5 when it was chosen for the endpoint, and decodes that endpoint as 5', () => {
    const url = 'ws://127.0.0.1:9/v5';
    setPreferredMqttVersion(url, 5);
    const { runtime, sent } = setup(url);
    runtime.start();
    expect(sent[0]!.packet).toMatchObject({ cmd: 'connect', protocolVersion: 5 });
    expect(activeMqttVersion(url)).toBe(5);
  });

  it('CONNACK 0 is housekeeping and starts PINGREQ on the keep-alive; a refusal is named and pings nothing', () => {
    vi.useFakeTimers();
    const { runtime, notes, cmds } = setup();
    runtime.start();
    vi.advanceTimersByTime(KEEP_ALIVE_S * 1000);
    expect(cmds()).toEqual(['connect (housekeeping)']);
    expect(runtime.received(frame({ cmd: 'connack', returnCode: 0, sessionPresent: false }))).toBe(true);
    expect(notes.at(-1)?.text).toBe('MQTT: connected (MQTT 3.1.1, keep-alive 30 s, session present: no)');
    vi.advanceTimersByTime(KEEP_ALIVE_S * 1000 - 1);
    expect(cmds()).toEqual(['connect (housekeeping)']);
    vi.advanceTimersByTime(1);
    expect(cmds()).toEqual(['connect (housekeeping)', 'pingreq (housekeeping)']);
    expect(runtime.received(frame({ cmd: 'pingresp' }))).toBe(true);
    vi.advanceTimersByTime(KEEP_ALIVE_S * 1000);
    expect(cmds().filter((c) => c.startsWith('pingreq'))).toHaveLength(2);
    runtime.dispose();
    vi.advanceTimersByTime(KEEP_ALIVE_S * 5000);
    expect(cmds().filter((c) => c.startsWith('pingreq'))).toHaveLength(2);

    const refused = setup();
    refused.runtime.start();
    expect(refused.runtime.received(frame({ cmd: 'connack', returnCode: 5, sessionPresent: false }))).toBe(true);
    expect(refused.notes.at(-1)).toEqual({ text: 'MQTT: the broker refused the connection: 5 Not authorized', kind: 'error' });
    vi.advanceTimersByTime(KEEP_ALIVE_S * 3000);
    expect(refused.cmds()).toEqual(['connect (housekeeping)']);
  });

  it('says when no CONNACK comes within 10 s, and says nothing when one came', () => {
    vi.useFakeTimers();
    const silent = setup();
    silent.runtime.start();
    vi.advanceTimersByTime(CONNACK_TIMEOUT_MS - 1);
    expect(silent.notes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(silent.notes).toEqual([{ text: 'MQTT: no CONNACK within 10 s: is this an MQTT broker (over WebSocket, subprotocol mqtt)?', kind: 'error' }]);
    const answered = setup();
    answered.runtime.start();
    answered.runtime.received(frame({ cmd: 'connack', returnCode: 0, sessionPresent: false }));
    vi.advanceTimersByTime(CONNACK_TIMEOUT_MS * 2);
    expect(answered.notes.filter((n) => n.kind === 'error')).toEqual([]);
    answered.runtime.dispose();
    const disposed = setup();
    disposed.runtime.start();
    disposed.runtime.dispose();
    vi.advanceTimersByTime(CONNACK_TIMEOUT_MS * 2);
    expect(disposed.notes).toEqual([]);
  });

  it('answers a received QoS 1 PUBLISH with PUBACK, and QoS 2 with PUBREC then PUBCOMP, as housekeeping', () => {
    const { runtime, sent } = setup();
    runtime.start();
    expect(runtime.received(frame({ cmd: 'publish', topic: 't', payload: 'a', qos: 1, messageId: 5, retain: false, dup: false }))).toBe(false);
    expect(sent.at(-1)).toEqual({ packet: expect.objectContaining({ cmd: 'puback', messageId: 5 }), housekeeping: true });
    expect(runtime.received(frame({ cmd: 'publish', topic: 't', payload: 'b', qos: 2, messageId: 6, retain: false, dup: false }))).toBe(false);
    expect(sent.at(-1)).toEqual({ packet: expect.objectContaining({ cmd: 'pubrec', messageId: 6 }), housekeeping: true });
    expect(runtime.received(frame({ cmd: 'pubrel', messageId: 6 }))).toBe(true);
    expect(sent.at(-1)).toEqual({ packet: expect.objectContaining({ cmd: 'pubcomp', messageId: 6 }), housekeeping: true });
    // QoS 0 needs no answer.
    const before = sent.length;
    runtime.received(frame({ cmd: 'publish', topic: 't', payload: 'c', qos: 0, retain: false, dup: false }));
    expect(sent).toHaveLength(before);
  });

  it('matches PUBACK to a QoS 1 publish, and walks a QoS 2 publish through PUBREC, PUBREL, PUBCOMP, with the round trip', () => {
    const { runtime, sent, notes, tick } = setup();
    runtime.start();
    runtime.publish('test/a', 'hello', 1, true);
    const publish = sent.at(-1)!;
    expect(publish).toEqual({ packet: expect.objectContaining({ cmd: 'publish', topic: 'test/a', qos: 1, retain: true }), housekeeping: false });
    const id = publish.packet.messageId!;
    tick(12);
    expect(runtime.received(frame({ cmd: 'puback', messageId: id }))).toBe(true);
    expect(notes.at(-1)).toEqual({ text: `MQTT: PUBACK for publish test/a QoS 1 retained (#${id}) after 12 ms (round trip)`, kind: 'info' });

    runtime.publish('test/b', 'x', 2, false);
    const id2 = sent.at(-1)!.packet.messageId!;
    expect(id2).not.toBe(id);
    expect(runtime.received(frame({ cmd: 'pubrec', messageId: id2 }))).toBe(true);
    expect(sent.at(-1)).toEqual({ packet: expect.objectContaining({ cmd: 'pubrel', messageId: id2 }), housekeeping: true });
    tick(5);
    expect(runtime.received(frame({ cmd: 'pubcomp', messageId: id2 }))).toBe(true);
    expect(notes.at(-1)?.text).toBe(`MQTT: PUBCOMP for publish test/b QoS 2 (#${id2}) after 5 ms (round trip)`);
    expect(runtime.awaiting).toBe(0);
    // QoS 0 awaits nothing.
    runtime.publish('test/c', 'y', 0, false);
    expect(sent.at(-1)!.packet).not.toHaveProperty('messageId');
    expect(runtime.awaiting).toBe(0);
  });

  it('matches SUBACK and UNSUBACK to their requests: the granted QoS, or the failure named', () => {
    const { runtime, notes } = setup();
    runtime.start();
    const sub = runtime.subscribe('test/#', 2);
    expect(runtime.received(frame({ cmd: 'suback', messageId: sub, granted: [1] }))).toBe(false);
    expect(notes.at(-1)).toEqual({ text: `MQTT: SUBACK Granted QoS 1 for subscribe test/# QoS 2 (#${sub}) after 0 ms (round trip)`, kind: 'info' });
    const bad = runtime.subscribe('secret/#', 0);
    runtime.received(frame({ cmd: 'suback', messageId: bad, granted: [0x80] }));
    expect(notes.at(-1)).toMatchObject({ text: expect.stringContaining('SUBACK 0x80 Failure for subscribe secret/#'), kind: 'error' });
    const unsub = runtime.unsubscribe('test/#');
    expect(runtime.received(frame({ cmd: 'unsuback', messageId: unsub, granted: [] }))).toBe(false);
    expect(notes.at(-1)?.text).toMatch(new RegExp(`^MQTT: UNSUBACK for unsubscribe test/# \\(#${unsub}\\)`));
    // An answer to nothing is said, not ignored.
    runtime.received(frame({ cmd: 'suback', messageId: 999, granted: [0] }));
    expect(notes.at(-1)).toEqual({ text: 'MQTT: SUBACK Granted QoS 0 #999 matches no request awaiting one', kind: 'error' });
  });

  it('a frame that is not MQTT is left to the decoder (not housekeeping), and the runtime goes on', () => {
    const { runtime, sent } = setup();
    runtime.start();
    expect(runtime.received('not mqtt')).toBe(false);
    expect(runtime.received(new Uint8Array([0x36, 0]).buffer)).toBe(false);
    runtime.received(frame({ cmd: 'publish', topic: 't', payload: 'a', qos: 1, messageId: 1, retain: false, dup: false }));
    expect(sent.at(-1)!.packet.cmd).toBe('puback');
  });

  it('reassembles a packet split across WebSocket messages (MQTT over WebSocket allows it)', () => {
    const { runtime, sent } = setup();
    runtime.start();
    const whole = new Uint8Array(frame({ cmd: 'publish', topic: 'split/a', payload: 'joined', qos: 1, messageId: 8, retain: false, dup: false }));
    expect(runtime.received(whole.slice(0, 1).buffer)).toBe(false);
    expect(runtime.received(whole.slice(1, 5).buffer)).toBe(false);
    expect(sent.at(-1)!.packet.cmd).toBe('connect');
    expect(runtime.received(whole.slice(5).buffer)).toBe(false);
    expect(sent.at(-1)).toEqual({ packet: expect.objectContaining({ cmd: 'puback', messageId: 8 }), housekeeping: true });
    // A CONNACK in two pieces: the piece that completes it is housekeeping.
    const connack = new Uint8Array(frame({ cmd: 'connack', returnCode: 0, sessionPresent: false }));
    expect(runtime.received(connack.slice(0, 2).buffer)).toBe(false);
    expect(runtime.received(connack.slice(2).buffer)).toBe(true);
  });

  it('closing sends DISCONNECT once', () => {
    const { runtime, cmds } = setup();
    runtime.start();
    runtime.closing();
    runtime.closing();
    expect(cmds()).toEqual(['connect (housekeeping)', 'disconnect (housekeeping)']);
  });
});
