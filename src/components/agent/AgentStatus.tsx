import { useEffect } from 'react';
import { checkAgent, setAgentToken, setAgentUrl, useAgentStore } from '../../store/agentStore';

/** Whether an agent answers (and its version), or how to start one; Agent URL and token when the page is not served with one. */
export function AgentStatus() {
  const status = useAgentStore((s) => s.status);
  const served = useAgentStore((s) => s.servedWithAgent);
  const url = useAgentStore((s) => s.url);
  const token = useAgentStore((s) => s.token);
  // Choosing Local agent asks the agent to answer at once, so the status says whether one is there.
  useEffect(() => checkAgent(), [url, token]);
  const text =
    status.state === 'ready'
      ? `Local agent ${status.version ?? ''} answers at ${status.url}`
      : status.state === 'connecting'
        ? `Asking the local agent at ${status.url}…`
        : status.state === 'unreachable'
          ? `${status.message ?? 'No local agent answers'}. Start one with "npm start" (beside the app) or "npm run agent" (alone; it prints its token).`
          : served
            ? 'Local agent not asked yet'
            : 'Enter the token printed by "npm run agent" to use the local agent.';
  return (
    <div className="agent__status">
      <p role="status" aria-label="Agent status" data-state={status.state}>
        {text}
      </p>
      {served ? null : (
        <div className="agent__where">
          <label>
            <span>Agent URL</span>
            <input aria-label="Agent URL" value={url} spellCheck={false} onChange={(event) => setAgentUrl(event.target.value)} />
          </label>
          <label>
            <span>Agent token</span>
            <input aria-label="Agent token" autoComplete="off" value={token} spellCheck={false} onChange={(event) => setAgentToken(event.target.value)} />
          </label>
          <p className="hint">The URL is remembered; the token is not (a new one is printed each time the agent starts).</p>
        </div>
      )}
      {status.state === 'unreachable' ? (
        <button type="button" className="button" onClick={() => checkAgent()}>
          Check agent
        </button>
      ) : null}
    </div>
  );
}
