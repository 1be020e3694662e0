import type { HandshakeReport } from '../agent/protocol';
import type { ClosedBy, CloseInfo, ConnectVia, Negotiated, ReadyState, TransportKind } from '../connection/types';
import type { Counters } from './recorder';
import type { AckView, ProtocolId } from '../protocol/sessions/types';

/** The protocol spoken on the connection, as the page shows it. */
export interface ProtocolView {
  /** The running protocol, null for Raw. */
  id: ProtocolId | null;
  /** Its name for the bar ("Socket.IO", "Raw"). */
  label: string;
  /** How it was picked ("from the subprotocol graphql-ws", "chosen"). */
  reason: string;
  /** Operations that can still be completed (GraphQL ids, STOMP subscription ids). */
  operations: string[];
  /** STOMP: the message the Ack and Nack buttons answer. */
  ack?: AckView | null;
  /** What the decoder needs to know of the connection. */
  url: string;
  subprotocol: string;
}

/** What a session tells the page about itself; the store keeps a copy per connection. */
export interface SessionView {
  readyState: ReadyState;
  transport: TransportKind | null;
  negotiated: Negotiated | null;
  /** How the last connection ended, shown in the bar until the next connect. */
  lastClose: CloseInfo | null;
  /** The pending automatic reconnect: which attempt, and when (ms since the epoch). */
  reconnect: { attempt: number; at: number } | null;
  /** The last upgrade's request and response, when the transport reports it (the local agent). */
  handshake: HandshakeReport | null;
  /** The protocol spoken on top (null before the first open, or Raw by choice). */
  protocol: ProtocolView | null;
  /** Progress of a repeated send while it runs. */
  repeat: { sent: number; total: number } | null;
  counters: Counters;
  /** Bumped whenever the kept log changed; rows read the log buffer itself. */
  logVersion: number;
}

/**
 * Every change of a connection's state, as one union: what the user asked for, what the
 * transport reported, and what the session's own timers decided.
 */
export type SessionEvent =
  | { type: 'connect'; url: string; protocols: string[]; via?: ConnectVia }
  | { type: 'disconnect'; code?: number; reason?: string }
  | { type: 'opened'; at: number; negotiated: Negotiated }
  | { type: 'closing'; at: number }
  | { type: 'failed'; at: number; message: string }
  | { type: 'closed'; at: number; close: CloseInfo; closedBy?: ClosedBy }
  | { type: 'refused'; at: number; message: string }
  | { type: 'handshake'; at: number; report: HandshakeReport }
  | { type: 'control'; at: number; kind: 'ping' | 'pong'; direction: 'in' | 'out'; payload: Uint8Array; auto: boolean }
  | { type: 'timedOut' }
  | { type: 'reconnectDue' }
  | { type: 'cancelReconnect' };
