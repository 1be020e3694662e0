import type { Connection } from '../connection/types';
import { patchSession } from './appStore';
import { createFrameFlusher, type FrameFlusher } from './frameFlusher';
import { LogBuffer } from './logBuffer';
import type { LogEntry } from './logEntry';
import { ZERO_COUNTERS, type Counters } from './sessionState';

/**
 * The parts of a connection that change per message and so live outside React state:
 * the socket, the kept log and the live counters. The store gets a snapshot once per frame.
 */
export interface SessionRuntime {
  readonly id: string;
  readonly log: LogBuffer;
  readonly counters: Counters;
  connection: Connection | null;
  readonly flusher: FrameFlusher;
}

const runtimes = new Map<string, SessionRuntime>();
let versions = 0;

/** The runtime of a connection slice, created on first use. */
export function getRuntime(id: string): SessionRuntime {
  let runtime = runtimes.get(id);
  if (!runtime) {
    const counters = { ...ZERO_COUNTERS };
    runtime = {
      id,
      log: new LogBuffer(),
      counters,
      connection: null,
      flusher: createFrameFlusher(() => {
        patchSession(id, { counters: { ...counters }, logVersion: ++versions });
      }),
    };
    runtimes.set(id, runtime);
  }
  return runtime;
}

/** The kept log of a connection, for rows to read. */
export function getLog(id: string): LogBuffer {
  return getRuntime(id).log;
}

/** Appends to the log and asks for a flush; the one way entries enter the log. */
export function record(runtime: SessionRuntime, entry: Omit<LogEntry, 'seq'>): void {
  runtime.log.push(entry);
  runtime.flusher.schedule();
}

/** Drops a connection's runtime entirely (its socket is disposed). */
export function disposeRuntime(id: string): void {
  const runtime = runtimes.get(id);
  if (!runtime) return;
  runtime.flusher.cancel();
  runtime.connection?.dispose();
  runtimes.delete(id);
}
