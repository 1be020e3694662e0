import type { CloseInfo, Negotiated, ReadyState } from '../connection/types';
import type { MessageFormat } from './logEntry';

/** Exact message and byte counts of one connection. */
export interface Counters {
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
}

/** Problems shown as alerts, one slot per area of the page. */
export interface Problems {
  endpoint: string | null;
  composer: string | null;
  close: string | null;
  log: string | null;
  keepAlive: string | null;
}

/** How a connection keeps itself alive and repeats sends, as the user set it (kept as typed). */
export interface KeepAliveSettings {
  autoReconnect: boolean;
  heartbeatMessage: string;
  /** Seconds; empty means off. */
  heartbeatInterval: string;
  /** How many times Send sends; empty or 1 means once. */
  repeatCount: string;
  /** Milliseconds between repeated sends; 0 means as fast as the socket drains. */
  repeatInterval: string;
}

/** What the user has typed for one connection (kept whatever happens). */
export interface Drafts {
  url: string;
  subprotocols: string;
  message: string;
  format: MessageFormat;
  closeCode: string;
  closeReason: string;
}

/** Everything React shows about one connection; one slice per connection. */
export interface SessionState {
  id: string;
  drafts: Drafts;
  readyState: ReadyState;
  /** The URL actually opened (after http→ws conversion), null before the first connect. */
  openedUrl: string | null;
  transport: string | null;
  negotiated: Negotiated | null;
  /** How the last connection ended, shown in the bar until the next connect. */
  lastClose: CloseInfo | null;
  problems: Problems;
  /** A warning that does not stop the connect (mixed content). */
  warning: string | null;
  counters: Counters;
  /** Bumped whenever the kept log changed; rows read the log buffer itself. */
  logVersion: number;
  /** Seq of the entry open in Message details, if any. */
  selectedSeq: number | null;
  /** A log opened from a file: it can be read and inspected, never connected. */
  readOnly?: boolean;
  /** Where an imported log came from, for the banner shown while it is active. */
  imported?: ImportedLogInfo;
  keepAlive: KeepAliveSettings;
  /** The pending automatic reconnect: which attempt, and when (ms since the epoch). */
  reconnect: { attempt: number; at: number } | null;
  /** Progress of a repeated send while it runs. */
  repeat: { sent: number; total: number } | null;
}

/** An imported log: its file, what was read, and the connection to go back to. */
export interface ImportedLogInfo {
  fileName: string;
  entries: number;
  /** Lines that could not be read, as "line N: why". */
  problems: string[];
  /** The connection that was active before the import. */
  returnTo: string;
  /** What the file's header said about the connection. */
  endpoint: string;
  subprotocol: string;
  extensions: string;
}

export const ZERO_COUNTERS: Counters = { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 };

/** A fresh, closed connection with empty drafts. */
export function createSessionState(id: string, drafts: Partial<Drafts> = {}): SessionState {
  return {
    id,
    drafts: { url: '', subprotocols: '', message: '', format: 'text', closeCode: '', closeReason: '', ...drafts },
    readyState: 'CLOSED',
    openedUrl: null,
    transport: null,
    negotiated: null,
    lastClose: null,
    problems: { endpoint: null, composer: null, close: null, log: null, keepAlive: null },
    keepAlive: { autoReconnect: false, heartbeatMessage: '', heartbeatInterval: '', repeatCount: '', repeatInterval: '0' },
    reconnect: null,
    repeat: null,
    warning: null,
    counters: { ...ZERO_COUNTERS },
    logVersion: 0,
    selectedSeq: null,
  };
}
