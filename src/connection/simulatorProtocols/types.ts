import { detectProtocol } from '../../protocol/sessions/detect';
import type { Payload } from '../types';

/** The protocols the Simulator can speak on top of WebSocket. */
export type SimulatedProtocol = 'socketio' | 'graphql';

/** What a simulated server may do to its connection. */
export interface SimulatorIo {
  /** Delivers a frame to the page (ignored once closed). */
  push(data: Payload): void;
  /** Runs `fn` after `ms`, unless the connection is gone by then. */
  later(fn: () => void, ms?: number): void;
  /** Closes the connection cleanly from the server's side. */
  close(code: number, reason: string): void;
}

/** A server speaking one protocol inside the page. */
export interface SimulatedServer {
  /** The subprotocol it negotiates ('' for none). */
  readonly subprotocol: string;
  /** The connection is open: greet as the real server does. */
  opened(): void;
  /** A frame from the page. */
  received(data: Payload): void;
  /** The connection is gone: stop timers. */
  dispose(): void;
}

/**
 * Which protocol the Simulator speaks: the one chosen in `Protocol`, else what the URL
 * (`/socket.io/` with `EIO=`) or the offered subprotocols (`graphql-transport-ws`) say; null for plain echo.
 */
export function simulatedProtocol(url: string, protocols: readonly string[], choice: string | undefined): SimulatedProtocol | null {
  if (choice === 'socketio' || choice === 'graphql') return choice;
  if (choice !== undefined && choice !== 'auto') return null;
  if (protocols.some((p) => p.toLowerCase() === 'graphql-transport-ws')) return 'graphql';
  // The same rule Auto reads the URL by, so what the Simulator speaks is what Auto picks.
  return detectProtocol(url, '')?.id === 'socketio' ? 'socketio' : null;
}
