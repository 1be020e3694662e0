import { openConnection } from '../connection/openConnection';
import { Reconnector } from '../connection/reconnect';
import { startReportedRepeat, type RepeatHandle } from '../connection/repeatSender';
import type { ClosedBy, CloseInfo, Connection, ConnectionFactory, ConnectionListener, ConnectVia, Payload, ReadyState } from '../connection/types';
import { describeControlFrame, describeHandshake } from '../agent/handshakeText';
import type { LogEntry, MessageFormat } from '../store/logEntry';
import { subprotocolNote } from '../protocol/browserReports';
import { payloadKey } from '../stats/rttMatcher';
import { messageOf } from '../format/thrown';
import type { LogBuffer } from './logBuffer';
import { SessionRecorder, type Counters } from './recorder';
import { ProtocolDriver } from './protocolDriver';
import type { ProtocolChoice, ProtocolOptions, ProtocolRuntime } from '../protocol/sessions/types';
import { NO_KEEP_ALIVE, type KeepAlivePlan } from './settings';
import type { SessionStats } from './stats';
import type { SessionEvent, SessionView } from './sessionTypes';

export { ZERO_COUNTERS, type Counters } from './recorder';
export type { SessionEvent, SessionView } from './sessionTypes';

/** Who closed first, in words, as the agent reports it. */
const CLOSED_BY: Record<ClosedBy, string> = {
  client: 'Closed first by this side (the local agent sent the first close frame for this page)',
  server: 'Closed first by the server',
  agent: 'Closed by the local agent (it could not open or keep the connection)',
};

export interface SessionOptions {
  /** Opens a transport; the default picks the WebSocket or the Simulator from the URL. */
  open?: ConnectionFactory;
  /** Called after each change with what changed; called outside every try/catch. */
  onChange?: (patch: Partial<SessionView>) => void;
}

/**
 * One connection and everything that hangs off it: the transport, the kept log, the counters and
 * stats, the heartbeat, a repeat, the reconnect schedule and the connect timeout. Every change of
 * state goes through `dispatch`; `dispose()` stops every timer and socket it owns.
 */
export class Session {
  /** The log, counters and stats: what the connection has seen. */
  private readonly recorder: SessionRecorder;
  private readonly open: ConnectionFactory;
  private readonly onChange: (patch: Partial<SessionView>) => void;
  private readonly reconnector = new Reconnector();
  private connection: Connection | null = null;
  private readyState: ReadyState = 'CLOSED';
  private target: { url: string; protocols: string[]; via: ConnectVia } | null = null;
  private plan: KeepAlivePlan = NO_KEEP_ALIVE;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private repeatHandle: RepeatHandle | null = null;
  /** The user asked for the coming close (Disconnect): never reconnect after it. */
  private closingByUser = false;
  private refusal: string | null = null;
  private reconnectAttempt = 0;
  private disposed = false;
  private protocolChoice: ProtocolChoice = 'auto';
  private protocolOptions: ProtocolOptions = {};
  /** Seq of the last entry before the connection opened: the protocol replays what came after. */
  private openedAfterSeq = 0;
  private readonly protocol: ProtocolDriver;

  constructor(readonly id: string, options: SessionOptions = {}) {
    this.open = options.open ?? openConnection;
    this.onChange = options.onChange ?? (() => {});
    this.recorder = new SessionRecorder((counters, logVersion) => this.emit({ counters, logVersion }));
    this.protocol = new ProtocolDriver({
      send: (frame, housekeeping) => this.sendFrame(frame, housekeeping),
      note: (text, kind) => this.note(text, kind),
      receivedSinceOpen: () => this.receivedSinceOpen(),
      show: (view) => this.emit({ protocol: view }),
      isOpen: () => this.readyState === 'OPEN',
      watch: (watcher) => {
        this.recorder.watcher = watcher;
      },
    });
  }

  /** Which protocol to speak from the next open on (Auto, Raw or one protocol), and what its greeting carries. */
  setProtocolChoice(choice: ProtocolChoice, options: ProtocolOptions = {}): void {
    this.protocolChoice = choice;
    this.protocolOptions = options;
  }

  /** The running protocol's runtime (its verbs), or null for Raw. */
  get protocolRuntime(): ProtocolRuntime | null {
    return this.protocol.active;
  }

  /** Sends a frame a protocol made; housekeeping frames are logged dimmed. Returns whether it was sent. */
  private sendFrame(frame: Payload, housekeeping: boolean): boolean {
    const connection = this.connection;
    if (!connection || this.readyState !== 'OPEN') return false;
    if (!housekeeping) this.stats.rtt.sentPayload(frame, performance.now());
    connection.send(frame);
    this.recorder.recordSent(frame, typeof frame === 'string' ? 'text' : 'hex', housekeeping);
    return true;
  }

