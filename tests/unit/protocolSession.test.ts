import { describe, expect, it } from 'vitest';
import type { Connection, ConnectionFactory, ConnectionListener, Payload } from '../../src/connection/types';
import { Session, type SessionView } from '../../src/session/session';
import { loadProtocol } from '../../src/protocol/sessions/loader';

/** A transport driven by hand: open, receive, record what was sent. */
function fakeFactory(subprotocol = '') {
  const made: { sent: Payload[]; listener: ConnectionListener; open(): void; receive(data: Payload): void }[] = [];
  const open: ConnectionFactory = (_url, _protocols, listener) => {
    let state: Connection['readyState'] = 'CONNECTING';
    const fake = {
      sent: [] as Payload[],
      listener,
      open() {
        state = 'OPEN';
        listener.onEvent({ type: 'open', at: Date.now(), negotiated: { protocol: subprotocol, extensions: '', handshakeMs: 1 } });
      },
      receive(data: Payload) {
        listener.onMessage(data, Date.now());
      },
    };
    made.push(fake);
    return {
      transport: 'websocket',
      get readyState() {
        return state;
      },
      bufferedAmount: 0,
      send: (data: Payload) => fake.sent.push(data),
      close: () => {
        state = 'CLOSED';
        listener.onEvent({ type: 'close', at: Date.now(), close: { code: 1000, reason: '', wasClean: true } });
      },
      dispose: () => {
        state = 'CLOSED';
      },
    };
  };
  return { open, made };
}

function entries(session: Session) {
  return Array.from({ length: session.log.length }, (_, i) => session.log.at(i)!);
}

const SIO_URL = 'ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket';
const OPEN_PACKET = '0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

describe('protocol sessions in the Session', () => {
  it('Raw: nothing reads the frames, nothing is answered', async () => {
    const { open, made } = fakeFactory();
    const session = new Session('raw', { open });
    session.setProtocolChoice('raw');
    session.connect(SIO_URL, []);
    made[0]!.open();
    made[0]!.receive(OPEN_PACKET);
    made[0]!.receive('2');
    await loadProtocol('socketio');
    await Promise.resolve();
    expect(made[0]!.sent).toEqual([]);
    expect(entries(session).some((e) => e.auto)).toBe(false);
    session.dispose();
  });

  it('Auto picks Socket.IO from the URL; frames received while its module loaded are answered after; pings get pongs, dimmed as housekeeping', async () => {
    const { open, made } = fakeFactory();
    const views: Partial<SessionView>[] = [];
    const session = new Session('sio', { open, onChange: (patch) => views.push(patch) });
    session.connect(SIO_URL, []);
    made[0]!.open();
    // The open packet comes at once, before the protocol's chunk is loaded.
    made[0]!.receive(OPEN_PACKET);
    await loadProtocol('socketio');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(views.map((v) => v.protocol).filter(Boolean).at(-1)).toMatchObject({ id: 'socketio', label: 'Socket.IO', reason: 'from the URL (/socket.io/ with EIO=)' });
    expect(made[0]!.sent).toEqual(['40']);
    made[0]!.receive('40{"sid":"b"}');
    made[0]!.receive('2');
    expect(made[0]!.sent).toEqual(['40', '3']);
    made[0]!.receive('42["news",1]');
    const log = entries(session).filter((e) => e.kind === 'sent' || e.kind === 'received');
    expect(log.map((e) => [e.kind, e.data, Boolean(e.auto)])).toEqual([
      ['received', OPEN_PACKET, true],
      ['sent', '40', true],
      ['received', '40{"sid":"b"}', true],
      ['received', '2', true],
      ['sent', '3', true],
      ['received', '42["news",1]', false],
    ]);
    // Every frame still counts.
    expect(session.counters).toMatchObject({ sent: 2, received: 4 });
    // After the close, the protocol answers nothing more.
    session.disconnect();
    expect(session.protocolRuntime).toBeNull();
    session.dispose();
  });

  it('Auto with nothing to go on stays Raw, and learns SignalR from a handshake the user sends', async () => {
    const { open, made } = fakeFactory();
    const views: Partial<SessionView>[] = [];
    const session = new Session('sr', { open, onChange: (patch) => views.push(patch) });
    session.connect('ws://127.0.0.1:9/hub', []);
    made[0]!.open();
    expect(views.map((v) => v.protocol).filter(Boolean).at(-1)).toMatchObject({ id: null, reason: 'Auto: nothing detected yet, so Raw' });
    expect(session.send('{"protocol":"json","version":1}\x1e', 'text')).toBeNull();
    await loadProtocol('signalr');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(views.map((v) => v.protocol).filter(Boolean).at(-1)).toMatchObject({ id: 'signalr' });
    // The handshake went by hand, so the app does not send it twice.
    expect(made[0]!.sent).toEqual(['{"protocol":"json","version":1}\x1e']);
    session.dispose();
  });
});
