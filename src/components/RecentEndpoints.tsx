import { useId } from 'react';
import { endpointKey, hasSecrets, redactSubprotocols, redactUrl } from '../secrets/urlSecrets';
import { useSession } from '../store/appStore';
import { setDraft } from '../store/connectionActions';
import { clearEndpoints, removeEndpoint, setRememberSecrets, useHistory, type RecentEndpoint } from '../store/historyStore';
import { formatClock, formatDate, formatDateTime } from '../format/time';
import { SideSection } from './SideSection';
import './Workspace.css';

// What the list shows: secrets redacted even for an endpoint whose secrets are remembered (choosing it still fills them in).
const shownUrl = (e: RecentEndpoint) => redactUrl(e.url);
const shownProtocols = (e: RecentEndpoint) => redactSubprotocols(e.subprotocols);
const label = (e: RecentEndpoint) => (e.subprotocols ? `${shownUrl(e)} (subprotocols: ${shownProtocols(e)})` : shownUrl(e));

/** When an endpoint was last used: the time today, otherwise the date and time. */
function whenUsed(at: number, now = Date.now()): string {
  const clock = formatClock(at).slice(0, 5);
  const day = formatDate(at);
  return day === formatDate(now) ? clock : `${day} ${clock}`;
}

/** The last distinct URL + subprotocols combinations; choosing one fills the bar. Also the per-endpoint secrets opt-in. */
export function RecentEndpoints({ id }: { id: string }) {
  const endpoints = useHistory((s) => s.endpoints);
  const remembered = useHistory((s) => s.rememberSecretsFor);
  const url = useSession(id, (s) => s.drafts.url);
  const subprotocols = useSession(id, (s) => s.drafts.subprotocols);
  const key = endpointKey(url);
  const hintId = useId();
  const secrets = hasSecrets(url, subprotocols);

  return (
    <SideSection
      section="recent"
      title="Recent endpoints"
      className="workspace-card recent-endpoints"
      actions={
        endpoints.length > 0 ? (
          <button type="button" className="button button--small" aria-label="Clear recent endpoints" title="Remove every recent endpoint" onClick={clearEndpoints}>
            Clear
          </button>
        ) : null
      }
    >
      <ul aria-label="Recent endpoints" className="recent-list">
        {endpoints.map((e) => (
          <li key={`${e.url} ${e.subprotocols}`} className="recent-item">
            <button
              type="button"
              className="recent-item__choose"
              title={`${label(e)}\nLast used ${formatDateTime(e.at)}`}
              onClick={() => setDraft(id, { url: e.url, subprotocols: e.subprotocols })}
            >
              {/* The name comes from the visible text (plus hidden words), so what is read is what is seen. */}
              <span className="recent-item__url">{shownUrl(e)}</span>
              {e.subprotocols ? ' ' : null}
              {e.subprotocols ? (
                <span className="recent-item__protocols">
                  <span className="visually-hidden">(subprotocols:</span> {shownProtocols(e)}
                  <span className="visually-hidden">)</span>
                </span>
              ) : null}
            </button>
            <time className="recent-item__time" dateTime={new Date(e.at).toISOString()} title={`Last used ${formatDateTime(e.at)}`}>
              {whenUsed(e.at)}
            </time>
            <button type="button" className="icon-button icon-button--danger" aria-label={`Remove ${label(e)}`} title="Remove" onClick={() => removeEndpoint(e.url, e.subprotocols)}>
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        ))}
      </ul>
      {endpoints.length === 0 ? <p className="hint">Endpoints you connect to are listed here.</p> : null}
      <label className="recent-endpoints__secrets">
        <input
          type="checkbox"
          disabled={!key}
          checked={Boolean(key) && remembered.includes(key)}
          aria-describedby={hintId}
          onChange={(event) => setRememberSecrets(key, event.target.checked)}
        />
        Remember secrets for this endpoint
      </label>
      <p className="hint" id={hintId}>
        {secrets
          ? 'This URL carries what looks like a secret (token, key, password, credentials…). '
          : ''}
        Query parameters such as token, key or password, user names and passwords in the URL, and credential subprotocols are kept only in memory unless this is ticked
        {key ? ` for ${key}` : ''}.
      </p>
    </SideSection>
  );
}
