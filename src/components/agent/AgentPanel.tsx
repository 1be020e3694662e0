import { useSession } from '../../store/appStore';
import { SideSection } from '../SideSection';
import { AgentOptions } from './AgentOptions';
import { AgentStatus } from './AgentStatus';
import { HandshakeView } from './HandshakeView';
import { PingControls } from './PingControls';
import './AgentPanel.css';

/**
 * With `Connect via` set to the local agent: its status, headers, TLS options, pings and the last
 * handshake, as a side-panel section that folds away like the others (nothing while on Browser).
 */
export function AgentPanel({ id }: { id: string }) {
  const connectVia = useSession(id, (s) => s.agent.connectVia);
  if (connectVia !== 'agent') return null;
  return (
    <SideSection section="agent" title="Local agent" className="agent">
      <div className="agent__body">
        <AgentStatus />
        <AgentOptions id={id} />
        <PingControls id={id} />
        <HandshakeView id={id} />
      </div>
    </SideSection>
  );
}
