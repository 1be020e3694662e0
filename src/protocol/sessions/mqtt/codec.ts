import { Buffer } from 'buffer';
import { generate, parser, type Packet } from 'mqtt-packet';
import type { Payload } from '../../../connection/types';
import type { DecodedFrame } from '../types';
import { reasonName } from './reasonCodes';
import type { MqttVersion } from './version';
import { messageOf } from '../../../format/thrown';

/**
 * MQTT framing by mqtt-packet (the parser and generator the mqtt client and aedes use). MQTT
 * packets travel as binary WebSocket messages; one message may hold several packets.
 * NOTE: `buffer` is Node's module under Node and the npm `buffer` package in the browser bundle
 * (mqtt-packet and bl import it the same way), so all three share one Buffer class.
 */

export type { Packet as MqttPacket } from 'mqtt-packet';

/** How much of a payload the one-line summary shows. */
const SUMMARY_PAYLOAD_CHARS = 500;

/** Reads every MQTT packet in one WebSocket message; throws with the reason when it is not exactly whole packets. */
export function parseMqttFrame(data: Payload, version: MqttVersion): Packet[] {
  if (typeof data === 'string') throw new Error('MQTT packets travel in binary messages; this one is text');
  if (data.byteLength === 0) throw new Error('empty message');
  const packets: Packet[] = [];
  let failure: Error | null = null;
  const reader = parser({ protocolVersion: version });
  reader.on('packet', (packet) => packets.push(packet));
  reader.on('error', (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
  });
  const left = reader.parse(Buffer.from(data));
  if (failure) throw failure;
  if (left > 0) {
    throw new Error(`incomplete packet: the message ends inside packet ${packets.length + 1} (${data.byteLength} bytes in all); a packet may continue in the next message`);
  }
  return packets;
}

/**
 * Reads a connection's MQTT byte stream across WebSocket messages: MQTT over WebSocket lets a
 * packet span messages (MQTT 5 §6.0), so the runtime keeps one reader per connection.
 */
export class MqttReader {
  private readonly reader;
  private packets: Packet[] = [];
  private failure: Error | null = null;

  constructor(version: MqttVersion) {
    this.reader = parser({ protocolVersion: version });
    this.reader.on('packet', (packet) => this.packets.push(packet));
    this.reader.on('error', (error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  /** The packets this message completed (a packet begun earlier included); throws when the stream is not MQTT. */
  read(data: Payload): Packet[] {
    if (typeof data === 'string') throw new Error('MQTT packets travel in binary messages; this one is text');
    this.packets = [];
    this.failure = null;
    // NOTE: after an error mqtt-packet drops what it held and starts afresh with the next message.
    this.reader.parse(Buffer.from(data));
    if (this.failure) throw this.failure;
    return this.packets;
  }
}

/** One packet written by mqtt-packet, as a binary WebSocket message. */
export function mqttFrame(packet: Packet, version: MqttVersion): ArrayBuffer {
  const bytes = generate(packet, { protocolVersion: version });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A payload (or other bytes) for display: the text when it is UTF-8, else hex. */
export function bytesForDisplay(bytes: Uint8Array): { text: string } | { hex: string } {
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ') };
  }
}

/** The bytes of a Buffer or typed array (checked with isView: a test's DOM may bring its own Uint8Array). */
function asBytes(value: unknown): Uint8Array | null {
  return ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : null;
}

/** A JSON-safe copy of a value read by mqtt-packet: Buffers become text or hex. */
function plain(value: unknown): unknown {
  const bytes = asBytes(value);
  if (bytes) return bytesForDisplay(bytes);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null && key !== 'length') out[key] = plain(v);
    return out;
  }
  return value;
}

/** The reason or return code of an answer packet, named; null when it has none. */
function reasonOf(packet: Packet, version: MqttVersion): string | null {
  const code = (packet as { reasonCode?: number }).reasonCode ?? (packet as { returnCode?: number }).returnCode;
  if (typeof code !== 'number') return null;
  if (code === 0 && packet.cmd !== 'connack' && packet.cmd !== 'disconnect') return null;
  return reasonName(packet.cmd, code, version);
}

function payloadText(payload: unknown): string {
  const bytes = asBytes(payload);
  if (bytes) {
    const shown = bytesForDisplay(bytes);
    const text = 'text' in shown ? shown.text : `hex ${shown.hex}`;
    return text.length > SUMMARY_PAYLOAD_CHARS ? `${text.slice(0, SUMMARY_PAYLOAD_CHARS)}…` : text;
  }
  return typeof payload === 'string' ? payload : '';
}

/** One packet in a line: type, packet id, topic or filters, QoS, retain, reason, payload. */
export function summarizePacket(packet: Packet, version: MqttVersion): string {
  const parts: string[] = [packet.cmd.toUpperCase()];
  if (typeof packet.messageId === 'number' && packet.cmd !== 'publish') parts.push(`#${packet.messageId}`);
  switch (packet.cmd) {
    case 'connect':
      parts.push(`MQTT ${packet.protocolVersion === 5 ? '5' : packet.protocolVersion === 3 ? '3.1' : '3.1.1'}`, `client ${packet.clientId || '(empty)'}`, `keep-alive ${packet.keepalive ?? 0} s`);
      if (packet.username) parts.push(`user ${packet.username}`);
      break;
    case 'connack':
      parts.push(reasonOf(packet, version) ?? '', packet.sessionPresent ? 'session present' : '');
      break;
    case 'publish':
      parts.push(packet.topic, `QoS ${packet.qos}`);
      if (packet.qos > 0 && typeof packet.messageId === 'number') parts.push(`#${packet.messageId}`);
      if (packet.retain) parts.push('retain');
      if (packet.dup) parts.push('dup');
      parts.push(payloadText(packet.payload));
      break;
    case 'subscribe':
      parts.push(packet.subscriptions.map((s) => `${s.topic} QoS ${s.qos}`).join(', '));
      break;
    case 'unsubscribe':
      parts.push(packet.unsubscriptions.join(', '));
      break;
    case 'suback':
    case 'unsuback': {
      const codes = (packet as { granted?: unknown }).granted;
      if (Array.isArray(codes)) parts.push(codes.map((c) => (typeof c === 'number' ? reasonName('suback', c, version) : String(c))).join(', '));
      else parts.push(reasonOf(packet, version) ?? '');
      break;
    }
    default:
      parts.push(reasonOf(packet, version) ?? '');
  }
  return parts.filter(Boolean).join(' ');
}

/** Decodes a WebSocket message for display: each packet's summary, and the packets as a tree; the parse error when it is not MQTT. */
export function decodeMqtt(data: Payload, version: MqttVersion): DecodedFrame {
  try {
    const packets = parseMqttFrame(data, version);
    const tree = packets.map((p) => {
      const { cmd, ...rest } = plain(p) as Record<string, unknown>;
      return { type: String(cmd).toUpperCase(), ...rest };
    });
    return {
      summary: packets.map((p) => summarizePacket(p, version)).join(' · '),
      tree: tree.length === 1 ? tree[0] : tree,
      error: null,
    };
  } catch (error) {
    return { summary: '', tree: null, error: `Not MQTT ${version === 5 ? '5' : '3.1.1'}: ${messageOf(error)}` };
  }
}
