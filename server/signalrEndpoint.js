// @ts-check
/**
 * Local Echo's /signalr: a small hub speaking SignalR's JSON hub protocol over a WebSocket (no
 * negotiate step: connect straight to the WebSocket, as skipNegotiation does). It answers the
 * handshake, pings every 15 s, and has two methods: `echo` (completes with its first argument and
 * also calls the client's `echo` with all of them) and `add` (the sum of its numbers).
 */
const RS = '\x1e';
/** How often the hub pings (ms), as ASP.NET Core's KeepAliveInterval. */
export const HUB_PING_MS = 15_000;

/** @param {Record<string, unknown>} record */
const frame = (record) => JSON.stringify(record) + RS;

/** The hub's methods: each returns the completion's result or throws the error it reports. */
const METHODS = {
  /** @param {unknown[]} args */
  echo: (args) => args[0] ?? null,
  /** @param {unknown[]} args */
  add: (args) => {
    if (!args.every((a) => typeof a === 'number')) throw new Error('add takes numbers');
    return /** @type {number[]} */ (args).reduce((sum, n) => sum + n, 0);
  },
};

/**
 * Serves one hub connection.
 * @param {import('ws').WebSocket} ws
 */
export function serveSignalr(ws) {
  let handshaken = false;
  const send = (/** @type {string} */ text) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const ping = setInterval(() => send(frame({ type: 6 })), HUB_PING_MS);
  ping.unref();
  ws.on('close', () => clearInterval(ping));
  const closeWith = (/** @type {string} */ error) => {
    send(frame({ type: 7, error }));
    ws.close(1000, 'Closed by the hub');
  };
  ws.on('message', (data, isBinary) => {
    if (isBinary) return closeWith('The JSON hub protocol uses text frames');
    const text = data.toString();
    if (!text.endsWith(RS)) return closeWith('Messages must end with the record separator 0x1E');
    for (const part of text.slice(0, -1).split(RS)) {
      /** @type {Record<string, unknown>} */
      let record;
      try {
        record = JSON.parse(part);
      } catch {
        return closeWith('A record is not JSON');
      }
      if (!handshaken) {
        if (record.protocol !== 'json') {
          send(frame({ error: `The protocol ${JSON.stringify(record.protocol)} is not supported: this hub speaks json` }));
          return ws.close(1000);
        }
        handshaken = true;
        send('{}' + RS);
        continue;
      }
      if (record.type === 6) continue;
      if (record.type === 7) return ws.close(1000);
      if (record.type !== 1) continue;
      const target = String(record.target);
      const args = Array.isArray(record.arguments) ? record.arguments : [];
      const id = record.invocationId;
      const method = Object.hasOwn(METHODS, target) ? METHODS[/** @type {keyof typeof METHODS} */ (target)] : undefined;
      if (target === 'echo') send(frame({ type: 1, target: 'echo', arguments: args }));
      if (id === undefined) continue;
      if (!method) {
        send(frame({ type: 3, invocationId: id, error: `Unknown hub method '${target}'` }));
        continue;
      }
      try {
        send(frame({ type: 3, invocationId: id, result: method(args) }));
      } catch (error) {
        send(frame({ type: 3, invocationId: id, error: error instanceof Error ? error.message : String(error) }));
      }
    }
  });
}
