import { describe, expect, it } from 'vitest';
import type { AgentMessage, PageMessage } from '../../src/agent/protocol';
import { openAgentConnection } from '../../src/connection/agentConnection';
import type { AgentLink, AgentRoute } from '../../src/connection/agentLink';
import type { AgentUpstreamOptions, ConnectionFactory } from '../../src/connection/types';
import { Session, type SessionView } from '../../src/session/session';

/** A stand-in for the control connection: records what the page sends and lets the test answer as the agent. */
function fakeLink() {
  const routes = new Map<number, AgentRoute>();
  const sent: PageMessage[] = [];
  const data: { id: number; payload: string | ArrayBuffer }[] = [];
  let next = 1;
  const link = {
    bufferedAmount: 0,
    add: (route: AgentRoute) => {
      routes.set(next, route);
      return next++;
    },
    remove: (id: number) => void routes.delete(id),
    sendControl: (message: PageMessage) => void sent.push(message),
    sendData: (id: number, payload: string | ArrayBuffer) => void data.push({ id, payload }),
    ensure: () => {},
  };
  const agentSays = (message: AgentMessage) => {
    if ('id' in message) routes.get(message.id)?.onMessage(message, Date.now());
  };
  return { link: link as unknown as AgentLink, routes, sent, data, agentSays };
}

/** Every kept entry of a session's log, oldest first. */
const entriesOf = (session: Session) => Array.from({ length: session.log.length }, (_, i) => session.log.at(i)!);

const OPTIONS: AgentUpstreamOptions = { headers: [['Authorization', 'Bearer x']], answerPings: false, verify: false };

function sessionWith(fake: ReturnType<typeof fakeLink>) {
  const views: Partial<SessionView>[] = [];
  const open: ConnectionFactory = (url, protocols, listener, via) => openAgentConnection(url, protocols, listener, via!.options, fake.link);
  const session = new Session('t', { open, onChange: (patch) => views.push(patch) });
  return { session, views };
}

const HANDSHAKE = {
  t: 'handshake' as const, id: 1, ok: true,
  request: { line: 'GET /x HTTP/1.1', headers: [['Authorization', 'Bearer x']] as [string, string][] },
  response: { status: 101, statusText: 'Switching Protocols', headers: [['Upgrade', 'websocket']] as [string, string][] },
  timings: { dns: null, tcp: 1.5, tls: null, upgrade: 3 }, certificate: null,
};

describe('a session through the local agent', () => {
  it('asks the agent to open with the headers and TLS options; the handshake becomes an entry and the view', () => {
    const fake = fakeLink();
    const { session, views } = sessionWith(fake);
    session.connect('ws://h/x', ['chat'], { kind: 'agent', options: OPTIONS });
    expect(fake.sent[0]).toEqual({ t: 'open', id: 1, url: 'ws://h/x', protocols: ['chat'], headers: [['Authorization', 'Bearer x']], answerPings: false, verify: false });
    fake.agentSays(HANDSHAKE);
    expect(views.some((v) => v.handshake?.response?.status === 101)).toBe(true);
    fake.agentSays({ t: 'open', id: 1, protocol: 'chat', extensions: '', handshakeMs: 3.2 });
    expect(session.state).toBe('OPEN');
    const kinds = entriesOf(session).map((e) => e.kind);
    expect(kinds).toContain('handshake');
    const entry = entriesOf(session).find((e) => e.kind === 'handshake');
    expect(entry?.data).toContain('GET /x HTTP/1.1');
    expect(entry?.size).toBe(0);
  });

  it('data both ways goes through the link and counts as messages; pings and pongs are events', () => {
    const fake = fakeLink();
    const { session } = sessionWith(fake);
    session.connect('ws://h/x', [], { kind: 'agent', options: OPTIONS });
    fake.agentSays({ t: 'open', id: 1, protocol: '', extensions: '', handshakeMs: 1 });
    expect(session.send('hi', 'text')).toBeNull();
    expect(fake.data).toEqual([{ id: 1, payload: 'hi' }]);
    fake.routes.get(1)!.onData('back', Date.now());
    expect(session.counters).toMatchObject({ sent: 1, received: 1 });
    expect(session.sendPing(new TextEncoder().encode('p'))).toBeNull();
    expect(fake.sent.at(-1)).toEqual({ t: 'ping', id: 1, data: 'cA==' });
    fake.agentSays({ t: 'pong', id: 1, dir: 'in', data: 'cA==' });
    fake.agentSays({ t: 'ping', id: 1, dir: 'in', data: '' });
    const events = entriesOf(session).filter((e) => e.kind === 'ping' || e.kind === 'pong');
    expect(events.map((e) => [e.kind, e.data])).toEqual([
      ['pong', 'Pong received from the server, 1 B: 70 (text "p")'],
      ['ping', 'Ping received from the server, no payload'],
    ]);
    expect(session.counters.received).toBe(1);
    session.setAnswerPings(true);
    expect(fake.sent.at(-1)).toEqual({ t: 'answerPings', id: 1, on: true });
  });

  it('keeps the exact close code and says who closed first', () => {
    const fake = fakeLink();
    const { session } = sessionWith(fake);
    session.connect('ws://h/x', [], { kind: 'agent', options: OPTIONS });
    fake.agentSays({ t: 'open', id: 1, protocol: '', extensions: '', handshakeMs: 1 });
    fake.agentSays({ t: 'close', id: 1, code: 1007, reason: 'bad utf-8', wasClean: true, by: 'server' });
    expect(session.state).toBe('CLOSED');
    const entries = entriesOf(session);
    expect(entries.find((e) => e.kind === 'close')?.close).toEqual({ code: 1007, reason: 'bad utf-8', wasClean: true });
    expect(entries.some((e) => e.kind === 'info' && String(e.data).includes('Closed first by the server'))).toBe(true);
    expect(fake.routes.size).toBe(0);
  });

  it('a lost control connection fails the upstream with 1006; a browser transport cannot ping', () => {
    const fake = fakeLink();
    const { session } = sessionWith(fake);
    session.connect('ws://h/x', [], { kind: 'agent', options: OPTIONS });
    fake.routes.get(1)!.onLinkLost('No local agent accepted this page');
    expect(session.state).toBe('CLOSED');
    expect(entriesOf(session).some((e) => e.kind === 'error' && String(e.data).includes('No local agent'))).toBe(true);
    expect(session.sendPing(new Uint8Array())).toContain('CLOSED');
  });

  it('dispose tells the agent to drop the upstream', () => {
    const fake = fakeLink();
    const { session } = sessionWith(fake);
    session.connect('ws://h/x', [], { kind: 'agent', options: OPTIONS });
    session.dispose();
    expect(fake.sent.at(-1)).toEqual({ t: 'dispose', id: 1 });
    expect(fake.routes.size).toBe(0);
  });
});
