import { useSession } from '../store/appStore';

/** What the handshake settled: URL, subprotocol, extensions and how long it took. */
export function ConnectionDetails({ id }: { id: string }) {
  const negotiated = useSession(id, (s) => s.negotiated);
  const openedUrl = useSession(id, (s) => s.openedUrl);
  const readyState = useSession(id, (s) => s.readyState);
  if (!negotiated || !openedUrl) return null;
  return (
    <dl className="details" aria-label="Negotiated details">
      <div>
        <dt>Endpoint</dt>
        <dd>{openedUrl}</dd>
      </div>
      <div>
        <dt>Subprotocol</dt>
        <dd>{negotiated.protocol || 'none'}</dd>
      </div>
      <div>
        <dt>Extensions</dt>
        <dd>{negotiated.extensions || 'none'}</dd>
      </div>
      <div>
        <dt>Handshake</dt>
        <dd>{negotiated.handshakeMs} ms</dd>
      </div>
      {readyState === 'CLOSED' ? <p className="details__note">(last connection)</p> : null}
    </dl>
  );
}
