import type { Payload } from '../../../connection/types';
import type { ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { connectFrame, decodeSocketIo, emitFrame, PacketType, parseSocketIoFrame, pongFrame } from './codec';

/** An emit that awaits its ack: what was emitted, and when. */
interface PendingAck {
  event: string;
  sentAt: number;
}

/**
 * Socket.IO over one WebSocket: answers Engine.IO pings, joins the namespace after the open
 * packet, and matches acks to their emits (with the round trip).
 */
export class SocketIoRuntime implements ProtocolRuntime {
  readonly id = 'socketio' as const;
  private nextAckId = 1;
  private readonly pending = new Map<number, PendingAck>();

  constructor(
    private readonly io: ProtocolIo,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {}

  received(data: Payload): boolean {
    let frame;
    try {
      frame = parseSocketIoFrame(data);
    } catch {
      return false;
    }
    switch (frame.engine) {
      case 'open':
        this.io.send(connectFrame(), true);
        return true;
      case 'ping':
        this.io.send(pongFrame(), true);
        return true;
      case 'pong':
      case 'noop':
        return true;
      case 'message': {
        const { packet } = frame;
        if (packet.type === PacketType.CONNECT) {
          this.io.note(`Socket.IO: joined namespace ${packet.nsp}`);
          return true;
        }
        if (packet.type === PacketType.CONNECT_ERROR) this.io.note(`Socket.IO: the server refused namespace ${packet.nsp}: ${JSON.stringify(packet.data)}`, 'error');
        if (packet.type === PacketType.ACK && packet.id !== undefined) this.matchAck(packet.id, packet.data);
        return false;
      }
      default:
        return false;
    }
  }

  /** Emits `event` with `args`; with `expectAck` the answer is matched to it by id. */
  emit(event: string, args: unknown[], expectAck: boolean): void {
    const ackId = expectAck ? this.nextAckId++ : undefined;
    if (ackId !== undefined) this.pending.set(ackId, { event, sentAt: this.now() });
    this.io.send(emitFrame(event, args, ackId), false);
  }

  /** Acks still awaited (for tests and the view). */
  get awaiting(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.pending.clear();
  }

  private matchAck(id: number, data: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return this.io.note(`Socket.IO: ack #${id} matches no emit awaiting one`, 'error');
    this.pending.delete(id);
    const ms = Math.round(this.now() - pending.sentAt);
    this.io.note(`Socket.IO: ack #${id} for ${JSON.stringify(pending.event)} after ${ms} ms (round trip): ${JSON.stringify(data ?? [])}`);
  }
}

/** Socket.IO (Engine.IO v4, Socket.IO v5) for the protocol framework. */
export const socketIoModule: ProtocolModule = {
  id: 'socketio',
  decode: (data) => decodeSocketIo(data),
  createRuntime: (io) => new SocketIoRuntime(io),
};
