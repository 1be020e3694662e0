import { useMemo, useState } from 'react';
import { useSession } from '../store/appStore';
import { COPY_TARGETS, snippetFor, type CopyTarget } from '../share/copyAs';
import { buildShareLink, stripSecrets } from '../share/shareLink';
import { Alert } from './Alert';
import { SideSection } from './SideSection';
import './ShareTools.css';

async function writeClipboard(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
  await navigator.clipboard.writeText(text);
}

/**
 * `Copy as` (the connection as a websocat / wscat / JavaScript / Python / curl snippet, shown before
 * it is copied) and `Copy link` (a link that fills the fields in, and never connects by itself).
 */
export function ShareTools({ id }: { id: string }) {
  const url = useSession(id, (s) => s.drafts.url);
  const subprotocols = useSession(id, (s) => s.drafts.subprotocols);
  const message = useSession(id, (s) => s.drafts.message);
  const format = useSession(id, (s) => s.drafts.format);
  // Headers go into Copy as only for a tab that connects through the local agent (a browser cannot send them).
  const headers = useSession(id, (s) => (s.agent.connectVia === 'agent' ? s.agent.headers : ''));
  const [target, setTarget] = useState<CopyTarget | ''>('');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [commandSecrets, setCommandSecrets] = useState(false);
  const [linkShown, setLinkShown] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const snippet = useMemo(
    () => (target === '' ? null : snippetFor(target, { url, subprotocols, message, format, headers }, { includeSecrets: commandSecrets })),
    [target, url, subprotocols, message, format, headers, commandSecrets],
  );
  const link = useMemo(() => {
    const href = typeof location === 'undefined' ? '' : location.href;
    return {
      href: buildShareLink(href, { url, subprotocols, message, format }, { includeSecrets }),
      removed: includeSecrets ? [] : stripSecrets(url, subprotocols).removed,
    };
  }, [url, subprotocols, message, format, includeSecrets]);

  const copy = (text: string, what: string) => {
    setProblem(null);
    setStatus('');
    writeClipboard(text).then(
      () => setStatus(`Copied ${what}`),
      () => setProblem(`The browser did not allow copying to the clipboard: select the ${what} above and copy it by hand.`),
    );
  };

  return (
    <SideSection section="share" title="Share" className="share">
      <div className="share__row">
        <select
          aria-label="Copy as"
          value={target}
          onChange={(event) => {
            setTarget(event.target.value as CopyTarget | '');
            setStatus('');
            setProblem(null);
          }}
        >
          <option value="" disabled>
            Copy as…
          </option>
          {COPY_TARGETS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        {snippet?.ok ? (
          <button type="button" className="button" onClick={() => copy(snippet.value, 'command')}>
            Copy command
          </button>
        ) : null}
        <label className="share__check" title="Off: tokens, keys, passwords and credentials are replaced by environment variables such as $TOKEN">
          <input type="checkbox" checked={commandSecrets} onChange={(event) => setCommandSecrets(event.target.checked)} />
          Include secrets in command
        </label>
      </div>
      {snippet ? (
        snippet.ok ? (
          <pre className="share__snippet" tabIndex={0}>
            {snippet.value}
          </pre>
        ) : (
          <p className="hint share__note">{snippet.error}</p>
        )
      ) : null}
      <div className="share__row">
        <button
          type="button"
          className="button"
          onClick={() => {
            setLinkShown(true);
            copy(link.href, 'link');
          }}
        >
          Copy link
        </button>
        <label className="share__check">
          <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} />
          Include secrets in link
        </label>
      </div>
      {linkShown ? (
        <>
          <p className="share__link" tabIndex={0}>
            <code>{link.href}</code>
          </p>
          <p className="hint share__note">
            {link.removed.length > 0
              ? `Left out of the link: ${link.removed.join(', ')}. Tick “Include secrets in link” to keep them.`
              : 'Opening the link fills the fields in; it never connects by itself.'}
          </p>
        </>
      ) : null}
      <p className="share__status" role="status" aria-label="Share status" aria-live="polite">
        {status}
      </p>
      <Alert message={problem} />
    </SideSection>
  );
}
