import { messageOf } from '../format/thrown';
import type { FromSocketWorker, ToSocketWorker } from './socketWorkerProtocol';
import type { Payload } from './types';

/**
 * The sockets of the page, run inside a worker (socketWorker.ts), with their messages passed to the
 * page in batches.
 * NOTE: why a worker: a page's WebSocket is drained by the thread that owns it, through a pipe of
 * about 128 KiB. On the page's main thread, every render and garbage collection stops the drain;
 * at 4 KiB a message the pipe is full within about 2 ms, and the whole path back to the server
 * stalls. A worker drains while the page renders: measured on 2 cores, a bare page that kept
 * 50,000 x 4 KiB binary messages received at 0.87 of a page that only counted them, and at 1.23
 * when the socket lived in a worker that passed the messages on in batches.
 */

/*
 * NOTE: text goes to the page as strings, one per message. Both alternatives were measured at
 * 9,000 x 64 KiB of text on two cores, where the app reaches about 0.83 of the bare page's rate and
 * spends its extra CPU in the page's young-generation collections (about 0.5 s a run):
 * - the text's UTF-8 bytes, moved, and decoded on the page (TextDecoder keeps the string outside
 *   V8's heap): those collections went, but encoding in the worker cost more than they did
 *   (2,230-2,270 msg/s against 2,560-2,715);
 * - one string per batch, which the page slices (a string over 128 KiB is never copied by the
 *   collector): the same collection time and rate, so they are paid per collection, not per byte.
 */

/** A batch is passed on at once when it holds this many messages... */
export const BATCH_MAX_MESSAGES = 1024;
/** ...or this many bytes (UTF-16 units for text), so no single copy to the page is huge. */
export const BATCH_MAX_BYTES = 1 << 20;
/** How often a socket with sends still queued reports its bufferedAmount while it drains. */
export const BUFFERED_POLL_MS = 20;

type Post = (message: FromSocketWorker, transfer: Transferable[]) => void;

interface HostedSocket {
  ws: WebSocket;
  data: Payload[];
  at: number[];
  transfer: ArrayBuffer[];
  bytes: number;
  handedBytes: number;
  bufferedTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * Runs what the page asks (`handle`), and reports through `post`. A pending batch is passed on at
 * the next task (a zero timeout) or once full, and always before its socket's error or close, so
 * the page sees messages and events in the order the socket reported them.
 */
export function createSocketHost(post: Post, WebSocketClass: typeof WebSocket = WebSocket): { handle(message: ToSocketWorker): void } {
  const sockets = new Map<number, HostedSocket>();
  const due = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (id: number, socket: HostedSocket) => {
    if (socket.data.length === 0) return;
    const { data, at, transfer } = socket;
    socket.data = [];
    socket.at = [];
    socket.transfer = [];
    socket.bytes = 0;
    post({ t: 'messages', id, data, at }, transfer);
  };
  const flushDue = () => {
    timer = null;
    for (const id of due) {
      const socket = sockets.get(id);
      if (socket) flush(id, socket);
    }
    due.clear();
  };
  // One report for a burst of sends, then one every BUFFERED_POLL_MS while the socket drains.
  const reportBuffered = (id: number, socket: HostedSocket, delayMs: number) => {
    if (socket.bufferedTimer !== null) return;
    socket.bufferedTimer = setTimeout(() => {
      socket.bufferedTimer = null;
      const amount = socket.ws.bufferedAmount;
      post({ t: 'buffered', id, handedBytes: socket.handedBytes, amount }, []);
      if (amount > 0 && socket.ws.readyState === WebSocketClass.OPEN) reportBuffered(id, socket, BUFFERED_POLL_MS);
    }, delayMs);
  };
  const forget = (id: number, socket: HostedSocket) => {
    if (socket.bufferedTimer !== null) clearTimeout(socket.bufferedTimer);
    const { ws } = socket;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    sockets.delete(id);
    due.delete(id);
  };

  const open = (id: number, url: string, protocols: string[]) => {
    const startedAt = performance.now();
    let ws: WebSocket;
    try {
      ws = new WebSocketClass(url, protocols);
    } catch (error) {
      post({ t: 'refused', id, at: Date.now(), message: messageOf(error) }, []);
      return;
    }
    // NOTE: 'arraybuffer' delivers binary frames synchronously, and an ArrayBuffer moves to the page without a copy.
    ws.binaryType = 'arraybuffer';
    const socket: HostedSocket = { ws, data: [], at: [], transfer: [], bytes: 0, handedBytes: 0, bufferedTimer: null };
    sockets.set(id, socket);
    ws.onopen = () => {
      post({ t: 'open', id, at: Date.now(), protocol: ws.protocol, extensions: ws.extensions, handshakeMs: Math.round(performance.now() - startedAt) }, []);
    };
    ws.onmessage = (event: MessageEvent<Payload>) => {
      const data = event.data;
      socket.data.push(data);
      socket.at.push(Date.now());
      if (typeof data === 'string') socket.bytes += data.length;
      else {
        socket.bytes += data.byteLength;
        socket.transfer.push(data);
      }
      if (socket.data.length >= BATCH_MAX_MESSAGES || socket.bytes >= BATCH_MAX_BYTES) {
        flush(id, socket);
        return;
      }
      due.add(id);
      timer ??= setTimeout(flushDue, 0);
    };
    ws.onerror = () => {
      flush(id, socket);
      post({ t: 'error', id, at: Date.now() }, []);
    };
    ws.onclose = (event) => {
      flush(id, socket);
      forget(id, socket);
      post({ t: 'close', id, at: Date.now(), code: event.code, reason: event.reason, wasClean: event.wasClean }, []);
    };
  };

  return {
    handle(message) {
      if (message.op === 'open') return open(message.id, message.url, message.protocols);
      const socket = sockets.get(message.id);
      if (!socket) return;
      const { ws } = socket;
      switch (message.op) {
        case 'send':
          // NOTE: the page sends only once it has seen 'open', and send() after a close does not throw.
          ws.send(message.data);
          socket.handedBytes += message.size;
          return reportBuffered(message.id, socket, 0);
        case 'close':
          if (ws.readyState === WebSocketClass.CLOSING || ws.readyState === WebSocketClass.CLOSED) return;
          return ws.close(message.code, message.reason);
        case 'dispose':
          forget(message.id, socket);
          if (ws.readyState === WebSocketClass.CONNECTING || ws.readyState === WebSocketClass.OPEN) ws.close();
          return;
      }
    },
  };
}
