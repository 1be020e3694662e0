import { decodePacket, encodePacket, type Packet as EnginePacket } from 'engine.io-parser';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { Payload } from '../../../connection/types';
import type { DecodedFrame } from '../types';
import { messageOf } from '../../../format/thrown';

/** Socket.IO packet types by number, as the protocol names them. */
const SOCKET_TYPE_NAMES: Record<number, string> = {
  [PacketType.CONNECT]: 'CONNECT',
  [PacketType.DISCONNECT]: 'DISCONNECT',
  [PacketType.EVENT]: 'EVENT',
  [PacketType.ACK]: 'ACK',
  [PacketType.CONNECT_ERROR]: 'CONNECT_ERROR',
  [PacketType.BINARY_EVENT]: 'BINARY_EVENT',
  [PacketType.BINARY_ACK]: 'BINARY_ACK',
};

/** One WebSocket frame read as Engine.IO, and its Socket.IO packet when it carries one. */
export type SocketIoFrame =
  | { engine: 'open'; handshake: unknown }
  | { engine: 'close' | 'ping' | 'pong' | 'upgrade' | 'noop'; data: string }
  | { engine: 'message'; packet: Packet }
  /** Bytes of a binary attachment (Engine.IO sends them as binary frames). */
  | { engine: 'binary'; size: number };

/** Reads one frame as Engine.IO v4 then Socket.IO v5 (engine.io-parser and socket.io-parser); throws with the reason. */
export function parseSocketIoFrame(data: Payload): SocketIoFrame {
  if (typeof data !== 'string') return { engine: 'binary', size: data.byteLength };
  const engine = decodePacket(data) as EnginePacket;
  switch (engine.type) {
    case 'open':
      return { engine: 'open', handshake: JSON.parse(String(engine.data ?? '')) as unknown };
    case 'message':
      return { engine: 'message', packet: decodeSocketPacket(String(engine.data ?? '')) };
    case 'close':
    case 'ping':
    case 'pong':
    case 'upgrade':
    case 'noop':
      return { engine: engine.type, data: typeof engine.data === 'string' ? engine.data : '' };
    default:
      throw new Error(`not an Engine.IO packet (type character ${JSON.stringify(data.slice(0, 1))})`);
  }
}

/** Decodes one Socket.IO packet from its text with socket.io-parser's Decoder. */
function decodeSocketPacket(text: string): Packet {
  if (text === '') throw new Error('an Engine.IO message with no Socket.IO packet in it');
  const decoder = new Decoder();
  let packet: Packet | null = null;
  decoder.on('decoded', (decoded: Packet) => {
    packet = decoded;
  });
  try {
    decoder.add(text);
  } finally {
    decoder.destroy();
  }
  if (packet) {
    if (SOCKET_TYPE_NAMES[(packet as Packet).type] === undefined) throw new Error(`unknown Socket.IO packet type ${JSON.stringify(text[0])}`);
    return packet;
  }
  // A binary packet waits for its attachments, which come as the next (binary) frames.
  const header = /^([56])(\d+)-/.exec(text);
  if (header) return { type: Number(header[1]) as PacketType, nsp: '/', attachments: Number(header[2]), data: text };
  throw new Error('incomplete Socket.IO packet');
}

/** A one-line summary and a tree of a parsed frame. */
export function describeSocketIoFrame(frame: SocketIoFrame): { summary: string; tree: unknown } {
  switch (frame.engine) {
    case 'open':
      return { summary: 'Engine.IO open', tree: { engine: 'open', handshake: frame.handshake } };
    case 'binary':
      return { summary: `binary attachment, ${frame.size} bytes`, tree: { engine: 'binary attachment', size: frame.size } };
    case 'message':
      return { summary: describePacket(frame.packet), tree: { engine: 'message', socketio: { ...frame.packet, type: SOCKET_TYPE_NAMES[frame.packet.type] ?? frame.packet.type } } };
    default:
      return { summary: `Engine.IO ${frame.engine}${frame.data ? ` ${frame.data}` : ''}`, tree: { engine: frame.engine, data: frame.data } };
  }
}

