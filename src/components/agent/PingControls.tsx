import { useSession } from '../../store/appStore';
import { sendPing, setAgentDraft } from '../../store/agentActions';

/** Send ping (with an optional payload) and Answer pings: protocol frames only the agent can handle. */
export function PingControls({ id }: { id: string }) {
  const payload = useSession(id, (s) => s.agent.pingPayload);
  const answer = useSession(id, (s) => s.agent.answerPings);
  const open = useSession(id, (s) => s.readyState === 'OPEN' && s.transport === 'agent');
  return (
    <div className="agent__ping">
      <label>
        <span>Ping payload</span>
        <input aria-label="Ping payload" value={payload} placeholder="optional, ≤ 125 bytes" onChange={(event) => setAgentDraft(id, { pingPayload: event.target.value })} />
      </label>
      <button type="button" className="button" disabled={!open} onClick={() => sendPing(id)}>
        Send ping
      </button>
      <label className="check">
        <input type="checkbox" checked={answer} onChange={(event) => setAgentDraft(id, { answerPings: event.target.checked })} />
        Answer pings
      </label>
    </div>
  );
}
