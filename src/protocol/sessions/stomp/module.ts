import type { Payload } from '../../../connection/types';
import type { ProtocolContext, ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { decodeStomp, HEART_BEAT, parseStompFrame, stompFrame } from './codec';

/** The heart-beat interval we offer, both ways (ms). */
export const HEART_BEAT_MS = 10_000;

/** STOMP 1.0–1.2: CONNECT/CONNECTED and heart-beats done for the user; subscribe and send by destination. */
export class StompRuntime implements ProtocolRuntime {
  readonly id = 'stomp' as const;
  private nextSubscription = 0;
  private heartBeat: ReturnType<typeof setInterval> | null = null;

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
    let frame;
    try {
      frame = parseStompFrame(data);
    } catch {
      return false;
    }
    if (frame.command === null) return true;
    if (frame.command === 'CONNECTED') {
      this.io.note(`STOMP: connected (version ${frame.headers.version ?? '1.0'}, server heart-beat ${frame.headers['heart-beat'] ?? '0,0'})`);
      this.startHeartBeat(frame.headers['heart-beat'] ?? '0,0');
      return true;
    }
    if (frame.command === 'ERROR') this.io.note(`STOMP: the server sent ERROR: ${frame.headers.message ?? frame.body}`, 'error');
    return frame.command === 'RECEIPT';
  }

  /** Subscribes to `destination`; returns the subscription id. */
  subscribe(destination: string): string {
    const id = `sub-${this.nextSubscription++}`;
    this.io.send(stompFrame('SUBSCRIBE', { id, destination, ack: 'auto' }), false);
    return id;
  }

  /** Sends `body` to `destination` (the NUL terminator added). */
  send(destination: string, body: string): void {
    this.io.send(stompFrame('SEND', { destination, 'content-type': 'text/plain' }, body), false);
  }

  dispose(): void {
    if (this.heartBeat !== null) clearInterval(this.heartBeat);
    this.heartBeat = null;
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
