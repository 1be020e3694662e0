// @ts-check
/**
 * Local Echo's /stomp: a small STOMP 1.2 endpoint (one frame per WebSocket message, parsed with
 * @stomp/stompjs's parser) that answers CONNECT, SUBSCRIBE, UNSUBSCRIBE, SEND, ACK, NACK and
 * DISCONNECT: each SEND is delivered as MESSAGE (with the sender's own headers) to this
 * connection's subscriptions to its destination. A subscription with `ack:client` or
 * `ack:client-individual` gets an `ack` header on each MESSAGE and waits for ACK or NACK by that
 * id (`client` acks cumulatively); a NACKed message is delivered again with `redelivered:true`;
 * an ACK or NACK naming no waiting message is an ERROR. Any frame with `receipt` gets a RECEIPT.
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
  /** @type {Map<string, { destination: string, ack: string }>} subscription id → destination and ack mode */
  const subscriptions = new Map();
  /** @type {Map<string, { subscription: string, headers: Record<string, string>, body: string }>} ack id → message waiting for ACK/NACK, oldest first */
  const unacked = new Map();
  let messageId = 0;
  /**
   * Delivers one message to a subscription, waiting for its ack unless the mode is auto.
   * @param {string} id @param {Record<string, string>} headers @param {string} body
   */
  const deliver = (id, headers, body) => {
    const subscription = subscriptions.get(id);
    if (!subscription) return;
    const mid = String(++messageId);
    /** @type {Record<string, string>} */
    const out = { ...headers, subscription: id, 'message-id': mid, destination: subscription.destination };
    if (subscription.ack !== 'auto') {
      out.ack = `ack-${mid}`;
      unacked.set(out.ack, { subscription: id, headers, body });
    }
    send(frame('MESSAGE', out, body));
  };
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
          if (headers.ack && !['auto', 'client', 'client-individual'].includes(headers.ack)) return fail(`unknown ack mode ${headers.ack.slice(0, 40)}`, '');
          subscriptions.set(headers.id, { destination: headers.destination, ack: headers.ack ?? 'auto' });
          break;
        case 'UNSUBSCRIBE':
          subscriptions.delete(headers.id ?? '');
          for (const [key, waiting] of unacked) if (waiting.subscription === headers.id) unacked.delete(key);
          break;
        case 'SEND': {
          if (!headers.destination) return fail('SEND needs a destination', '');
          // The sender's headers travel with the message, as brokers pass them on.
          const { destination, receipt: _receipt, 'content-length': _length, transaction: _transaction, ...passed } = headers;
          for (const [id, subscription] of subscriptions) if (subscription.destination === destination) deliver(id, { 'content-type': 'text/plain', ...passed }, body);
          break;
        }
        case 'ACK':
        case 'NACK': {
          // STOMP 1.2 names the message by its ack header (`id`); 1.1 and 1.0 by `message-id`.
          const key = headers.id ?? (headers['message-id'] ? `ack-${headers['message-id']}` : '');
          const waiting = unacked.get(key);
          if (!waiting) return fail(`${command} names no message waiting for one`, `No MESSAGE awaits an ack with id ${JSON.stringify(key)}`);
          const mode = subscriptions.get(waiting.subscription)?.ack;
          for (const [other, message] of unacked) {
            // `client` mode: an ACK or NACK covers every earlier message of its subscription.
            if (other === key || (mode === 'client' && message.subscription === waiting.subscription && Number(other.slice(4)) < Number(key.slice(4)))) unacked.delete(other);
          }
          if (command === 'NACK') deliver(waiting.subscription, { ...waiting.headers, redelivered: 'true' }, waiting.body);
          break;
        }
        case 'DISCONNECT':
          if (headers.receipt) send(frame('RECEIPT', { 'receipt-id': headers.receipt }));
          ws.close(1000, 'Bye');
          return;
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
