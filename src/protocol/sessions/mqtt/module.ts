import type { Payload } from '../../../connection/types';
import type { ProtocolContext, ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { decodeMqtt, mqttFrame, MqttReader, type MqttPacket } from './codec';
import { isFailure, reasonName } from './reasonCodes';
import { activeMqttVersion, preferredMqttVersion, setActiveMqttVersion, type MqttVersion } from './version';

/** The keep-alive we ask for in CONNECT (seconds); a PINGREQ goes out this often. */
export const KEEP_ALIVE_S = 30;

/** How long CONNACK may take before the log says none came (the server may not speak MQTT). */
export const CONNACK_TIMEOUT_MS = 10_000;

export type QoS = 0 | 1 | 2;

/** A request awaiting its answer: what it was, and when it went out. */
interface Pending {
  kind: 'subscribe' | 'unsubscribe' | 'publish';
  what: string;
  sentAt: number;
}

/** A client id like `wstester-3f9a1c` (MQTT 3.1.1 servers must accept up to 23 characters of [0-9a-zA-Z]; the dash is widely accepted). */
export function makeClientId(random: () => number = Math.random): string {
  return `wstester-${Array.from({ length: 6 }, () => Math.floor(random() * 16).toString(16)).join('')}`;
}

/**
 * MQTT 3.1.1 and 5 as a client: CONNECT/CONNACK and PINGREQ on the keep-alive are done for the
 * user, QoS 1 and 2 flows are answered both ways (housekeeping, dimmed), and SUBACK, UNSUBACK,
 * PUBACK and PUBCOMP are matched to their requests with the round trip.
 */
export class MqttRuntime implements ProtocolRuntime {
  readonly id = 'mqtt' as const;
  readonly version: MqttVersion;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private keepAlive: ReturnType<typeof setInterval> | null = null;
  private connackTimer: ReturnType<typeof setTimeout> | null = null;
  private connected = false;
  private disconnected = false;
  private readonly reader: MqttReader;

  constructor(
    private readonly io: ProtocolIo,
    private readonly context: ProtocolContext,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.version = preferredMqttVersion(context.url);
    this.reader = new MqttReader(this.version);
  }

  start(): void {
    setActiveMqttVersion(this.context.url, this.version);
    this.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: this.version, clean: true, clientId: makeClientId(), keepalive: KEEP_ALIVE_S }, true);
    this.connackTimer = setTimeout(() => {
      this.connackTimer = null;
      this.io.note(`MQTT: no CONNACK within ${CONNACK_TIMEOUT_MS / 1000} s: is this an MQTT broker (over WebSocket, subprotocol mqtt)?`, 'error');
    }, CONNACK_TIMEOUT_MS);
  }

  received(data: Payload): boolean {
    let packets: MqttPacket[];
    try {
      packets = this.reader.read(data);
    } catch {
      // Shown raw with its parse error by the decoder; the session goes on.
      return false;
    }
    // A message that only carries part of a packet is not dimmed: its row says it is incomplete.
    let housekeeping = packets.length > 0;
    for (const packet of packets) if (!this.handle(packet)) housekeeping = false;
    return housekeeping;
  }

  /** Subscribes to `filter` with the maximum QoS `qos`; returns the packet id. */
  subscribe(filter: string, qos: QoS): number {
    const messageId = this.request('subscribe', `${filter} QoS ${qos}`);
    this.send({ cmd: 'subscribe', messageId, subscriptions: [{ topic: filter, qos }] }, false);
    return messageId;
  }

  /** Unsubscribes from `filter`; returns the packet id. */
  unsubscribe(filter: string): number {
    const messageId = this.request('unsubscribe', filter);
    this.send({ cmd: 'unsubscribe', messageId, unsubscriptions: [filter] }, false);
    return messageId;
  }

  /** Publishes `payload` to `topic`; QoS 1 and 2 are matched to their PUBACK / PUBCOMP. */
  publish(topic: string, payload: string, qos: QoS, retain: boolean): void {
    if (qos === 0) return this.send({ cmd: 'publish', topic, payload, qos, retain, dup: false }, false);
    const messageId = this.request('publish', `${topic} QoS ${qos}${retain ? ' retained' : ''}`);
    this.send({ cmd: 'publish', topic, payload, qos, retain, dup: false, messageId }, false);
  }

  /** Requests still awaiting their answer (for tests). */
  get awaiting(): number {
    return this.pending.size;
  }

  /** The user closes the connection: say goodbye first, as MQTT asks. */
  closing(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    this.send({ cmd: 'disconnect' }, true);
  }

  dispose(): void {
    if (this.keepAlive !== null) clearInterval(this.keepAlive);
    this.keepAlive = null;
    this.stopConnackTimer();
    this.pending.clear();
  }

  /** Reacts to one packet; true when it is housekeeping. */
  private handle(packet: MqttPacket): boolean {
    switch (packet.cmd) {
      case 'connack': {
        this.stopConnackTimer();
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        if (isFailure('connack', code)) {
          this.io.note(`MQTT: the broker refused the connection: ${reasonName('connack', code, this.version)}`, 'error');
          return true;
        }
        this.connected = true;
        this.io.note(`MQTT: connected (MQTT ${this.version === 5 ? '5' : '3.1.1'}, keep-alive ${KEEP_ALIVE_S} s, session present: ${packet.sessionPresent ? 'yes' : 'no'})`);
        this.startKeepAlive();
        return true;
      }
      case 'pingresp':
        return true;
      case 'publish':
        if (packet.qos === 1 && packet.messageId !== undefined) this.send({ cmd: 'puback', messageId: packet.messageId }, true);
        if (packet.qos === 2 && packet.messageId !== undefined) this.send({ cmd: 'pubrec', messageId: packet.messageId }, true);
        return false;
      case 'pubrel':
        this.send({ cmd: 'pubcomp', messageId: packet.messageId ?? 0 }, true);
        return true;
      case 'pubrec': {
        const code = packet.reasonCode ?? 0;
        if (isFailure('pubrec', code)) return (this.answered(packet.messageId, reasonName('pubrec', code, this.version), true), true);
        this.send({ cmd: 'pubrel', messageId: packet.messageId ?? 0 }, true);
        return true;
      }
      case 'puback':
      case 'pubcomp': {
        const code = packet.reasonCode ?? 0;
        this.answered(packet.messageId, code === 0 ? `${packet.cmd.toUpperCase()}` : `${packet.cmd.toUpperCase()} ${reasonName(packet.cmd, code, this.version)}`, isFailure(packet.cmd, code));
        return true;
      }
      case 'suback': {
        const granted = (packet.granted as (number | { qos: number })[]).map((g) => (typeof g === 'number' ? g : g.qos));
        const failed = granted.some((g) => isFailure('suback', g));
        this.answered(packet.messageId, `SUBACK ${granted.map((g) => reasonName('suback', g, this.version)).join(', ')}`, failed);
        return false;
      }
      case 'unsuback': {
        const codes = (packet as { granted?: number[] }).granted ?? [];
        const failed = codes.some((c) => isFailure('unsuback', c));
        this.answered(packet.messageId, `UNSUBACK${codes.length ? ` ${codes.map((c) => reasonName('unsuback', c, this.version)).join(', ')}` : ''}`, failed);
        return false;
      }
      case 'disconnect': {
        const code = packet.reasonCode ?? 0;
        this.io.note(`MQTT: the broker disconnects: ${reasonName('disconnect', code, this.version)}`, code >= 0x80 ? 'error' : 'info');
        return true;
      }
      default:
        return false;
    }
  }

  /** Matches an answer to its request: the note says what it answered, how, and after how long. */
  private answered(messageId: number | undefined, how: string, failed: boolean): void {
    const pending = messageId === undefined ? undefined : this.pending.get(messageId);
    if (!pending) return this.io.note(`MQTT: ${how} #${messageId ?? '?'} matches no request awaiting one`, 'error');
    this.pending.delete(messageId!);
    const ms = Math.round(this.now() - pending.sentAt);
    this.io.note(`MQTT: ${how} for ${pending.kind} ${pending.what} (#${messageId}) after ${ms} ms (round trip)`, failed ? 'error' : 'info');
  }

  /** Takes a free packet id (1–65535) for a request awaiting its answer. */
  private request(kind: Pending['kind'], what: string): number {
    let id = this.nextId;
    while (this.pending.has(id)) id = (id % 65535) + 1;
    this.nextId = (id % 65535) + 1;
    this.pending.set(id, { kind, what, sentAt: this.now() });
    return id;
  }

  private send(packet: MqttPacket, housekeeping: boolean): void {
    this.io.send(mqttFrame(packet, this.version), housekeeping);
  }

  private stopConnackTimer(): void {
    if (this.connackTimer !== null) clearTimeout(this.connackTimer);
    this.connackTimer = null;
  }

  /** PINGREQ every keep-alive period, so the broker never drops a quiet client (it waits 1.5 periods). */
  private startKeepAlive(): void {
    if (this.keepAlive !== null) clearInterval(this.keepAlive);
    this.keepAlive = setInterval(() => {
      if (this.connected && !this.disconnected) this.send({ cmd: 'pingreq' }, true);
    }, KEEP_ALIVE_S * 1000);
  }
}

/** MQTT for the protocol framework. */
export const mqttModule: ProtocolModule = {
  id: 'mqtt',
  decode: (data, context) => decodeMqtt(data, activeMqttVersion(context.url)),
  createRuntime: (io, context) => new MqttRuntime(io, context),
};
