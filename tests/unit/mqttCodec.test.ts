import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate, type Packet } from 'mqtt-packet';
import { decodeMqtt, mqttFrame, parseMqttFrame } from '../../src/protocol/sessions/mqtt/codec';
import { reasonName } from '../../src/protocol/sessions/mqtt/reasonCodes';
import { checkTopicFilter, checkTopicName } from '../../src/protocol/sessions/mqtt/topics';

/** A packet as mqtt-packet writes it, as the ArrayBuffer a WebSocket delivers. */
function frame(packet: Packet, version: 4 | 5 = 4): ArrayBuffer {
  return new Uint8Array(generate(packet, { protocolVersion: version })).buffer;
}

function concat(...frames: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
  let at = 0;
  for (const f of frames) {
    out.set(new Uint8Array(f), at);
    at += f.byteLength;
  }
  return out.buffer;
}

describe('MQTT decoding (packets written by mqtt-packet)', () => {
  it('shows type, topic, QoS, packet id, retain and the payload as text', () => {
    const publish = frame({ cmd: 'publish', topic: 'test/a', payload: 'hello', qos: 1, messageId: 3, retain: true, dup: false });
    const decoded = decodeMqtt(publish, 4);
    expect(decoded).toMatchObject({ summary: 'PUBLISH test/a QoS 1 #3 retain hello', error: null });
    expect(decoded.tree).toMatchObject({ type: 'PUBLISH', topic: 'test/a', qos: 1, retain: true, messageId: 3, payload: { text: 'hello' } });
  });

  it('shows a payload that is not UTF-8 as hex', () => {
    const decoded = decodeMqtt(frame({ cmd: 'publish', topic: 't', payload: Buffer.from([0xde, 0xad, 0xbe, 0xef]), qos: 0, retain: false, dup: false }), 4);
    expect(decoded.summary).toBe('PUBLISH t QoS 0 hex de ad be ef');
    expect(decoded.tree).toMatchObject({ payload: { hex: 'de ad be ef' } });
  });

  it('shows CONNECT, SUBSCRIBE, SUBACK, PINGREQ and DISCONNECT', () => {
    expect(decodeMqtt(frame({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'wstester-1', clean: true, keepalive: 30 }), 4).summary).toBe('CONNECT MQTT 3.1.1 client wstester-1 keep-alive 30 s');
    expect(decodeMqtt(frame({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'c', clean: true, keepalive: 30 }, 5), 5).summary).toBe('CONNECT MQTT 5 client c keep-alive 30 s');
    expect(decodeMqtt(frame({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'test/#', qos: 1 }] }), 4).summary).toBe('SUBSCRIBE #1 test/# QoS 1');
    expect(decodeMqtt(frame({ cmd: 'suback', messageId: 1, granted: [1, 128] }), 4).summary).toBe('SUBACK #1 Granted QoS 1, 0x80 Failure');
    expect(decodeMqtt(frame({ cmd: 'unsubscribe', messageId: 2, unsubscriptions: ['a/b'] }), 4).summary).toBe('UNSUBSCRIBE #2 a/b');
    expect(decodeMqtt(frame({ cmd: 'pingreq' }), 4).summary).toBe('PINGREQ');
    expect(decodeMqtt(frame({ cmd: 'disconnect' }), 4).summary).toBe('DISCONNECT');
  });

  it('names 3.1.1 CONNACK return codes', () => {
    expect(decodeMqtt(frame({ cmd: 'connack', returnCode: 0, sessionPresent: false }), 4).summary).toBe('CONNACK 0 Connection Accepted');
    expect(decodeMqtt(frame({ cmd: 'connack', returnCode: 5, sessionPresent: false }), 4).summary).toBe('CONNACK 5 Not authorized');
    expect(decodeMqtt(frame({ cmd: 'connack', returnCode: 1, sessionPresent: false }), 4).summary).toBe('CONNACK 1 Unacceptable protocol version');
  });

  it('names MQTT 5 reason codes', () => {
    expect(decodeMqtt(frame({ cmd: 'connack', reasonCode: 0x86, sessionPresent: false }, 5), 5).summary).toBe('CONNACK 0x86 Bad User Name or Password');
    expect(decodeMqtt(frame({ cmd: 'suback', messageId: 4, granted: [0, 0x87] }, 5), 5).summary).toBe('SUBACK #4 0x00 Granted QoS 0, 0x87 Not authorized');
    expect(decodeMqtt(frame({ cmd: 'puback', messageId: 9, reasonCode: 0x10 }, 5), 5).summary).toBe('PUBACK #9 0x10 No matching subscribers');
    expect(decodeMqtt(frame({ cmd: 'disconnect', reasonCode: 0x8e }, 5), 5).summary).toBe('DISCONNECT 0x8e Session taken over');
    // A 3.1.1-only broker answers an MQTT 5 CONNECT with its return code 1.
    expect(reasonName('connack', 1, 5)).toBe('1 Unacceptable protocol version (a 3.1.1 return code: the broker does not speak MQTT 5)');
  });

  it('decodes every packet of a message that holds several', () => {
    const both = concat(frame({ cmd: 'puback', messageId: 2 }), frame({ cmd: 'publish', topic: 'x', payload: 'y', qos: 0, retain: false, dup: false }));
    const decoded = decodeMqtt(both, 4);
    expect(decoded.summary).toBe('PUBACK #2 · PUBLISH x QoS 0 y');
    expect(decoded.tree).toHaveLength(2);
  });

  it('names why a message is not MQTT, and never throws', () => {
    expect(decodeMqtt('hello', 4).error).toBe('Not MQTT 3.1.1: MQTT packets travel in binary messages; this one is text');
    expect(decodeMqtt(new ArrayBuffer(0), 4).error).toMatch(/empty message/);
    const publish = new Uint8Array(frame({ cmd: 'publish', topic: 'test/a', payload: 'hello', qos: 0, retain: false, dup: false }));
    expect(decodeMqtt(publish.slice(0, 6).buffer, 4).error).toBe('Not MQTT 3.1.1: incomplete packet: the message ends inside packet 1 (6 bytes in all); a packet may continue in the next message');
    // QoS bits both set.
    expect(decodeMqtt(new Uint8Array([0x36, 0x00]).buffer, 4).error).toMatch(/both QoS bits/);
    // Type 0 is reserved.
    expect(decodeMqtt(new Uint8Array([0x00, 0x00]).buffer, 4).error).toMatch(/^Not MQTT/);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const decoded = decodeMqtt(bytes.slice().buffer, 4);
        expect(decoded.error === null || decoded.error.startsWith('Not MQTT')).toBe(true);
      }),
    );
  });
});