  private *receivedSinceOpen(): Generator<{ data: Payload; at: number; markAuto: () => void }> {
    const log = this.recorder.log;
    for (let seq = Math.max(this.openedAfterSeq + 1, log.firstSeq); seq <= log.lastSeq; seq++) {
      const entry = log.bySeq(seq);
      if (entry?.kind === 'received') yield { data: entry.data, at: entry.at, markAuto: () => (entry.auto = true) };
    }
  }

  get log(): LogBuffer {
    return this.recorder.log;
  }

  get counters(): Counters {
    return this.recorder.counters;
  }

  get stats(): SessionStats {
    return this.recorder.stats;
  }

  /** The connection's state as the WebSocket API names it. */
  get state(): ReadyState {
    return this.readyState;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Opens `url` (through the local agent with `via`); returns why the browser refused, or null when the attempt started. */
  connect(url: string, protocols: string[], via?: ConnectVia): string | null {
    this.refusal = null;
    this.dispatch({ type: 'connect', url, protocols, via });
    return this.refusal;
  }

  /** Sends a ping frame with `payload`; returns why it was not sent, or null. Only the agent can. */
  sendPing(payload: Uint8Array): string | null {
    const connection = this.connection;
    if (!connection || this.readyState !== 'OPEN') return `the connection is ${this.readyState}`;
    if (!connection.ping) return 'a browser cannot send ping frames: connect via Local agent';
    connection.ping(payload);
    return null;
  }

  /** Whether the server's pings are answered (the agent's connections; a browser always answers). */
  setAnswerPings(on: boolean): void {
    this.connection?.setAnswerPings?.(on);
  }

  /** Closes with `code` and `reason` (already checked); never followed by a reconnect. */
  disconnect(code?: number, reason?: string): void {
    this.dispatch({ type: 'disconnect', code, reason });
  }

  /** The one way a connection's state changes. */
  dispatch(event: SessionEvent): void {
    if (this.disposed) return;
    switch (event.type) {
      case 'connect':
        return this.start(event.url, event.protocols, event.via);
      case 'disconnect':
        this.closingByUser = true;
        this.cancelReconnect();
        if (!this.connection) return;
        if (this.readyState === 'CONNECTING') {
          this.note('Connection attempt cancelled before it opened');
          return this.connection.close();
        }
        if (this.readyState === 'OPEN') this.protocol.closing();
        return this.connection.close(event.code, event.reason);
      case 'opened': {
        this.clearConnectTimer();
        this.reconnector.reset();
        this.closingByUser = false;
        this.stats.openedAt = event.at;
        this.stats.closedAt = null;
        const { protocol, extensions, handshakeMs } = event.negotiated;
        this.emit({ negotiated: event.negotiated, reconnect: null });
        const subprotocol = subprotocolNote(this.target?.protocols ?? [], protocol);
        this.note(`Handshake took ${handshakeMs} ms; subprotocol: ${subprotocol}; extensions: ${extensions || 'none'}`);
        this.setState('OPEN', event.at);
        this.openedAfterSeq = this.recorder.log.lastSeq;
        this.protocol.opened(this.protocolChoice, { url: this.target?.url ?? '', subprotocol: protocol, options: this.protocolOptions });
        return this.restartHeartbeat();
      }
      case 'closing':
        if (this.readyState === 'CONNECTING' || this.readyState === 'OPEN') this.setState('CLOSING', event.at);
        return;
      case 'failed':
        return this.record({ at: event.at, kind: 'error', data: event.message, size: 0, close: null, format: null });
      case 'timedOut': {
        if (this.readyState !== 'CONNECTING' || !this.connection) return;
        const seconds = this.plan.connectTimeoutMs / 1000;
        this.note(`Connect timeout: the handshake did not complete within ${seconds} s, so the attempt was closed`, 'error');
        // NOTE: disposed, not closed: a socket stuck in CONNECTING may never report its close.
        this.connection.dispose();
        return this.dispatch({ type: 'closed', at: Date.now(), close: { code: 1006, reason: '', wasClean: false } });
      }
      case 'refused':
        if (this.readyState !== 'CONNECTING' || !this.target) return;
        return this.refuse(this.target.url, event.message, event.at);
      case 'closed':
        if (event.closedBy && this.readyState !== 'CLOSED') this.note(CLOSED_BY[event.closedBy]);
        return this.finish(event.at, event.close);
      case 'handshake':
        this.emit({ handshake: event.report });
        return this.record({ at: event.at, kind: 'handshake', data: describeHandshake(event.report), size: 0, close: null, format: null });
      case 'control':
        return this.record({ at: event.at, kind: event.kind, data: describeControlFrame(event), size: 0, close: null, format: null });
      case 'reconnectDue':
        if (!this.target || this.readyState !== 'CLOSED') return;
        this.emit({ reconnect: null });
        this.note(`Auto reconnect: attempt ${this.reconnectAttempt}`);
        return this.start(this.target.url, this.target.protocols, this.target.via);
      case 'cancelReconnect':
        return this.cancelReconnect();
    }
  }

  /** Changes how the session stays connected; turning Auto reconnect off cancels a pending attempt. */
  configure(plan: KeepAlivePlan): void {
    this.plan = plan;
    if (!plan.autoReconnect) this.cancelReconnect();
    this.restartHeartbeat();
  }

  /** Sends one message typed by the user; returns why it was not sent, or null. */
  send(data: Payload, format: MessageFormat): string | null {
    const connection = this.connection;
    if (!connection || this.readyState !== 'OPEN') return `the connection is ${this.readyState}`;
    const { rtt } = this.stats;
    // NOTE: remembered before sending: an in-page endpoint may echo before send() returns.
    rtt.sentPayload(data, performance.now());
    try {
      connection.send(data);
    } catch (error) {
      rtt.unsend(payloadKey(data));
      return messageOf(error);
    }
    this.recorder.recordSent(data, format);
    this.protocol.sentByUser(data);
    return null;
  }

  /** Sends `count` times, `intervalMs` apart (payload(true) gives the first); progress is in the view. */
  startRepeat(format: MessageFormat, count: number, intervalMs: number, payload: (first: boolean) => Payload): void {
    const connection = this.connection;
    if (!connection || this.readyState !== 'OPEN') return;
    this.stopRepeat();
    this.emit({ repeat: { sent: 0, total: count } });
    this.repeatHandle = startReportedRepeat(connection, count, intervalMs, payload, {
      sent: (data) => {
        this.recordSent(data, format);
      },
      progress: (progress) => this.emit({ repeat: progress }),
      done: (progress, error) => {
        // A new repeat stops the old one first, so the one that ends is always the current one.
        this.repeatHandle = null;
        this.emit({ repeat: null });
        this.note(`Repeat ${error ? `ended (${error})` : 'finished'}: sent ${progress.sent} of ${progress.total}`);
      },
    });
  }

  /** Stops a running repeat. */
  stopRepeat(): void {
    const handle = this.repeatHandle;
    this.repeatHandle = null;
    handle?.stop();
  }

  /** Appends an entry to the log. */
  record(entry: Omit<LogEntry, 'seq'>): void {
    this.recorder.record(entry);
  }

  /** Logs a line of the app's own (info, or error). */
  note(text: string, kind: 'info' | 'error' = 'info'): void {
    this.recorder.note(text, kind);
  }

  /** Asks for a flush after the log was changed from outside (cleared, limited, imported). */
  bumpLog(): void {
    this.recorder.bumpLog();
  }

  /** Shows what changed in the log now rather than at the next frame. */
  flush(): void {
    this.recorder.flush();
  }

  /** Stops every timer and the transport; the session reports nothing more. */
  dispose(): void {
    if (this.disposed) return;
    this.stopRepeat();
    this.disposed = true;
    if (this.readyState === 'OPEN') this.protocol.closing();
    this.stopProtocol();
    this.recorder.stop();
    this.stopHeartbeat();
    this.clearConnectTimer();
    this.reconnector.cancel();
    this.connection?.dispose();
    this.connection = null;
    this.readyState = 'CLOSED';
  }

  /** Whether any timer or socket is still held (for tests of dispose). */
  get holdsResources(): boolean {
    return this.connection !== null || this.heartbeatTimer !== null || this.connectTimer !== null || this.repeatHandle !== null || this.reconnector.pending;
  }

  private start(url: string, protocols: string[], via: ConnectVia): void {
    this.cancelReconnect(false);
    this.stopRepeat();
    this.stopHeartbeat();
    this.clearConnectTimer();
    this.connection?.dispose();
    this.connection = null;
    this.stopProtocol();
    this.closingByUser = false;
    this.target = { url, protocols, via };
    // A new connection: uptime and round trips start afresh (rates are a plain last minute).
    this.stats.openedAt = this.stats.closedAt = null;
    this.stats.rtt.reset();
    this.emit({ negotiated: null, lastClose: null, reconnect: null, handshake: null });
    const offer = protocols.length ? ` offering subprotocols ${protocols.join(', ')}` : '';
    this.note(`Connecting to ${url}${offer}${via ? ' through the local agent' : ''}`);
    let connection: Connection;
    try {
      connection = this.open(url, protocols, this.listenerFor(() => this.connection === connection), via, this.protocolChoice);
    } catch (error) {
      // e.g. a SecurityError for ws:// from an https page, or a port the browser blocks.
      return this.refuse(url, messageOf(error), Date.now());
    }
    this.connection = connection;
    this.emit({ transport: connection.transport });
    this.setState('CONNECTING', Date.now());
    if (this.plan.connectTimeoutMs > 0) {
      this.connectTimer = setTimeout(() => {
        this.connectTimer = null;
        this.dispatch({ type: 'timedOut' });
      }, this.plan.connectTimeoutMs);
    }
  }

  /** The browser would not open `url`: said in the log, and the connection ends without a close frame. */
  private refuse(url: string, why: string, at: number): void {
    this.refusal = `The browser refused to open ${url}: ${why}`;
    this.clearConnectTimer();
    this.connection = null;
    this.note(this.refusal, 'error');
    this.setState('CLOSED', at);
  }

  private listenerFor(isCurrent: () => boolean): ConnectionListener {
    return {
      // NOTE: no check on the hot path: a replaced transport is disposed, and reports nothing.
      onMessage: this.recorder.receiver(),
      onEvent: (event) => {
        if (!isCurrent()) return;
        switch (event.type) {
          case 'open':
            return this.dispatch({ type: 'opened', at: event.at, negotiated: event.negotiated });
          case 'closing':
            return this.dispatch({ type: 'closing', at: event.at });
          case 'error':
            return this.dispatch({ type: 'failed', at: event.at, message: event.message });
          case 'close':
            return this.dispatch({ type: 'closed', at: event.at, close: event.close, closedBy: event.closedBy });
          case 'refused':
            // The socket worker opens after connect() returned: the refusal shows in the log.
            return this.dispatch({ type: 'refused', at: event.at, message: event.message });
          case 'handshake':
          case 'control':
            return this.dispatch(event);
        }
      },
    };
  }

  private finish(at: number, close: CloseInfo): void {
    if (this.readyState === 'CLOSED') return;
    this.clearConnectTimer();
    this.stopHeartbeat();
    this.stopRepeat();
    this.stopProtocol();
    this.connection = null;
    if (this.stats.openedAt !== null && this.stats.closedAt === null) this.stats.closedAt = at;
    this.emit({ lastClose: close });
    this.record({ at, kind: 'close', data: close.reason, size: 0, close, format: null });
    this.setState('CLOSED', at);
    const byUser = this.closingByUser;
    this.closingByUser = false;
    if (this.plan.autoReconnect && !byUser && !close.wasClean && this.target) {
      const { attempt, delayMs } = this.reconnector.schedule(() => this.dispatch({ type: 'reconnectDue' }));
      this.reconnectAttempt = attempt;
      this.emit({ reconnect: { attempt, at: Date.now() + delayMs } });
      this.note(`Auto reconnect: attempt ${attempt} in ${(delayMs / 1000).toFixed(1)} s (after close ${close.code})`);
    }
    this.recorder.flush();
  }

  private stopProtocol(): void {
    this.protocol.stop();
  }

  private setState(state: ReadyState, at: number): void {
    this.readyState = state;
    this.emit({ readyState: state });
    this.record({ at, kind: 'state', data: state, size: 0, close: null, format: null });
  }

  private cancelReconnect(say = true): void {
    if (this.reconnector.cancel()) {
      if (say) this.note('Auto reconnect cancelled');
      this.emit({ reconnect: null });
    }
  }

  private restartHeartbeat(): void {
    this.stopHeartbeat();
    const heartbeat = this.plan.heartbeat;
    if (!heartbeat || this.readyState !== 'OPEN') return;
    this.heartbeatTimer = setInterval(() => {
      const connection = this.connection;
      if (!connection || this.readyState !== 'OPEN') return this.stopHeartbeat();
      connection.send(heartbeat.message);
      this.recordSent(heartbeat.message, 'text');
    }, heartbeat.ms);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private clearConnectTimer(): void {
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  /** Accounts for a message the heartbeat or a repeat has just sent, and awaits its echo for Round trip. */
  private recordSent(data: Payload, format: MessageFormat): void {
    this.stats.rtt.sentPayload(data, performance.now());
    this.recorder.recordSent(data, format);
  }

  private emit(patch: Partial<SessionView>): void {
    if (!this.disposed) this.onChange(patch);
  }
}
