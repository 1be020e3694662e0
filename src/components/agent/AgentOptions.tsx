import { useSession } from '../../store/appStore';
import { setAgentDraft } from '../../store/agentActions';

/** Headers, Verify certificate, client certificate or PKCS#12, and proxy: what the agent sends that a browser cannot. */
export function AgentOptions({ id }: { id: string }) {
  const agent = useSession(id, (s) => s.agent);
  return (
    <div className="agent__options">
      <label className="agent__headers">
        <span>Headers</span>
        <textarea
          aria-label="Headers"
          value={agent.headers}
          rows={3}
          spellCheck={false}
          placeholder={'Authorization: Bearer …\nOrigin: https://app.example\nCookie: session=…'}
          onChange={(event) => setAgentDraft(id, { headers: event.target.value })}
        />
      </label>
      <p className="hint">One "Name: value" a line, sent as typed; an Origin line sets the Origin. Kept in this page only, never stored.</p>
      <label className="check">
        <input type="checkbox" checked={agent.verifyCertificate} onChange={(event) => setAgentDraft(id, { verifyCertificate: event.target.checked })} />
        Verify certificate
      </label>
      {agent.verifyCertificate ? null : (
        <p className="agent__warning">
          Certificate checks are off: anyone between the agent and the server could read and change this connection. Use this only
          for development servers with self-signed certificates.
        </p>
      )}
      <details className="agent__tls">
        <summary>Client certificate and proxy</summary>
        <label>
          <span>Client certificate (PEM path)</span>
          <input aria-label="Client certificate" value={agent.clientCert} spellCheck={false} onChange={(event) => setAgentDraft(id, { clientCert: event.target.value })} />
        </label>
        <label>
          <span>Client key (PEM path)</span>
          <input aria-label="Client key" value={agent.clientKey} spellCheck={false} onChange={(event) => setAgentDraft(id, { clientKey: event.target.value })} />
        </label>
        <label>
          <span>PKCS#12 file (path)</span>
          <input aria-label="PKCS#12 file" value={agent.pfxPath} spellCheck={false} onChange={(event) => setAgentDraft(id, { pfxPath: event.target.value })} />
        </label>
        <label>
          <span>Passphrase</span>
          <input aria-label="Passphrase" type="password" autoComplete="off" value={agent.pfxPassphrase} onChange={(event) => setAgentDraft(id, { pfxPassphrase: event.target.value })} />
        </label>
        <label>
          <span>Proxy URL (HTTP CONNECT)</span>
          <input aria-label="Proxy URL" value={agent.proxyUrl} spellCheck={false} placeholder="http://proxy.example:3128" onChange={(event) => setAgentDraft(id, { proxyUrl: event.target.value })} />
        </label>
        <p className="hint">Paths are read on the agent's machine when connecting.</p>
      </details>
    </div>
  );
}
