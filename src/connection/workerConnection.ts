import { messageOf } from '../format/thrown';
import { payloadSize } from '../codecs/payload';
import { browserEngine, socketErrorText } from '../protocol/browserReports';
import { openNativeConnection } from './nativeConnection';
import type { FromSocketWorker, ToSocketWorker } from './socketWorkerProtocol';
import type { Connection, ConnectionListener, ReadyState } from './types';

/**
 * The browser's WebSocket, opened in the socket worker (see socketHost.ts for why), behind the
 * Connection interface. Where a worker cannot run (no Worker, or its script fails to load), the
 * same connection opens on the page instead: slower under a firehose, otherwise the same.
 */

/** What the page keeps of one connection the worker carries. */
interface Hosted {
  receive(message: FromSocketWorker): void;
  /** The worker never ran: open on the page instead. */
  fallBack(): void;
}

interface SocketWorker {
  worker: Worker;
  ready: boolean;
  hosted: Map<number, Hosted>;
}

/** undefined until the first connection asks; null once known that no worker can run. */
let socketWorker: SocketWorker | null | undefined;
let nextId = 1;

/** Starts the worker ahead of the first Connect, so that one does not wait for it to load. */
export function startSocketWorker(): void {
  getSocketWorker();
}

function getSocketWorker(): SocketWorker | null {
  if (socketWorker !== undefined) return socketWorker;
  if (typeof Worker === 'undefined') return (socketWorker = null);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./socketWorker.ts', import.meta.url), { type: 'module', name: 'sockets' });
  } catch {
    return (socketWorker = null);
  }
  const started: SocketWorker = { worker, ready: false, hosted: new Map() };
  worker.onmessage = (event: MessageEvent<FromSocketWorker>) => {
    const message = event.data;
    if (message.t === 'ready') {
      started.ready = true;
      return;
    }
    started.hosted.get(message.id)?.receive(message);
  };
  worker.onerror = (event) => {
    if (started.ready) return;
    // It never ran (e.g. its script did not load): every connection opens on the page from now on.
    event.preventDefault();
    worker.terminate();
    socketWorker = null;
    for (const hosted of started.hosted.values()) hosted.fallBack();
    started.hosted.clear();
  };
  return (socketWorker = started);
}

/** Opens `url` in the socket worker, or on the page where no worker can run. */
export function openWorkerConnection(url: string, protocols: string[], listener: ConnectionListener): Connection {
  const host = getSocketWorker();
  if (!host) return openNativeConnection(url, protocols, listener);
  const id = nextId++;
  const post = (message: ToSocketWorker) => host.worker.postMessage(message);
  let state: ReadyState = 'CONNECTING';
  let onPage: Connection | null = null;
  let disposed = false;
  // bufferedAmount: what was sent but not yet handed to the worker's socket, plus what that socket still holds.
  let sentBytes = 0;
  let handedBytes = 0;
  let socketBuffered = 0;

  const closed = (at: number, code: number, reason: string, wasClean: boolean) => {
    state = 'CLOSED';
    host.hosted.delete(id);
    listener.onEvent({ type: 'close', at, close: { code, reason, wasClean } });
  };
  const refused = (at: number, message: string) => {
    state = 'CLOSED';
    host.hosted.delete(id);
    listener.onEvent({ type: 'refused', at, message });
  };

  host.hosted.set(id, {
    receive(message) {
      if (disposed) return;
      switch (message.t) {
        case 'messages': {
          const { data, at } = message;
          // NOTE: the hot path: a listener may dispose the connection in the middle of a batch.
          for (let i = 0; i < data.length && !disposed; i++) listener.onMessage(data[i]!, at[i]!);
          return;
        }
        case 'open':
          // Cancelled while the worker's open was on its way: as a browser's socket, it never opens.
          if (state !== 'CONNECTING') return;
          state = 'OPEN';
          return listener.onEvent({ type: 'open', at: message.at, negotiated: { protocol: message.protocol, extensions: message.extensions, handshakeMs: message.handshakeMs } });
        case 'error':
          // NOTE: browsers deliberately give no detail here; the close event that follows carries the code.
          return listener.onEvent({ type: 'error', at: message.at, message: socketErrorText(browserEngine(navigator.userAgent)) });
        case 'close':
          return closed(message.at, message.code, message.reason, message.wasClean);
        case 'refused':
          return refused(message.at, message.message);
        case 'buffered':
          handedBytes = message.handedBytes;
          socketBuffered = message.amount;
          return;
      }
    },
    fallBack() {
      if (disposed) return;
      // Cancelled before the worker failed: the attempt ends as a cancelled native one would.
      if (state !== 'CONNECTING') return closed(Date.now(), 1006, '', false);
      try {
        onPage = openNativeConnection(url, protocols, listener);
      } catch (error) {
        refused(Date.now(), messageOf(error));
      }
    },
  });
  post({ op: 'open', id, url, protocols });

  return {
    transport: 'websocket',
    get readyState() {
      return onPage ? onPage.readyState : state;
    },
    get bufferedAmount() {
      return onPage ? onPage.bufferedAmount : sentBytes - handedBytes + socketBuffered;
    },
    send(data) {
      if (onPage) return onPage.send(data);
      // As the browser's own: an error while connecting, silently dropped once closing.
      if (state === 'CONNECTING') throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      if (state !== 'OPEN') return;
      const size = payloadSize(data);
      sentBytes += size;
      // NOTE: copied, not transferred: the log keeps what was sent.
      post({ op: 'send', id, data, size });
    },
    close(code, reason) {
      if (onPage) return onPage.close(code, reason);
      if (state === 'CLOSING' || state === 'CLOSED') return;
      state = 'CLOSING';
      post({ op: 'close', id, code, reason });
      listener.onEvent({ type: 'closing', at: Date.now() });
    },
    dispose() {
      disposed = true;
      if (onPage) return onPage.dispose();
      state = 'CLOSED';
      host.hosted.delete(id);
      post({ op: 'dispose', id });
    },
  };
}
