import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { openSimulatorConnection } from '../../src/connection/simulator';
import { simulatedProtocol } from '../../src/connection/simulatorProtocols/types';
import type { Connection, ConnectionEvent, Payload } from '../../src/connection/types';
import { connectFrame, emitFrame, engineFrame } from '../../src/protocol/sessions/socketio/codec';
import { initFrame, subscribeFrame } from '../../src/protocol/sessions/graphql/codec';

/** Opens the Simulator and records what it pushes. */
async function open(url: string, protocols: string[], choice?: string): Promise<{ conn: Connection; got: Payload[]; events: ConnectionEvent[] }> {
  const got: Payload[] = [];
  const events: ConnectionEvent[] = [];
  const conn = openSimulatorConnection(url, protocols, { onMessage: (data) => got.push(data), onEvent: (event) => events.push(event) }, choice);
  await waitFor(() => expect(conn.readyState).toBe('OPEN'), { timeout: 5000 });
  return { conn, got, events };
}

describe('which protocol the Simulator speaks', () => {
  it('follows the Protocol choice, else the URL or the offered subprotocol', () => {
    expect(simulatedProtocol('simulator://local', [], 'socketio')).toBe('socketio');
    expect(simulatedProtocol('simulator://local', [], 'graphql')).toBe('graphql');
    expect(simulatedProtocol('simulator://local/socket.io/?EIO=4&transport=websocket', [], 'auto')).toBe('socketio');
    expect(simulatedProtocol('simulator://local', ['graphql-transport-ws'], undefined)).toBe('graphql');
    expect(simulatedProtocol('simulator://local/socket.io/?EIO=4', [], 'raw')).toBeNull();
    // Without EIO= Auto would not pick Socket.IO, so the Simulator does not speak it either.
    expect(simulatedProtocol('simulator://local/socket.io/', [], 'auto')).toBeNull();
    expect(simulatedProtocol('simulator://local', ['chat'], 'auto')).toBeNull();
  });
});

describe('the Simulator speaking Socket.IO', () => {
  it('sends the open packet, joins namespaces, echoes and acks events, refuses /private without its token, and ticks', async () => {
    const { conn, got, events } = await open('simulator://local', [], 'socketio');
    expect(events[0]).toMatchObject({ type: 'open', negotiated: { protocol: '' } });
    await waitFor(() => expect(String(got[0])).toMatch(/^0\{"sid":"[^"]+","upgrades":\[\],"pingInterval":25000/));
    conn.send(connectFrame('/'));
    await waitFor(() => expect(String(got.at(-1))).toMatch(/^40\{"sid":/));
    conn.send(emitFrame('chat', [{ a: 1 }], 5));
    await waitFor(() => expect(got.slice(-2)).toEqual(['42["chat",{"a":1}]', '435[{"a":1}]']));
    conn.send(connectFrame('/private'));
    await waitFor(() => expect(got.at(-1)).toBe('44/private,{"message":"not authorized: auth.token is wrong"}'));
    conn.send(connectFrame('/private', { token: 'let-me-in' }));
    await waitFor(() => expect(String(got.at(-1))).toMatch(/^40\/private,\{"sid":/));
    conn.send(engineFrame('ping'));
    await waitFor(() => expect(got).toContain('3'));
    await waitFor(() => expect(got.some((f) => String(f).startsWith('42["tick",{"n":1'))).toBe(true), { timeout: 3000 });
    conn.close(1000);
    conn.dispose();
  });
});

describe('the Simulator speaking GraphQL (graphql-ws\'s own server)', () => {
  it('acks connection_init, counts to 3 then completes, answers a query by operation name with the connection payload, and errs on an invalid document', async () => {
    const { conn, got, events } = await open('simulator://local', [], 'graphql');
    expect(events[0]).toMatchObject({ type: 'open', negotiated: { protocol: 'graphql-transport-ws' } });
    conn.send(initFrame({ token: 'abc' }));
    await waitFor(() => expect(got).toEqual(['{"type":"connection_ack"}']));
    conn.send(subscribeFrame('transport', '1', 'subscription { count(to: 3) }'));
    await waitFor(() => expect([got.at(-1), events.slice(1)]).toEqual([`{"id":"1","type":"complete"}`, []]), { timeout: 3000 });
    expect(got.slice(1)).toEqual([1, 2, 3].map((n) => `{"id":"1","type":"next","payload":{"data":{"count":${n}}}}`).concat('{"id":"1","type":"complete"}'));
    conn.send(subscribeFrame('transport', '2', 'query A { hello } query B { connectionParams operationName }', undefined, 'B'));
    await waitFor(() => expect(got).toContain('{"id":"2","type":"next","payload":{"data":{"connectionParams":"{\\"token\\":\\"abc\\"}","operationName":"B"}}}'));
    conn.send(subscribeFrame('transport', '3', '{ nope }'));
    await waitFor(() => expect(String(got.at(-1))).toMatch(/^\{"id":"3","type":"error","payload":\[\{"message":"Cannot query field \\"nope\\"/));
    conn.dispose();
  });
});
