import { describe, expect, it } from 'vitest';
import { detectFromFrame, detectProtocol } from '../../src/protocol/sessions/detect';

describe('Auto protocol detection', () => {
  it('picks from the negotiated subprotocol first', () => {
    expect(detectProtocol('ws://h/x', 'graphql-transport-ws')?.id).toBe('graphql');
    expect(detectProtocol('ws://h/x', 'graphql-ws')).toEqual({ id: 'graphql', reason: 'from the subprotocol graphql-ws' });
    expect(detectProtocol('ws://h/x', 'mqtt')?.id).toBe('mqtt');
    for (const sub of ['v10.stomp', 'v11.stomp', 'v12.stomp']) expect(detectProtocol('ws://h/x', sub)?.id).toBe('stomp');
    expect(detectProtocol('ws://h/socket.io/?EIO=4', 'graphql-ws')?.id).toBe('graphql');
  });

  it('picks Socket.IO from /socket.io/ with EIO= in the URL, and nothing from other URLs', () => {
    expect(detectProtocol('ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket', '')?.id).toBe('socketio');
    expect(detectProtocol('ws://h/socket.io/', '')).toBeNull();
    expect(detectProtocol('ws://h/echo?EIO=4', '')).toBeNull();
    expect(detectProtocol('ws://h/echo', 'chat')).toBeNull();
    expect(detectProtocol('not a url', '')).toBeNull();
  });

  it('recognises the SignalR handshake either way in the first frames', () => {
    expect(detectFromFrame('{"protocol":"json","version":1}\x1e')?.id).toBe('signalr');
    expect(detectFromFrame('{}\x1e')?.id).toBe('signalr');
    expect(detectFromFrame('{}')).toBeNull();
    expect(detectFromFrame('{"protocol":"json"}')).toBeNull();
    expect(detectFromFrame(new ArrayBuffer(3))).toBeNull();
  });
});
