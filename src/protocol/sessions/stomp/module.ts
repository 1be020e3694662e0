import type { Payload } from '../../../connection/types';
import type { ProtocolContext, ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { decodeStomp, HEART_BEAT, parseStompFrame, stompFrame } from './codec';
import type { AckMode } from './headers';

/** The heart-beat interval we offer, both ways (ms). */
export const HEART_BEAT_MS = 10_000;


/** A received MESSAGE that awaits the user's ACK or NACK. */
interface Unacked {
  subscription: string;
  messageId: string;
  /** STOMP 1.2's `ack` header, which ACK and NACK name as `id`. */
  ack: string | undefined;
  destination: string;
}

/**
 * STOMP 1.0–1.2: CONNECT/CONNECTED and heart-beats done for the user; subscribe (with an ack
 * mode), unsubscribe, send with headers, and ACK/NACK of received messages, oldest first.
 */
export class StompRuntime implements ProtocolRuntime {
  readonly id = 'stomp' as const;
  private nextSubscription = 0;
  private nextReceipt = 1;
  private heartBeat: ReturnType<typeof setInterval> | null = null;
  private version = '1.2';
  private readonly subscriptions = new Map<string, { destination: string; ack: AckMode }>();
  /** Subscriptions whose messages the user acknowledges; while none, MESSAGE frames are not parsed. */
  private manualAck = 0;
  private readonly unacked: Unacked[] = [];
  private readonly receipts = new Map<string, string>();

  constructor(
    private readonly io: ProtocolIo,
    private readonly context: ProtocolContext,
  ) {}

  start(): void {
    let host = 'localhost';
    try {
      host = new URL(this.context.url).hostname || host;
    } catch {
      // keep localhost
    }
    this.io.send(stompFrame('CONNECT', { 'accept-version': '1.2,1.1,1.0', host, 'heart-beat': `${HEART_BEAT_MS},${HEART_BEAT_MS}` }), true);
  }

  received(data: Payload): boolean {
    // NOTE: a MESSAGE is read only while a subscription waits for the user's acks (rows decode what is on screen).
    if (this.manualAck === 0 && typeof data === 'string' && data.startsWith('MESSAGE')) return false;
    let frame;
    try {
      frame = parseStompFrame(data);
    } catch {
      return false;
    }
    if (frame.command === null) return true;
    switch (frame.command) {
      case 'CONNECTED':
        this.version = frame.headers.version ?? '1.0';
        this.io.note(`STOMP: connected (version ${this.version}, server heart-beat ${frame.headers['heart-beat'] ?? '0,0'})`);
        this.startHeartBeat(frame.headers['heart-beat'] ?? '0,0');
        return true;
      case 'ERROR':
        this.io.note(`STOMP: the server sent ERROR: ${frame.headers.message ?? frame.body}`, 'error');
        return false;
      case 'RECEIPT': {
        const id = frame.headers['receipt-id'] ?? '';
        const what = this.receipts.get(id);
        if (what) {
          this.receipts.delete(id);
          this.io.note(`STOMP: the server confirmed ${what} (RECEIPT ${id})`);
        }
        return true;
      }
      case 'MESSAGE':
        this.track(frame.headers);
        return false;
      default:
        return false;
    }
  }

  /** Subscribes to `destination` with an ack mode; returns the subscription id. */
  subscribe(destination: string, ack: AckMode = 'auto'): string {
    const id = `sub-${this.nextSubscription++}`;
    this.subscriptions.set(id, { destination, ack });
    if (ack !== 'auto') this.manualAck++;
    this.io.send(stompFrame('SUBSCRIBE', { id, destination, ack }), false);
    this.changed();
    return id;
  }

  /** Ends the subscription `id`; its messages no longer wait for acks. */
  unsubscribe(id: string): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    this.subscriptions.delete(id);
    if (subscription.ack !== 'auto') this.manualAck--;
    for (let i = this.unacked.length - 1; i >= 0; i--) if (this.unacked[i]!.subscription === id) this.unacked.splice(i, 1);
    this.io.send(stompFrame('UNSUBSCRIBE', { id }), false);
    this.changed();
  }

  /** Sends `body` to `destination` with the user's headers (the NUL terminator added). */
  send(destination: string, body: string, headers: Record<string, string> = {}): void {
    this.io.send(stompFrame('SEND', { destination, 'content-type': 'text/plain', ...headers }, body), false);
  }

  /**
   * ACKs (or NACKs) the oldest received message still waiting, with a receipt so the server's
   * answer is shown; returns false when none waits or STOMP 1.0 has no NACK.
   */
  acknowledge(positive: boolean): boolean {
    const message = this.unacked[0];
    if (!message) return false;
    if (!positive && this.version === '1.0') {
      this.io.note('STOMP: version 1.0 has no NACK', 'error');
      return false;
    }
    // NOTE: the oldest goes first, so a `client` mode ACK (which covers earlier messages too) covers only it.
    const command = positive ? 'ACK' : 'NACK';
    const receipt = `ack-${this.nextReceipt++}`;
    this.receipts.set(receipt, `${command} of message ${message.messageId}`);
    const target: Record<string, string> = this.version === '1.2' ? { id: message.ack ?? message.messageId } : { subscription: message.subscription, 'message-id': message.messageId };
    this.io.send(stompFrame(command, { ...target, receipt }), false);
    this.unacked.shift();
    this.changed();
    return true;
  }

  /** Messages waiting for an ack (for tests). */
  get waiting(): number {
    return this.unacked.length;
  }

  dispose(): void {
    if (this.heartBeat !== null) clearInterval(this.heartBeat);
    this.heartBeat = null;
  }

  private track(headers: Record<string, string>): void {
    const subscription = headers.subscription ?? '';
    const mode = this.subscriptions.get(subscription)?.ack;
    if (!mode || mode === 'auto') return;
    this.unacked.push({ subscription, messageId: headers['message-id'] ?? '', ack: headers.ack, destination: headers.destination ?? '' });
    this.changed();
  }

  private changed(): void {
    const next = this.unacked[0];
    this.io.changed({
      operations: [...this.subscriptions.keys()],
      ack: next ? { next: `message ${next.messageId} on ${next.destination} (${next.subscription})`, waiting: this.unacked.length } : null,
    });
  }

  /** Sends heart-beats as negotiated: the larger of what we offered and what the server wants, or none when either says 0. */
  private startHeartBeat(serverHeartBeat: string): void {
    const wants = Number(serverHeartBeat.split(',')[1] ?? 0);
    if (!Number.isFinite(wants) || wants <= 0) return;
    const every = Math.max(HEART_BEAT_MS, wants);
    this.dispose();
    this.heartBeat = setInterval(() => this.io.send(HEART_BEAT, true), every);
  }
}

/** STOMP for the protocol framework. */
export const stompModule: ProtocolModule = {
  id: 'stomp',
  decode: (data) => decodeStomp(data),
  createRuntime: (io, context) => new StompRuntime(io, context),
};
