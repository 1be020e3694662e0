// @ts-check
/**
 * Local Echo's /stomp: a small STOMP 1.2 endpoint (one frame per WebSocket message, parsed with
 * @stomp/stompjs's parser) that answers CONNECT, SUBSCRIBE, UNSUBSCRIBE, SEND and DISCONNECT:
 * each SEND is delivered as MESSAGE to this connection's subscriptions to its destination.
 */
import { FrameImpl, Parser } from '@stomp/stompjs';

/** The subprotocols /stomp accepts, best first. */
export const STOMP_SUBPROTOCOLS = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

/** Picks the best STOMP subprotocol the client offered (none is fine too: STOMP 1.2 then). */
export function pickStompProtocol(/** @type {Set<string>} */ offered) {
  return STOMP_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false;
}

/** @param {string} command @param {Record<string, string>} headers @param {string} [body] */
const frame = (command, headers, body = '') => String(FrameImpl.marshall({ command, headers, body }));

/**
 * Serves one STOMP connection.
 * @param {import('ws').WebSocket} ws
 */
export function serveStomp(ws) {
  /** @type {Map<string, string>} subscription id → destination */
  const subscriptions = new Map();
  let messageId = 0;
  let connected = false;
  const send = (/** @type {string} */ text) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const fail = (/** @type {string} */ message, /** @type {string} */ detail) => {
    send(frame('ERROR', { message, 'content-type': 'text/plain' }, detail));
    ws.close(1002, 'STOMP protocol error');
  };
  ws.on('message', (data, isBinary) => {
    /** @type {import('@stomp/stompjs').IRawFrameType[]} */
    const frames = [];
    const parser = new Parser((f) => frames.push(f), () => {});
    try {
      parser.parseChunk(isBinary ? new Uint8Array(/** @type {Buffer} */ (data)).buffer : data.toString());
    } catch {
      return fail('malformed frame', 'The frame could not be parsed');
    }
    if (frames.length === 0 && data.toString().trim() !== '') return fail('incomplete frame', 'A STOMP frame ends with a NUL byte');
    for (const raw of frames) {
      /** @type {Record<string, string>} */
      const headers = {};
      for (const [key, value] of raw.headers) if (!(key in headers)) headers[key] = value;
      const body = new TextDecoder().decode(raw.binaryBody);
      const command = raw.command ?? '';
      if (!connected && command !== 'CONNECT' && command !== 'STOMP') return fail('not connected', 'Send CONNECT first');
      switch (command) {
        case 'CONNECT':
        case 'STOMP':
          connected = true;
          send(frame('CONNECTED', { version: '1.2', 'heart-beat': '0,0', server: 'local-echo-stomp' }));
          break;
        case 'SUBSCRIBE':
          if (!headers.id || !headers.destination) return fail('SUBSCRIBE needs id and destination', '');
          subscriptions.set(headers.id, headers.destination);
          break;
        case 'UNSUBSCRIBE':
          subscriptions.delete(headers.id ?? '');
          break;
        case 'SEND':
          if (!headers.destination) return fail('SEND needs a destination', '');
          for (const [id, destination] of subscriptions) {
            if (destination !== headers.destination) continue;
            send(frame('MESSAGE', { subscription: id, 'message-id': String(++messageId), destination, 'content-type': headers['content-type'] ?? 'text/plain' }, body));
          }
          break;
        case 'DISCONNECT':
          if (headers.receipt) send(frame('RECEIPT', { 'receipt-id': headers.receipt }));
          ws.close(1000, 'Bye');
          return;
        case 'ACK':
        case 'NACK':
        case 'BEGIN':
        case 'COMMIT':
        case 'ABORT':
          break;
        default:
          return fail(`unknown command ${command.slice(0, 40)}`, '');
      }
      if (headers.receipt) send(frame('RECEIPT', { 'receipt-id': headers.receipt }));
    }
  });
}
