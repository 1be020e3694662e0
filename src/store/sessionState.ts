import { ZERO_COUNTERS, type SessionView } from '../session/session';
import { DEFAULT_KEEP_ALIVE, DEFAULT_REPEAT, type KeepAliveSettings, type RepeatSettings } from '../session/settings';
import type { ComposerAttachment } from '../compose/attachment';
import { NO_FILTER, type LogFilter } from '../log/logFilter';
import type { MessageFormat } from './logEntry';
import { DEFAULT_AGENT_DRAFT, type AgentDraft } from './agentDraft';
import { DEFAULT_PROTOCOL_DRAFT, type ProtocolDraft } from './protocolDraft';
import type { ProtocolChoice } from '../protocol/sessions/types';

export type { Counters } from '../session/session';
export type { KeepAliveSettings, RepeatSettings } from '../session/settings';
export { ZERO_COUNTERS };

/** Problems shown as alerts, one slot per area of the page. */
export interface Problems {
  endpoint: string | null;
  composer: string | null;
  close: string | null;
  log: string | null;
  keepAlive: string | null;
}

/** What the user has typed for one connection (kept whatever happens). */
export interface Drafts {
  url: string;
  subprotocols: string;
  message: string;
  format: MessageFormat;
  closeCode: string;
  closeReason: string;
  /** The `Protocol` choice: Auto, Raw or a protocol. */
  protocol: ProtocolChoice;
}

/** Everything React shows about one connection; one slice per connection. The SessionView part is the session's to write. */
export interface SessionState extends SessionView {
  id: string;
  drafts: Drafts;
  /** The URL actually opened (after http→ws conversion), null before the first connect. */
  openedUrl: string | null;
  problems: Problems;
  /** A warning that does not stop the connect (mixed content). */
  warning: string | null;
  /** Seq of the entry open in Message details, if any. */
  selectedSeq: number | null;
  /** A log opened from a file: it can be read and inspected, never connected. */
  readOnly?: boolean;
  /** Where an imported log came from, for the banner shown while it is active. */
  imported?: ImportedLogInfo;
  keepAlive: KeepAliveSettings;
  repeatSettings: RepeatSettings;
  /** The log's Filter and its options, kept while another connection is shown. */
  filter: LogFilter;
  /** A message too large for the textarea (Resend of a big entry, a big paste): Send sends it instead of the typed message. */
  attachment: ComposerAttachment | null;
  /** Connect via, Headers, TLS and ping settings for the local agent (memory only). */
  agent: AgentDraft;
  /** Namespace, auth, connection payload and STOMP headers for the protocol verbs (memory only). */
  protocolDraft: ProtocolDraft;
}

/** An imported log: its file, what was read, and the connection to go back to. */
export interface ImportedLogInfo {
  fileName: string;
  entries: number;
  /** Lines that could not be read, as "line N: why" (the first ones only). */
  problems: string[];
  /** Every line that could not be read, including those past `problems`. */
  unreadLines: number;
  /** The connection that was active before the import. */
  returnTo: string;
  /** What the file's header said about the connection. */
  endpoint: string;
  subprotocol: string;
  extensions: string;
}


/** A fresh, closed connection with empty drafts. */
export function createSessionState(id: string, drafts: Partial<Drafts> = {}): SessionState {
  return {
    id,
    drafts: { url: '', subprotocols: '', message: '', format: 'text', closeCode: '', closeReason: '', protocol: 'auto', ...drafts },
    readyState: 'CLOSED',
    openedUrl: null,
    transport: null,
    negotiated: null,
    handshake: null,
    lastClose: null,
    problems: { endpoint: null, composer: null, close: null, log: null, keepAlive: null },
    keepAlive: { ...DEFAULT_KEEP_ALIVE },
    repeatSettings: { ...DEFAULT_REPEAT },
    filter: NO_FILTER,
    attachment: null,
    agent: { ...DEFAULT_AGENT_DRAFT },
    protocolDraft: { ...DEFAULT_PROTOCOL_DRAFT },
    reconnect: null,
    repeat: null,
    protocol: null,
    warning: null,
    counters: { ...ZERO_COUNTERS },
    logVersion: 0,
    selectedSeq: null,
  };
}