function describePacket(packet: Packet): string {
  const nsp = packet.nsp && packet.nsp !== '/' ? ` ${packet.nsp}` : '';
  const id = packet.id === undefined ? '' : ` #${packet.id}`;
  switch (packet.type) {
    case PacketType.EVENT:
    case PacketType.BINARY_EVENT: {
      if (!Array.isArray(packet.data)) return `event${nsp}${id} (binary, awaiting ${packet.attachments ?? 0} attachments)`;
      const [name, ...args] = packet.data as unknown[];
      return `event ${JSON.stringify(name)}${nsp}${id} ${JSON.stringify(args)}`;
    }
    case PacketType.ACK:
    case PacketType.BINARY_ACK:
      return `ack${nsp}${id} ${JSON.stringify(packet.data ?? [])}`;
    case PacketType.CONNECT:
      return `connect${nsp || ' /'}${packet.data === undefined ? '' : ` ${JSON.stringify(packet.data)}`}`;
    case PacketType.CONNECT_ERROR:
      return `connect error${nsp} ${JSON.stringify(packet.data)}`;
    case PacketType.DISCONNECT:
      return `disconnect${nsp || ' /'}`;
    default:
      return `packet type ${String(packet.type)}`;
  }
}

/** Decodes a frame for display; a frame that does not parse keeps its error. */
export function decodeSocketIo(data: Payload): DecodedFrame {
  try {
    return { ...describeSocketIoFrame(parseSocketIoFrame(data)), error: null };
  } catch (error) {
    return { summary: '', tree: null, error: `Not Socket.IO: ${messageOf(error)}` };
  }
}

/** The Engine.IO frame carrying one Socket.IO packet (text only: arguments are JSON). */
export function encodeSocketIo(packet: Packet): string {
  const [encoded] = new Encoder().encode(packet) as unknown[];
  let frame = '';
  encodePacket({ type: 'message', data: String(encoded) }, false, (out) => {
    frame = String(out);
  });
  return frame;
}

/** The frame for an emit: event name and arguments, with an ack id when an answer is wanted. */
export function emitFrame(event: string, args: unknown[], ackId: number | undefined, nsp = '/'): string {
  return encodeSocketIo({ type: PacketType.EVENT, nsp, data: [event, ...args], ...(ackId === undefined ? {} : { id: ackId }) });
}

/** The frame that joins a namespace, with the optional `auth` object the server's middleware reads. */
export function connectFrame(nsp = '/', auth?: Record<string, unknown>): string {
  return encodeSocketIo({ type: PacketType.CONNECT, nsp, ...(auth === undefined ? {} : { data: auth }) });
}

/**
 * Whether the runtime must read a received text frame: everything but an EVENT (type 2 or 5 in an
 * Engine.IO message), which it never needs to parse. Two character checks, so a firehose of
 * events costs no parsing on the hot path.
 */
export function runtimeNeeds(data: Payload): boolean {
  if (typeof data !== 'string') return false;
  if (data.charCodeAt(0) !== 0x34 /* '4' */) return true;
  const type = data.charCodeAt(1);
  return type !== 0x32 /* '2' */ && type !== 0x35 /* '5' */;
}

/** A namespace as typed: '' means '/', and a missing leading slash is added. */
export function normalizeNamespace(typed: string): string {
  const nsp = typed.trim();
  if (nsp === '') return '/';
  return nsp.startsWith('/') ? nsp : `/${nsp}`;
}

/** One Engine.IO packet without a Socket.IO packet in it (open, ping, pong, close), as a text frame. */
export function engineFrame(type: 'open' | 'ping' | 'pong' | 'close', data?: string): string {
  let frame = '';
  encodePacket(data === undefined ? { type } : { type, data }, false, (out) => {
    frame = String(out);
  });
  return frame;
}

/** The Engine.IO pong that answers the server's ping. */
export function pongFrame(): string {
  return engineFrame('pong');
}

export { PacketType };
