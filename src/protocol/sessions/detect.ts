import type { Payload } from '../../connection/types';
import type { ProtocolId } from './types';

/** How a protocol was picked, in words for the bar ("from the subprotocol graphql-ws"). */
export interface Detection {
  id: ProtocolId;
  reason: string;
}

const STOMP_SUBPROTOCOL = /^v1[012]\.stomp$/i;

/**
 * Picks a protocol from the negotiated subprotocol, then from the URL (Engine.IO's path and query);
 * null when neither says (the first frames may still tell, see detectFromFrame).
 */
export function detectProtocol(url: string, subprotocol: string): Detection | null {
  const sub = subprotocol.trim().toLowerCase();
  if (sub === 'graphql-transport-ws' || sub === 'graphql-ws') return { id: 'graphql', reason: `from the subprotocol ${sub}` };
  if (sub === 'mqtt' || sub === 'mqttv3.1') return { id: 'mqtt', reason: `from the subprotocol ${sub}` };
  if (STOMP_SUBPROTOCOL.test(sub)) return { id: 'stomp', reason: `from the subprotocol ${sub}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.pathname.includes('/socket.io/') && parsed.searchParams.has('EIO')) return { id: 'socketio', reason: 'from the URL (/socket.io/ with EIO=)' };
  return null;
}

/** The SignalR JSON handshake, either way: a request naming the json protocol, or the empty answer, ended by 0x1E. */
// eslint-disable-next-line no-control-regex -- 0x1E, the record separator, is what marks SignalR
const SIGNALR_HANDSHAKE = /^\s*\{(?:\s*\}|[^\x1e]*"protocol"\s*:\s*"json"[^\x1e]*\})\s*\x1e/;

/** Picks a protocol from one of the first frames either way (the SignalR handshake); null when it says nothing. */
export function detectFromFrame(data: Payload): Detection | null {
  if (typeof data !== 'string') return null;
  return SIGNALR_HANDSHAKE.test(data) ? { id: 'signalr', reason: 'from the first frames (the SignalR handshake)' } : null;
}
