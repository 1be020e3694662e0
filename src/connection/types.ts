/** The four states every transport reports, named as the WebSocket API names them. */
export type ReadyState = 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';

/** What travels in one frame: text, or the bytes of a binary frame. */
export type Payload = string | ArrayBuffer;

/** What the peer agreed to once the connection is open. */
export interface Negotiated {
  protocol: string;
  extensions: string;
  /** Time from the constructor call to the open event. */
  handshakeMs: number;
}

/** How a connection ended, kept exactly as the transport reported it. */
export interface CloseInfo {
  code: number;
  reason: string;
  wasClean: boolean;
}

import type { AgentTlsOptions, HandshakeReport } from '../agent/protocol';
import type { HeaderPair } from '../agent/headers';

/** What carries a connection: the browser's WebSocket, the in-page Simulator, or the local agent. */
export type TransportKind = 'websocket' | 'simulator' | 'agent';

/** Who sent the first close frame, when the transport can tell (the agent can). */
export type ClosedBy = 'client' | 'server' | 'agent';

/** How to open a connection through the local agent: what the browser cannot set. */
export interface AgentUpstreamOptions extends AgentTlsOptions {
  headers: HeaderPair[];
  answerPings: boolean;
}

/** Which transport to use: the default picks from the URL (WebSocket or Simulator); `agent` goes through the local agent. */
export type ConnectVia = { kind: 'agent'; options: AgentUpstreamOptions } | undefined;

/**
 * Rare events (everything but messages), each stamped with its time.
 * NOTE: a transport never reports synchronously from its constructor: the session marks the
 * connection CONNECTING itself, outside the try/catch around opening it.
 */
export type ConnectionEvent =
  | { type: 'open'; at: number; negotiated: Negotiated }
  | { type: 'closing'; at: number }
  | { type: 'error'; at: number; message: string }
  | { type: 'close'; at: number; close: CloseInfo; closedBy?: ClosedBy }
  /** The browser would not open the URL at all (what its WebSocket constructor threw), reported after the fact. */
  | { type: 'refused'; at: number; message: string }
  /** The upgrade as sent and answered (agent only). */
  | { type: 'handshake'; at: number; report: HandshakeReport }
  /** A ping or pong frame either way (agent only); `auto` marks the agent's automatic answer. */
  | { type: 'control'; at: number; kind: 'ping' | 'pong'; direction: 'in' | 'out'; payload: Uint8Array; auto: boolean };

/**
 * Receives what a connection reports.
 * NOTE: messages get their own method with plain arguments so the hot path allocates no event object.
 */
export interface ConnectionListener {
  onMessage(data: Payload, at: number): void;
  onEvent(event: ConnectionEvent): void;
}

/** One open (or opening) connection, whatever carries it. */
export interface Connection {
  readonly transport: TransportKind;
  readonly readyState: ReadyState;
  /** Bytes queued but not yet handed to the network. */
  readonly bufferedAmount: number;
  send(data: Payload): void;
  /** Starts the closing handshake; safe to call more than once. */
  close(code?: number, reason?: string): void;
  /** Stops reporting and releases the transport without waiting for a handshake; ends in CLOSED. */
  dispose(): void;
  /** Sends a ping frame (agent only; a browser cannot). */
  ping?(payload: Uint8Array): void;
  /** Whether pings from the server are answered (agent only; a browser always answers). */
  setAnswerPings?(on: boolean): void;
}

/**
 * Opens a connection to `url` offering `protocols`; events go to `listener`; `via` picks the local
 * agent; `protocol` (the `Protocol` choice) tells the Simulator what to speak.
 */
export type ConnectionFactory = (url: string, protocols: string[], listener: ConnectionListener, via?: ConnectVia, protocol?: string) => Connection;
