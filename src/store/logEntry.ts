import type { CloseInfo, Payload } from '../connection/types';

import type { MessageFormat } from '../compose/formats';

export type { MessageFormat };

/**
 * The kinds of log entry, the one list; each row carries its kind as `data-kind`. `handshake`,
 * `ping` and `pong` come only through the local agent; like state, close, error and info they are
 * events (text, size 0) and `Show events` shows or hides them.
 */
export const ENTRY_KINDS = ['sent', 'received', 'state', 'close', 'error', 'info', 'handshake', 'ping', 'pong'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * One log entry, kept as data: rows format it when (and only if) they render.
 * NOTE: every entry has the same fields so V8 keeps one hidden class on the hot path.
 */
export interface LogEntry {
  /** Position in the connection's whole history, starting at 1; survives trimming. */
  seq: number;
  /** Milliseconds since the epoch. */
  at: number;
  kind: EntryKind;
  /** The frame's payload for sent/received; the text for events. */
  data: Payload;
  /** Bytes on the wire for messages; 0 for events. */
  size: number;
  /** Set on `close` entries. */
  close: CloseInfo | null;
  /** Set on `sent` entries. */
  format: MessageFormat | null;
  /**
   * A protocol's housekeeping frame (an Engine.IO ping or pong, a GraphQL connection_ack), sent or
   * answered by the app: still a message, but shown dimmed and filtered with the events.
   */
  auto?: boolean;
}
