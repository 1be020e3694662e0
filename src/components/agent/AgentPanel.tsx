import { useSession } from '../../store/appStore';
import { setAgentDraft } from '../../store/agentActions';
import type { ConnectVia } from '../../store/agentDraft';
import { AgentOptions } from './AgentOptions';
import { AgentStatus } from './AgentStatus';
import { HandshakeView } from './HandshakeView';
import { PingControls } from './PingControls';
import './AgentPanel.css';

/** `Connect via` and, with the local agent, its status, headers, TLS options, pings and the last handshake. */
export function AgentPanel({ id }: { id: string }) {
  const connectVia = useSession(id, (s) => s.agent.connectVia);
  return (
    <section className="agent" aria-label="Local agent">
      <label className="agent__via">
        <span>Connect via</span>
        <select aria-label="Connect via" value={connectVia} onChange={(event) => setAgentDraft(id, { connectVia: event.target.value as ConnectVia })}>
          <option value="browser">Browser</option>
          <option value="agent">Local agent</option>
        </select>
      </label>
      {connectVia === 'agent' ? (
        <div className="agent__body">
          <AgentStatus />
          <AgentOptions id={id} />
          <PingControls id={id} />
          <HandshakeView id={id} />
        </div>
      ) : null}
    </section>
  );
}
