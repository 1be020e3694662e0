import { useSession } from '../../store/appStore';
import { setAgentDraft } from '../../store/agentActions';
import type { ConnectVia } from '../../store/agentDraft';

/** `Connect via`: the browser's own WebSocket or the local agent; sits in the endpoint bar beside the URL. */
export function ConnectViaPicker({ id }: { id: string }) {
  const connectVia = useSession(id, (s) => s.agent.connectVia);
  return (
    <select
      aria-label="Connect via"
      className="endpoint__via"
      title="Connect via"
      value={connectVia}
      onChange={(event) => setAgentDraft(id, { connectVia: event.target.value as ConnectVia })}
    >
      <option value="browser">Browser</option>
      <option value="agent">Local agent</option>
    </select>
  );
}
