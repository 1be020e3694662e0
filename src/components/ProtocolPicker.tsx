import { PROTOCOL_CHOICES, type ProtocolChoice } from '../protocol/sessions/types';
import { setDraft } from '../store/connectionActions';
import { useSession } from '../store/appStore';

/** `Protocol`: Auto (picks from the subprotocol, the URL or the first frames), Raw, or one protocol; says what runs. */
export function ProtocolPicker({ id }: { id: string }) {
  const choice = useSession(id, (s) => s.drafts.protocol);
  // Auto that found nothing says so in the tooltip, so the bar keeps its height for Raw.
  const rawNote = useSession(id, (s) => (s.protocol && !s.protocol.id ? s.protocol.reason : ''));
  return (
    <>
      <select
        aria-label="Protocol"
        className="endpoint__protocol"
        value={choice}
        title={rawNote || 'The protocol spoken on top of WebSocket; used from the next Connect'}
        onChange={(event) => setDraft(id, { protocol: event.target.value as ProtocolChoice })}
      >
        {PROTOCOL_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** What the running protocol is and how it was picked (shown under the bar, so the bar keeps one line). */
export function ProtocolPicked({ id }: { id: string }) {
  const label = useSession(id, (s) => (s.protocol?.id ? s.protocol.label : null));
  const reason = useSession(id, (s) => s.protocol?.reason ?? '');
  if (!label) return null;
  return (
    <span className="endpoint__protocol-picked" data-testid="protocol-picked">
      {label}
      {reason === 'chosen' ? '' : ` (${reason})`}
    </span>
  );
}
