import type { Payload } from '../../../connection/types';
import type { ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { decodeSignalr, HANDSHAKE_REQUEST, parseSignalrFrame, signalrFrame } from './codec';

/** How often the client pings the hub, as SignalR's clients do by default (ms). */
export const PING_MS = 15_000;

/** SignalR's JSON hub protocol: handshake and pings done for the user; invocations matched to their completions. */
export class SignalrRuntime implements ProtocolRuntime {
  readonly id = 'signalr' as const;
  private nextId = 1;
  private readonly pending = new Map<string, { target: string; sentAt: number }>();
  private pinger: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly io: ProtocolIo,
    private readonly greeted = false,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (!this.greeted) this.io.send(HANDSHAKE_REQUEST, true);
    this.pinger = setInterval(() => this.io.send(signalrFrame({ type: 6 }), true), PING_MS);
  }

  received(data: Payload): boolean {
    let records;
    try {
      records = parseSignalrFrame(data);
    } catch {
      return false;
    }
    let housekeeping = true;
    for (const record of records) {
      if (record.type === undefined) {
        if (record.error) this.io.note(`SignalR: the hub refused the handshake: ${String(record.error)}`, 'error');
      } else if (record.type === 6) {
        // A ping: nothing to answer.
      } else {
        housekeeping = false;
        if (record.type === 3) this.complete(String(record.invocationId), record);
        if (record.type === 7) this.io.note(`SignalR: the hub closed the connection${record.error ? `: ${String(record.error)}` : ''}`, record.error ? 'error' : 'info');
      }
    }
    return housekeeping;
  }

  /** Invokes `target` with `args`, awaiting its completion. */
  invoke(target: string, args: unknown[]): void {
    const invocationId = String(this.nextId++);
    this.pending.set(invocationId, { target, sentAt: this.now() });
    this.io.send(signalrFrame({ type: 1, invocationId, target, arguments: args }), false);
  }

  dispose(): void {
    if (this.pinger !== null) clearInterval(this.pinger);
    this.pinger = null;
    this.pending.clear();
  }

  private complete(id: string, record: Record<string, unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    const ms = Math.round(this.now() - pending.sentAt);
    const outcome = record.error !== undefined ? `error ${JSON.stringify(record.error)}` : `result ${JSON.stringify(record.result ?? null)}`;
    this.io.note(`SignalR: ${pending.target} #${id} completed after ${ms} ms (round trip): ${outcome}`, record.error !== undefined ? 'error' : 'info');
  }
}

/** SignalR (JSON hub protocol) for the protocol framework. */
export const signalrModule: ProtocolModule = {
  id: 'signalr',
  decode: (data) => decodeSignalr(data),
  createRuntime: (io, context) => new SignalrRuntime(io, Boolean(context.greeted)),
};
