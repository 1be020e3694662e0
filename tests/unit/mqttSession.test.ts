import { describe, expect, it } from 'vitest';
import type { Connection, ConnectionFactory, Payload } from '../../src/connection/types';
import { Session, type SessionView } from '../../src/session/session';
import { loadProtocol } from '../../src/protocol/sessions/loader';
import { decodeMqtt } from '../../src/protocol/sessions/mqtt/codec';

/** One hand-driven transport: open it, and read what was sent. */
function fakeTransport(subprotocol: string) {
  const sent: Payload[] = [];
  let listener: Parameters<ConnectionFactory>[2] | null = null;
  let state: Connection['readyState'] = 'CONNECTING';
  const open: ConnectionFactory = (_url, _protocols, l) => {
    listener = l;
    return {
      transport: 'websocket',
      get readyState() {
        return state;
      },
      bufferedAmount: 0,
      send: (data: Payload) => sent.push(data),
      close: () => {
        state = 'CLOSED';
        l.onEvent({ type: 'close', at: Date.now(), close: { code: 1000, reason: '', wasClean: true } });
      },
      dispose: () => {
        state = 'CLOSED';
      },
    };
  };
  return {
    open,
    sent,
    opened() {
      state = 'OPEN';
      listener!.onEvent({ type: 'open', at: Date.now(), negotiated: { protocol: subprotocol, extensions: '', handshakeMs: 1 } });
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const summaries = (sent: Payload[]) => sent.map((frame) => decodeMqtt(frame, 4).summary.split(' ')[0]);

describe('MQTT in the Session', () => {
  it('Auto picks MQTT from the subprotocol mqtt, sends CONNECT once open, and DISCONNECT before a Disconnect closes', async () => {
    const transport = fakeTransport('mqtt');
    const views: Partial<SessionView>[] = [];
    const session = new Session('mqtt-auto', { open: transport.open, onChange: (patch) => views.push(patch) });
    session.connect('ws://127.0.0.1:9/mqtt', ['mqtt']);
    transport.opened();
    await loadProtocol('mqtt');
    await settle();
    expect(views.map((v) => v.protocol).filter(Boolean).at(-1)).toMatchObject({ id: 'mqtt', label: 'MQTT', reason: 'from the subprotocol mqtt' });
    expect(summaries(transport.sent)).toEqual(['CONNECT']);
    // Binary, as MQTT over WebSocket must be.
    expect(typeof transport.sent[0]).not.toBe('string');
    session.disconnect();
    expect(summaries(transport.sent)).toEqual(['CONNECT', 'DISCONNECT']);
    session.dispose();
  });

  it('closing the tab of an open MQTT connection says DISCONNECT too', async () => {
    const transport = fakeTransport('');
    const session = new Session('mqtt-chosen', { open: transport.open });
    session.setProtocolChoice('mqtt');
    session.connect('ws://127.0.0.1:9/mqtt', []);
    transport.opened();
    await loadProtocol('mqtt');
    await settle();
    session.dispose();
    expect(summaries(transport.sent)).toEqual(['CONNECT', 'DISCONNECT']);
  });
});
