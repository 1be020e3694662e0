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
    problems: { endpoint: null, composer: null, close: null, log: null },
    warning: null,
    counters: { ...ZERO_COUNTERS },
    logVersion: 0,
    selectedSeq: null,
  };
}
