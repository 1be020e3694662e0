import { browserEngine, socketErrorText } from '../protocol/browserReports';
import type { Connection, ConnectionListener, ReadyState } from './types';

const STATES: readonly ReadyState[] = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];

/**
 * The browser's own WebSocket behind the Connection interface.
 * Used where no worker can run; socketHost.ts opens sockets in the socket worker. The two are the
 * only places in src/ that construct a WebSocket (the lint config keeps that to src/connection/).
 */
export function openNativeConnection(url: string, protocols: string[], listener: ConnectionListener): Connection {
  const startedAt = performance.now();
  // The constructor throws synchronously for URLs the browser refuses (e.g. a blocked port).
  const ws = new WebSocket(url, protocols);
  // NOTE: 'arraybuffer' delivers binary frames synchronously; a Blob would need an async read per message.
  ws.binaryType = 'arraybuffer';
  let disposed = false;
  let closingReported = false;

  ws.onopen = () => {
    if (disposed) return;
    const at = Date.now();
    listener.onEvent({
      type: 'open',
      at,
      negotiated: {
        protocol: ws.protocol,
        extensions: ws.extensions,
        handshakeMs: Math.round(performance.now() - startedAt),
      },
    });
  };
  ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
    if (!disposed) listener.onMessage(event.data, Date.now());
  };
  ws.onerror = () => {
    if (disposed) return;
    // NOTE: browsers deliberately give no detail here; the close event that follows carries the code.
    listener.onEvent({ type: 'error', at: Date.now(), message: socketErrorText(browserEngine(navigator.userAgent)) });
  };
  ws.onclose = (event) => {
    if (disposed) return;
    const at = Date.now();
    listener.onEvent({ type: 'close', at, close: { code: event.code, reason: event.reason, wasClean: event.wasClean } });
  };

  return {
    transport: 'websocket',
    get readyState() {
      return STATES[ws.readyState] ?? 'CLOSED';
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send(data) {
      ws.send(data);
    },
    close(code, reason) {
      if (ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED) return;
      ws.close(code, reason);
      if (!closingReported) {
        closingReported = true;
        listener.onEvent({ type: 'closing', at: Date.now() });
      }
    },
    dispose() {
      disposed = true;
      ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close();
    },
  };
}
