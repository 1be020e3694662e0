import type { Payload } from '../../../connection/types';
import type { ProtocolContext, ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { connectFrame, decodeSocketIo, emitFrame, normalizeNamespace, PacketType, parseSocketIoFrame, pongFrame, runtimeNeeds } from './codec';

/** An emit that awaits its ack: what was emitted, and when. */
interface PendingAck {
  event: string;
  sentAt: number;
}

/** An emit waiting for its namespace's CONNECT answer. */
interface QueuedEmit {
  event: string;
  args: unknown[];
  expectAck: boolean;
}

/** Where a namespace stands: CONNECT sent and its emits queued, joined, or refused (CONNECT_ERROR). */
type Membership = { state: 'joining'; queued: QueuedEmit[] } | { state: 'joined' } | { state: 'refused' };

/**
 * Socket.IO over one WebSocket: answers Engine.IO pings, joins the namespace after the open
 * packet (with the optional auth object), joins another namespace before the first emit to it,
 * and matches acks to their emits (with the round trip).
 */
export class SocketIoRuntime implements ProtocolRuntime {
  readonly id = 'socketio' as const;
  private nextAckId = 1;
  private readonly pending = new Map<number, PendingAck>();
  private readonly namespaces = new Map<string, Membership>();
  private readonly namespace: string;
  private readonly auth: Record<string, unknown> | undefined;
  private opened = false;

  constructor(
    private readonly io: ProtocolIo,
    context: Pick<ProtocolContext, 'options'> = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.namespace = normalizeNamespace(context.options?.namespace ?? '/');
    this.auth = context.options?.auth;
  }

  start(): void {}

  received(data: Payload): boolean {
    // NOTE: events (the bulk of the traffic) are never parsed here; rows decode what is on screen.
    if (!runtimeNeeds(data)) return false;
    let frame;
    try {
      frame = parseSocketIoFrame(data);
    } catch {
      return false;
    }
    switch (frame.engine) {
      case 'open':
        if (!this.opened) {
          this.opened = true;
          this.join(this.namespace);
        }
        return true;
      case 'ping':
        this.io.send(pongFrame(), true);
        return true;
      case 'pong':
      case 'noop':
        return true;
      case 'message': {
        const { packet } = frame;
        const nsp = packet.nsp || '/';
        if (packet.type === PacketType.CONNECT) {
          this.joined(nsp);
          return true;
        }
        if (packet.type === PacketType.CONNECT_ERROR) this.refused(nsp, packet.data);
        if (packet.type === PacketType.DISCONNECT) this.left(nsp);
        if (packet.type === PacketType.ACK && packet.id !== undefined) this.matchAck(packet.id, packet.data);
        return false;
      }
      default:
        return false;
    }
  }

  /**
   * Emits `event` with `args` to `nsp` (joined first, with `auth`, if need be); with `expectAck`
   * the answer is matched to it by id.
   */
  emit(event: string, args: unknown[], expectAck: boolean, nsp = this.namespace, auth = this.auth): void {
    const namespace = normalizeNamespace(nsp);
    const membership = this.namespaces.get(namespace);
    if (membership?.state === 'joined') return this.send(event, args, expectAck, namespace);
    if (membership?.state === 'joining') {
      membership.queued.push({ event, args, expectAck });
      return;
    }
    this.io.note(`Socket.IO: joining namespace ${namespace} first; the emit goes once the server accepts`);
    this.join(namespace, [{ event, args, expectAck }], auth);
  }

  /** Acks still awaited (for tests and the view). */
  get awaiting(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.pending.clear();
    this.namespaces.clear();
  }

  private send(event: string, args: unknown[], expectAck: boolean, nsp: string): void {
    const ackId = expectAck ? this.nextAckId++ : undefined;
    if (ackId !== undefined) this.pending.set(ackId, { event, sentAt: this.now() });
    this.io.send(emitFrame(event, args, ackId, nsp), false);
  }

  private join(nsp: string, queued: QueuedEmit[] = [], auth = this.auth): void {
    this.namespaces.set(nsp, { state: 'joining', queued });
    this.io.send(connectFrame(nsp, auth), true);
  }

  private joined(nsp: string): void {
    const membership = this.namespaces.get(nsp);
    this.namespaces.set(nsp, { state: 'joined' });
    this.io.note(`Socket.IO: joined namespace ${nsp}`);
    if (membership?.state === 'joining') for (const q of membership.queued) this.send(q.event, q.args, q.expectAck, nsp);
  }

  private refused(nsp: string, data: unknown): void {
    const membership = this.namespaces.get(nsp);
    this.namespaces.set(nsp, { state: 'refused' });
    const dropped = membership?.state === 'joining' && membership.queued.length ? `; not sent: ${membership.queued.map((q) => JSON.stringify(q.event)).join(', ')}` : '';
    const why = typeof data === 'object' && data !== null && 'message' in data ? String((data as { message: unknown }).message) : JSON.stringify(data);
    this.io.note(`Socket.IO: CONNECT_ERROR: the server refused namespace ${nsp}: ${why}${dropped}`, 'error');
  }

  private left(nsp: string): void {
    this.namespaces.delete(nsp);
    this.io.note(`Socket.IO: the server disconnected namespace ${nsp}`);
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
  createRuntime: (io, context) => new SocketIoRuntime(io, context),
};
