import { REDACTED } from './redact';

/** Every leaf of a JSON value replaced by REDACTED, keys kept (so the reader sees what was sent, not its secrets). */
function redactLeaves(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactLeaves);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v)]));
  return REDACTED;
}

// Socket.IO's namespace CONNECT with data: "40", an optional "/nsp,", then the auth object.
const SOCKET_IO_CONNECT = /^40((?:\/[^,]*,)?)(\{.*)$/s;

/**
 * A sent frame as an export writes it: the greeting that carries credentials (GraphQL's
 * connection_init payload, Socket.IO's namespace CONNECT auth) with its values redacted.
 * Anything else is returned unchanged. Pure and cheap: only sent text frames are looked at.
 */
export function redactSentFrame(data: string, sessionProtocol: string | undefined): string {
  if (sessionProtocol === 'graphql') {
    if (!data.includes('connection_init')) return data;
    try {
      const message = JSON.parse(data) as { type?: unknown; payload?: unknown };
      if (message.type !== 'connection_init' || message.payload === undefined || message.payload === null) return data;
      return JSON.stringify({ ...message, payload: redactLeaves(message.payload) });
    } catch {
      return data;
    }
  }
  if (sessionProtocol === 'socketio') {
    const match = SOCKET_IO_CONNECT.exec(data);
    if (!match) return data;
    try {
      return `40${match[1]}${JSON.stringify(redactLeaves(JSON.parse(match[2]!)))}`;
    } catch {
      return data;
    }
  }
  return data;
}
