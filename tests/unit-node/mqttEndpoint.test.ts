// @vitest-environment node
// Local Echo's /mqtt: the aedes broker over WebSocket, spoken to with mqtt-packet over a `ws` client.
import { describe, expect, it } from 'vitest';
import { generate, parser, type Packet } from 'mqtt-packet';
import { useServedDir } from './servedDir';
import { closed, openClient, type Client } from './wsClient';

const served = useServedDir('local-echo-mqtt-');

/** An MQTT client over one WebSocket: sends packets, and waits for the next packet of a type. */
async function mqttClient(version: 4 | 5 = 4, protocols = ['mqtt']) {
  const ws: Client = await openClient(`${served.wsOrigin}/mqtt`, protocols);
  const packets: Packet[] = [];
  const reader = parser({ protocolVersion: version });
  reader.on('packet', (p) => packets.push(p));
  ws.on('message', (data: Buffer) => reader.parse(data));
  const send = (packet: Packet) => ws.send(generate(packet, { protocolVersion: version }));
  async function next<C extends Packet['cmd']>(cmd: C): Promise<Extract<Packet, { cmd: C }>> {
    for (let waited = 0; waited < 5000; waited += 10) {
      const i = packets.findIndex((p) => p.cmd === cmd);
      if (i >= 0) return packets.splice(i, 1)[0] as Extract<Packet, { cmd: C }>;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${cmd} within 5 s; got ${packets.map((p) => p.cmd).join(', ')}`);
  }
  send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: version, clientId: `t-${Math.random().toString(16).slice(2, 10)}`, clean: true, keepalive: 30 });
  const connack = await next('connack');
  return { ws, send, next, connack };
}

describe('/mqtt (aedes)', () => {
  it('accepts the subprotocol mqtt, answers CONNECT with CONNACK 0 and PINGREQ with PINGRESP', async () => {
    const v4 = await mqttClient(4);
    expect(v4.ws.protocol).toBe('mqtt');
    expect(v4.connack.returnCode).toBe(0);
    v4.send({ cmd: 'pingreq' });
    await v4.next('pingresp');
    // Each packet comes whole in one message (aedes writes it in pieces; the endpoint joins them).
    expect(v4.ws.received.map((m) => m.data.length)).toEqual([4, 2]);
    v4.ws.close();
  });

  it('speaks MQTT 3.1.1 only: an MQTT 5 CONNECT gets return code 1 (unacceptable protocol version)', async () => {
    // NOTE: aedes 1.x does not support MQTT 5 yet; the app names this answer (see reasonCodes.ts).
    const v5 = await mqttClient(5);
    expect(v5.connack.reasonCode).toBe(1);
    v5.ws.close();
  });

  it('delivers a QoS 1 publish to a wildcard subscriber of another connection, and acknowledges both ways', async () => {
    const subscriber = await mqttClient();
    subscriber.send({ cmd: 'subscribe', messageId: 7, subscriptions: [{ topic: 'node/#', qos: 1 }] });
    expect((await subscriber.next('suback')).granted).toEqual([1]);
    const publisher = await mqttClient();
    publisher.send({ cmd: 'publish', topic: 'node/a', payload: 'hello', qos: 1, retain: false, dup: false, messageId: 3 });
    expect((await publisher.next('puback')).messageId).toBe(3);
    const delivered = await subscriber.next('publish');
    expect(delivered).toMatchObject({ topic: 'node/a', qos: 1 });
    expect(delivered.payload.toString()).toBe('hello');
    subscriber.send({ cmd: 'puback', messageId: delivered.messageId! });
    subscriber.ws.close();
    publisher.ws.close();
  });

  it('keeps a retained message for later subscribers', async () => {
    const publisher = await mqttClient();
    publisher.send({ cmd: 'publish', topic: 'node/retained', payload: 'kept', qos: 1, retain: true, dup: false, messageId: 1 });
    await publisher.next('puback');
    const later = await mqttClient();
    later.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'node/retained', qos: 0 }] });
    await later.next('suback');
    const delivered = await later.next('publish');
    expect(delivered).toMatchObject({ topic: 'node/retained', retain: true });
    expect(delivered.payload.toString()).toBe('kept');
    publisher.ws.close();
    later.ws.close();
  });

  it('a packet that is not MQTT ends the connection, and the server goes on', async () => {
    const ws = await openClient(`${served.wsOrigin}/mqtt`, ['mqtt']);
    const done = closed(ws);
    ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]));
    await done;
    const again = await mqttClient();
    expect(again.connack.returnCode).toBe(0);
    again.ws.close();
  });
});
