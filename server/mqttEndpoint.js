// @ts-check
/**
 * Local Echo's /mqtt: a real MQTT broker (aedes, MQTT 3.1.1 and 5, in memory) over WebSocket,
 * subprotocol `mqtt`. Every client of this Local Echo shares the broker, so two tabs can talk.
 */
import { Aedes } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

/** The subprotocols /mqtt accepts (`mqttv3.1` is what MQTT 3.1 clients offered). */
export const MQTT_SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];

/** Picks `mqtt` from the client's offer; none offered is fine too (some clients offer nothing). */
export function pickMqttProtocol(/** @type {Set<string>} */ offered) {
  return MQTT_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false;
}

/**
 * createWebSocketStream, except that what is written while the stream is corked goes out as one
 * WebSocket message. NOTE: mqtt-packet (in aedes) corks the stream, writes a packet in pieces (fixed
 * header, length, body) and uncorks on the next tick; without `_writev` each piece would be its own
 * message. MQTT lets a packet span messages, but a log that shows one message a row reads far
 * better when each holds whole packets, as Mosquitto and most brokers send them.
 * @param {import('ws').WebSocket} ws
 */
function packetStream(ws) {
  const stream = createWebSocketStream(ws);
  const writeOne = stream._write.bind(stream);
  stream._writev = (chunks, callback) => writeOne(Buffer.concat(chunks.map((c) => /** @type {Buffer} */ (c.chunk))), 'binary', callback);
  return stream;
}

/**
 * Creates the broker and its WebSocket server (noServer: Local Echo hands it the upgrades).
 * @param {{ maxPayload: number }} limits
 */
export function createMqttEndpoint({ maxPayload }) {
  const broker = new Aedes();
  // NOTE: listen() sets up the in-memory persistence; connections wait for it (it takes a tick).
  const ready = broker.listen();
  const wss = new WebSocketServer({ noServer: true, maxPayload, handleProtocols: pickMqttProtocol });
  wss.on('connection', (ws, req) => {
    const stream = packetStream(ws);
    // A client that breaks the socket is aedes's to clean up; the stream must not throw unheard.
    stream.on('error', () => ws.terminate());
    ready.then(
      () => broker.handle(stream, req),
      () => ws.close(1011, 'Broker failed to start'),
    );
  });
  return {
    wss,
    /** Closes the broker, then every socket; resolves when both are done. */
    close() {
      return new Promise((resolve) => {
        broker.close(() => {
          for (const client of wss.clients) client.terminate();
          wss.close(() => resolve(undefined));
        });
      });
    },
  };
}
