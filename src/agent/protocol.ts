/**
 * The agent's control protocol as the page sees it (the agent side is server/agent/): JSON text
 * messages, validated here with valibot since the page trusts nothing that arrives, and binary
 * data frames with a 5-byte header (kind, upstream id). Pure: no sockets, no store.
 */
import * as v from 'valibot';
import type { HeaderPair } from './headers';

/** The subprotocol of the control connection; the token is offered as a second one, `token.<hex>`. */
export const AGENT_PROTOCOL = 'ws-tester-agent.v1';
export const TOKEN_PREFIX = 'token.';
export const DATA_TEXT = 0;
export const DATA_BINARY = 1;
export const DATA_HEADER_BYTES = 5;
/** Largest ping payload a WebSocket allows. */
export const MAX_PING_BYTES = 125;

/** TLS and proxy options of one upstream, as the agent takes them. */
export interface AgentTlsOptions {
  verify: boolean;
  /** PEM paths on the agent's machine. */
  cert?: string;
  key?: string;
  /** A PKCS#12 path and its passphrase. */
  pfx?: string;
  passphrase?: string;
  /** An HTTP(S) proxy URL (CONNECT). */
  proxy?: string;
}

/** What the page asks the agent to open. */
export interface OpenRequest extends AgentTlsOptions {
  t: 'open';
  id: number;
  url: string;
  protocols: string[];
  headers: HeaderPair[];
  answerPings: boolean;
}

/** Messages the page sends. */
export type PageMessage =
  | OpenRequest
  | { t: 'close'; id: number; code?: number; reason?: string }
  | { t: 'ping'; id: number; data: string }
  | { t: 'answerPings'; id: number; on: boolean }
  | { t: 'dispose'; id: number };

const Str = v.pipe(v.string(), v.maxLength(64 * 1024));
const Pairs = v.array(v.tuple([Str, Str]));
const Ms = v.nullable(v.number());
const Id = v.pipe(v.number(), v.integer(), v.minValue(0));

const Timings = v.object({ dns: Ms, tcp: Ms, tls: Ms, upgrade: Ms });
const Certificate = v.object({
  subject: Str, issuer: Str, validFrom: Str, validTo: Str, subjectAltName: Str, fingerprint256: Str,
  authorized: v.boolean(), authorizationError: v.nullable(Str),
});

const HandshakeSchema = v.object({
  t: v.literal('handshake'),
  id: Id,
  ok: v.boolean(),
  request: v.nullable(v.object({ line: Str, headers: Pairs })),
  response: v.nullable(v.object({ status: v.number(), statusText: v.optional(v.nullable(Str)), headers: Pairs })),
  timings: Timings,
  certificate: v.nullable(Certificate),
  body: v.optional(Str),
  explanation: v.optional(Str),
  error: v.optional(Str),
});

const AgentMessageSchema = v.variant('t', [
  v.object({ t: v.literal('hello'), version: Str, limits: v.record(v.string(), v.number()) }),
  HandshakeSchema,
  v.object({ t: v.literal('open'), id: Id, protocol: Str, extensions: Str, handshakeMs: v.number() }),
  v.object({ t: v.picklist(['ping', 'pong']), id: Id, dir: v.picklist(['in', 'out']), data: Str, auto: v.optional(v.boolean()) }),
  v.object({ t: v.literal('error'), id: Id, message: Str, code: v.optional(v.nullable(Str)) }),
  v.object({ t: v.literal('close'), id: Id, code: v.number(), reason: Str, wasClean: v.boolean(), by: v.picklist(['client', 'server', 'agent']) }),
  v.object({ t: v.literal('problem'), message: Str }),
]);

/** A control message from the agent, checked. */
export type AgentMessage = v.InferOutput<typeof AgentMessageSchema>;
/** The report of one upgrade: request as sent, response, timings, certificate, refused body. */
export type HandshakeReport = v.InferOutput<typeof HandshakeSchema>;

/** Parses one JSON control message from the agent; null for anything malformed. */
export function parseAgentMessage(text: string): AgentMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const result = v.safeParse(AgentMessageSchema, raw);
  return result.success ? result.output : null;
}

/** A data frame for upstream `id`: the 5-byte header, then the payload. */
export function encodeDataFrame(id: number, payload: string | ArrayBuffer): Uint8Array {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : new Uint8Array(payload);
  const frame = new Uint8Array(DATA_HEADER_BYTES + bytes.length);
  frame[0] = typeof payload === 'string' ? DATA_TEXT : DATA_BINARY;
  new DataView(frame.buffer).setUint32(1, id);
  frame.set(bytes, DATA_HEADER_BYTES);
  return frame;
}

const decoder = new TextDecoder();

/** Reads a data frame from the agent: its upstream id and payload (text decoded); null when malformed. */
export function decodeDataFrame(frame: ArrayBuffer): { id: number; payload: string | ArrayBuffer } | null {
  if (frame.byteLength < DATA_HEADER_BYTES) return null;
  const view = new DataView(frame);
  const kind = view.getUint8(0);
  const id = view.getUint32(1);
  if (kind === DATA_TEXT) return { id, payload: decoder.decode(new Uint8Array(frame, DATA_HEADER_BYTES)) };
  if (kind === DATA_BINARY) return { id, payload: frame.slice(DATA_HEADER_BYTES) };
  return null;
}

/** Bytes as space-separated hex, then as text when printable: how a ping or pong payload is shown. */
export function describeControlPayload(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'no payload';
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = decoder.decode(bytes);
  // eslint-disable-next-line no-control-regex -- shown as text only when it has no control characters
  const printable = !/[\u0000-\u001f\u007f\ufffd]/.test(text);
  return `${bytes.length} B: ${hex}${printable ? ` (text ${JSON.stringify(text)})` : ''}`;
}

/** Base64 of bytes (ping payloads are at most 125 bytes, so no chunking is needed). */
export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Bytes of base64 from the agent (already checked to be a string). */
export function base64ToBytes(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}
