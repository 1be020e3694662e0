import type { Payload } from '../../connection/types';

/** The protocols spoken on top of WebSocket that the app knows. */
export const PROTOCOL_IDS = ['socketio', 'graphql', 'mqtt', 'stomp', 'signalr'] as const;
export type ProtocolId = (typeof PROTOCOL_IDS)[number];

/** What the user picks in `Protocol`: `auto` detects, `raw` is plain WebSocket. */
export type ProtocolChoice = 'auto' | 'raw' | ProtocolId;

/** The `Protocol` options, in the order the UI contract lists them. */
export const PROTOCOL_CHOICES: readonly { value: ProtocolChoice; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'raw', label: 'Raw' },
  { value: 'socketio', label: 'Socket.IO' },
  { value: 'graphql', label: 'GraphQL' },
  { value: 'mqtt', label: 'MQTT' },
  { value: 'stomp', label: 'STOMP' },
  { value: 'signalr', label: 'SignalR' },
];

/** The label of a protocol or choice, as `Protocol` shows it. */
export function protocolLabel(value: ProtocolChoice): string {
  return PROTOCOL_CHOICES.find((c) => c.value === value)?.label ?? value;
}

/** Whether `value` is one of the choices (for drafts read from storage or a link). */
export function isProtocolChoice(value: unknown): value is ProtocolChoice {
  return PROTOCOL_CHOICES.some((c) => c.value === value);
}

/** One frame decoded for display: a one-line summary, a tree for details, and the parse error if it did not parse. */
export interface DecodedFrame {
  summary: string;
  tree: unknown;
  /** Why the frame is not valid in the protocol; the row then shows the raw frame with this error. */
  error: string | null;
}

/** What a protocol knows of the connection it decodes. */
export interface ProtocolContext {
  url: string;
  /** The negotiated subprotocol ('' when none). */
  subprotocol: string;
  /** Auto learnt the protocol from the first frames: its greeting has been sent by hand already. */
  greeted?: boolean;
  /** What the user set before connecting, for the protocol's greeting. */
  options?: ProtocolOptions;
}

/**
 * What a protocol's greeting carries, set before Connect (memory only: auth objects and
 * connection payloads usually hold a token).
 */
export interface ProtocolOptions {
  /** Socket.IO: the namespace joined after the open packet ('/' when unset). */
  namespace?: string;
  /** Socket.IO: the `auth` object of the namespace CONNECT. */
  auth?: Record<string, unknown>;
  /** GraphQL: the payload of connection_init. */
  connectionPayload?: Record<string, unknown>;
}

/** What a protocol's runtime may do to its connection. */
export interface ProtocolIo {
  /** Sends a frame; `housekeeping` frames are logged dimmed as events. */
  send(frame: Payload, housekeeping: boolean): void;
  /** Logs a line of the protocol's own (an ack's round trip, a named error). */
  note(text: string, kind?: 'info' | 'error'): void;
  /** Tells the page what changed (open operations). */
  changed(view: ProtocolRuntimeView): void;
}

/** What the page shows of a running protocol: operations that can still be completed (GraphQL ids, STOMP subscriptions). */
export interface ProtocolRuntimeView {
  operations: string[];
  /** STOMP: the received message Ack/Nack would answer, and how many wait; null when none. */
  ack?: AckView | null;
}

/** The next message waiting for the user's ACK or NACK. */
export interface AckView {
  /** Its message-id and destination, in words. */
  next: string;
  waiting: number;
}

/** A protocol's per-connection state: housekeeping answers and the verbs' bookkeeping. */
export interface ProtocolRuntime {
  readonly id: ProtocolId;
  /** Called once the connection is open and the module loaded (e.g. sends CONNECT). */
  start(): void;
  /** Reacts to one received frame; returns true when the frame was housekeeping (logged dimmed). */
  received(data: Payload, at: number): boolean;
  /** The user closes the open connection: a last word before the close (MQTT's DISCONNECT). */
  closing?(): void;
  /** Stops the runtime's timers. */
  dispose(): void;
}

/** One protocol behind one small interface: decode for display, and a runtime per connection. */
export interface ProtocolModule {
  readonly id: ProtocolId;
  /** Decodes one frame for display; never throws. */
  decode(data: Payload, context: ProtocolContext): DecodedFrame;
  /** A runtime for one open connection. */
  createRuntime(io: ProtocolIo, context: ProtocolContext): ProtocolRuntime;
}
