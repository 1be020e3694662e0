import type { Payload } from '../../../src/connection/types';

/** A WebSocket class the test drives by hand; each call gives a fresh class with its own record of sockets. */
export function fakeWebSocketClass() {
  return class FakeWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    static readonly made: FakeWebSocket[] = [];
    /** When set, the constructor throws this (as a browser refuses a URL). */
    static refusal: string | null = null;

    readyState = FakeWebSocket.CONNECTING;
    bufferedAmount = 0;
    protocol = '';
    extensions = '';
    binaryType = 'blob';
    readonly sent: Payload[] = [];
    readonly closeCalls: unknown[][] = [];
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data: Payload }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

    constructor(
      readonly url: string,
      readonly protocols: string[],
    ) {
      // NOTE: a browser throws a DOMException, which is an Error there; jsdom's is not one.
      if (FakeWebSocket.refusal !== null) throw new SyntaxError(FakeWebSocket.refusal);
      FakeWebSocket.made.push(this);
    }
    send(data: Payload) {
      this.sent.push(data);
    }
    close(...args: unknown[]) {
      this.closeCalls.push(args);
      this.readyState = FakeWebSocket.CLOSING;
    }
    serverOpens(protocol = '', extensions = '') {
      Object.assign(this, { readyState: FakeWebSocket.OPEN, protocol, extensions });
      this.onopen?.({});
    }
    serverSends(data: Payload) {
      this.onmessage?.({ data });
    }
    serverFails() {
      this.onerror?.({});
    }
    serverCloses(code = 1000, reason = '', wasClean = true) {
      this.readyState = FakeWebSocket.CLOSED;
      this.onclose?.({ code, reason, wasClean });
    }
  };
}