/** Topic names a broker takes for publishing: no wildcards, no NUL. */
const topicName = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((t) => !/[+#]/.test(t) && !t.includes('\u0000'));

describe('MQTT round trips (mqtt-packet writes, we read)', () => {
  it('PUBLISH: topic, QoS, retain, packet id and payload come back as written (3.1.1 and 5)', () => {
    fc.assert(
      fc.property(topicName, fc.uint8Array({ maxLength: 300 }), fc.constantFrom<0 | 1 | 2>(0, 1, 2), fc.boolean(), fc.integer({ min: 1, max: 65535 }), fc.constantFrom<4 | 5>(4, 5), (topic, payload, qos, retain, messageId, version) => {
        const packet: Packet = { cmd: 'publish', topic, payload: Buffer.from(payload), qos, retain, dup: false, ...(qos > 0 ? { messageId } : {}) };
        const [read] = parseMqttFrame(frame(packet, version), version);
        expect(read).toMatchObject({ cmd: 'publish', topic, qos, retain });
        if (qos > 0) expect(read!.messageId).toBe(messageId);
        expect(new Uint8Array((read as { payload: Uint8Array }).payload)).toEqual(payload);
        const decoded = decodeMqtt(frame(packet, version), version);
        expect(decoded.error).toBeNull();
        expect(decoded.summary.startsWith(`PUBLISH ${topic} QoS ${qos}`)).toBe(true);
      }),
    );
  });

  it('SUBSCRIBE and SUBACK: filters, QoS and granted codes come back as written', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ topic: topicName, qos: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 65535 }), (subscriptions, messageId) => {
        const [sub] = parseMqttFrame(frame({ cmd: 'subscribe', messageId, subscriptions }), 4);
        expect(sub).toMatchObject({ cmd: 'subscribe', messageId, subscriptions: subscriptions.map((s) => expect.objectContaining(s)) });
        const granted = subscriptions.map((s) => s.qos);
        const [ack] = parseMqttFrame(frame({ cmd: 'suback', messageId, granted }), 4);
        expect(ack).toMatchObject({ cmd: 'suback', messageId, granted });
      }),
    );
  });

  it('what we write is byte for byte what mqtt-packet writes', () => {
    const packet: Packet = { cmd: 'publish', topic: 'a/b', payload: 'hi', qos: 2, messageId: 77, retain: false, dup: false };
    expect(new Uint8Array(mqttFrame(packet, 4))).toEqual(new Uint8Array(generate(packet)));
  });
});

describe('MQTT topics', () => {
  it('a publish topic must be non-empty and free of wildcards', () => {
    expect(checkTopicName('test/a')).toBeNull();
    expect(checkTopicName('')).toMatch(/^Topic: type a topic/);
    expect(checkTopicName('test/+')).toBe('Topic: the wildcard "+" (at character 6) is allowed only when subscribing, not in a publish topic');
    expect(checkTopicName('test/#')).toMatch(/wildcard "#"/);
    expect(checkTopicName('a\u0000b')).toMatch(/NUL/);
    expect(checkTopicName('x'.repeat(65_536))).toMatch(/65536 UTF-8 bytes, at most 65535/);
  });

  it('a filter takes + as a whole level and # as the whole last level', () => {
    for (const ok of ['test/#', '#', '+', 'a/+/b', '+/+', '/', 'sport/tennis/+/#']) expect(checkTopicFilter(ok)).toBeNull();
    expect(checkTopicFilter('test/#/a')).toMatch(/"#" must be a whole level and the last one/);
    expect(checkTopicFilter('test#')).toMatch(/"#" must be a whole level/);
    expect(checkTopicFilter('a/b+')).toBe('Topic filter: "+" must be a whole level (e.g. test/+/a), got level 2 "b+"');
    expect(checkTopicFilter('')).toMatch(/type a topic/);
  });
});
