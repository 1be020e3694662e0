import { base64ToBytes, bytesToBase64 } from '../agent/protocol';
import { agentLink, type AgentLink } from './agentLink';
import type { AgentUpstreamOptions, Connection, ConnectionListener, ReadyState } from './types';

/**
 * One upstream WebSocket opened by the local agent, behind the same Connection interface as the
 * browser's: data arrives through the shared control connection; the agent also reports the
 * handshake, pings and pongs, and the exact close code and who closed first.
 */
export function openAgentConnection(
  url: string,
  protocols: string[],
  listener: ConnectionListener,
  options: AgentUpstreamOptions,
  link: AgentLink = agentLink,
): Connection {
  let state: ReadyState = 'CONNECTING';
  let disposed = false;
  let closingReported = false;
  const finish = () => {
    state = 'CLOSED';
    link.remove(id);
  };
  const id = link.add({
    onData(payload, at) {
      if (state === 'OPEN' || state === 'CLOSING') listener.onMessage(payload, at);
    },
    onMessage(message, at) {
      if (disposed) return;
      switch (message.t) {
        case 'handshake':
          return listener.onEvent({ type: 'handshake', at, report: message });
        case 'open':
          state = 'OPEN';
          return listener.onEvent({
            type: 'open',
            at,
            negotiated: { protocol: message.protocol, extensions: message.extensions, handshakeMs: Math.round(message.handshakeMs) },
          });
        case 'ping':
        case 'pong':
          return listener.onEvent({ type: 'control', at, kind: message.t, direction: message.dir, payload: base64ToBytes(message.data), auto: message.auto === true });
        case 'error':
          return listener.onEvent({ type: 'error', at, message: message.message });
        case 'close':
          finish();
          return listener.onEvent({ type: 'close', at, close: { code: message.code, reason: message.reason, wasClean: message.wasClean }, closedBy: message.by });
      }
    },
    onLinkLost(why) {
      if (disposed || state === 'CLOSED') return;
      state = 'CLOSED';
      const at = Date.now();
      listener.onEvent({ type: 'error', at, message: why });
      listener.onEvent({ type: 'close', at, close: { code: 1006, reason: '', wasClean: false }, closedBy: 'agent' });
    },
  });
  const { headers, answerPings, ...tls } = options;
  link.sendControl({ t: 'open', id, url, protocols, headers, answerPings, ...tls });
  // NOTE: after registering, so a link that fails at once reports through the route, never synchronously here.
  queueMicrotask(() => link.ensure());

  return {
    transport: 'agent',
    get readyState() {
      return state;
    },
    get bufferedAmount() {
      return link.bufferedAmount;
    },
    send(data) {
      if (state !== 'OPEN') throw new Error(`the connection is ${state}`);
      link.sendData(id, data);
    },
    close(code, reason) {
      if (state === 'CLOSING' || state === 'CLOSED') return;
      state = 'CLOSING';
      link.sendControl({ t: 'close', id, code, reason });
      if (!closingReported) {
        closingReported = true;
        listener.onEvent({ type: 'closing', at: Date.now() });
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (state !== 'CLOSED') link.sendControl({ t: 'dispose', id });
      finish();
    },
    ping(payload) {
      if (state !== 'OPEN') throw new Error(`the connection is ${state}`);
      link.sendControl({ t: 'ping', id, data: bytesToBase64(payload) });
    },
    setAnswerPings(on) {
      if (state !== 'CLOSED') link.sendControl({ t: 'answerPings', id, on });
    },
  };
}
