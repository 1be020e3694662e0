import type { Payload } from './types';

/**
 * What the page and the socket worker say to each other (see socketHost.ts and workerConnection.ts).
 * Every message names the connection it is about by `id`; one worker carries every connection.
 */

/** From the page to the worker. */
export type ToSocketWorker =
  | { op: 'open'; id: number; url: string; protocols: string[] }
  /** `size`: the payload's bytes on the wire, as the page counted them into its bufferedAmount. */
  | { op: 'send'; id: number; data: Payload; size: number }
  | { op: 'close'; id: number; code?: number; reason?: string }
  | { op: 'dispose'; id: number };

/** From the worker to the page, in the order the socket reported it. */
export type FromSocketWorker =
  /** The worker runs: from now on a failure of it is not a failure to load. */
  | { t: 'ready' }
  /** Messages as they arrived, oldest first: `data[i]` arrived at `at[i]` (ms since the epoch). */
  | { t: 'messages'; id: number; data: Payload[]; at: number[] }
  | { t: 'open'; id: number; at: number; protocol: string; extensions: string; handshakeMs: number }
  | { t: 'error'; id: number; at: number }
  | { t: 'close'; id: number; at: number; code: number; reason: string; wasClean: boolean }
  /** The WebSocket constructor threw (what a page would see as a synchronous refusal). */
  | { t: 'refused'; id: number; at: number; message: string }
  /** After sends: the bytes the worker has handed to its socket so far (the sum of their `size`), and its bufferedAmount. */
  | { t: 'buffered'; id: number; handedBytes: number; amount: number };
