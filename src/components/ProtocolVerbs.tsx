import { useSession } from '../store/appStore';
import { detectProtocol } from '../protocol/sessions/detect';
import { parseSubprotocols } from '../protocol/subprotocols';
import type { ProtocolId } from '../protocol/sessions/types';
import type { SessionState } from '../store/sessionState';
import { GraphqlConnectOptions, GraphqlVerbs } from './protocol/GraphqlVerbs';
import { SignalrVerbs } from './protocol/SignalrVerbs';
import { SocketIoConnectOptions, SocketIoVerbs } from './protocol/SocketIoVerbs';
import { StompVerbs } from './protocol/StompVerbs';
import { MqttVerbs } from './protocol/MqttVerbs';

/** The protocol the next Connect will speak, as far as the drafts tell (what Auto would pick from URL and subprotocols). */
function plannedProtocol(s: SessionState): ProtocolId | null {
  const choice = s.drafts.protocol;
  if (choice === 'raw') return null;
  if (choice !== 'auto') return choice;
  const offered = parseSubprotocols(s.drafts.subprotocols);
  return detectProtocol(s.drafts.url, offered.ok ? (offered.value[0] ?? '') : '')?.id ?? null;
}

/**
 * The running protocol's verbs above the raw composer (which stays available): nobody types
 * framing by hand. While closed, what the next Connect's greeting carries (Socket.IO, GraphQL).
 */
export function ProtocolVerbs({ id }: { id: string }) {
  const running = useSession(id, (s) => s.protocol?.id ?? null);
  const planned = useSession(id, (s) => (s.readyState === 'CLOSED' ? plannedProtocol(s) : null));
  const shown = planned !== null && planned !== running ? null : running;
  if (shown === 'socketio') return <SocketIoVerbs id={id} />;
  if (shown === 'graphql') return <GraphqlVerbs id={id} />;
  if (shown === 'mqtt') return <MqttVerbs id={id} />;
  if (shown === 'stomp') return <StompVerbs id={id} />;
  if (shown === 'signalr') return <SignalrVerbs id={id} />;
  if (planned === 'socketio') return <SocketIoConnectOptions id={id} />;
  if (planned === 'graphql') return <GraphqlConnectOptions id={id} />;
  return null;
}
