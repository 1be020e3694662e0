// Test helpers: a `ws` client that queues what it receives from the start, and waits on it.
import { WebSocket, type RawData } from 'ws';

export type Message = { data: Buffer; isBinary: boolean };
export type Client = WebSocket & { received: Message[]; nextMessage(): Promise<Message> };

/**
 * Opens a client socket and resolves once it is open. Messages are queued from the
 * start: ones sent right after the handshake can be emitted before an awaited open resumes.
 */
export function openClient(url: string, protocols?: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols) as Client;
    const waiting: ((m: Message) => void)[] = [];
    let read = 0;
    ws.received = [];
    ws.on('message', (data: RawData, isBinary) => {
      const message = { data: data as Buffer, isBinary };
      ws.received.push(message);
      const waiter = waiting.shift();
      if (waiter) {
        read++;
        waiter(message);
      }
    });
    ws.nextMessage = () => new Promise((r) => (read < ws.received.length ? r(ws.received[read++]!) : waiting.push(r)));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Resolves with the close code and reason. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Resolves once `ws` has received `count` messages. */
export async function receivedCount(ws: Client, count: number): Promise<Message[]> {
  while (ws.received.length < count) await new Promise((r) => setTimeout(r, 10));
  return ws.received;
}
