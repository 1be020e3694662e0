/**
 * What a connection tab has typed for a protocol's greeting. Kept in memory only (never in
 * browser storage, share links or exports): an auth object or a connection payload usually
 * carries a token.
 */
export interface ProtocolDraft {
  /** Socket.IO: the namespace emits go to (joined at open, or before the first emit to it). */
  namespace: string;
  /** Socket.IO: the `auth` object of the namespace CONNECT, as JSON ('' for none). */
  auth: string;
  /** GraphQL: the connection_init payload, as JSON ('' for none). */
  connectionPayload: string;
  /** STOMP: the headers of SEND, one `name: value` a line. */
  stompHeaders: string;
}

export const DEFAULT_PROTOCOL_DRAFT: Readonly<ProtocolDraft> = Object.freeze({ namespace: '/', auth: '', connectionPayload: '', stompHeaders: '' });
