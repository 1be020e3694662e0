import { PROTOCOL_CHOICES, type ProtocolChoice } from '../protocol/sessions/types';
import { setDraft } from '../store/connectionActions';
import { useSession } from '../store/appStore';

/** `Protocol`: Auto (picks from the subprotocol, the URL or the first frames), Raw, or one protocol; says what runs. */
export function ProtocolPicker({ id }: { id: string }) {
  const choice = useSession(id, (s) => s.drafts.protocol);
  const label = useSession(id, (s) => s.protocol?.label ?? null);
  const reason = useSession(id, (s) => s.protocol?.reason ?? '');
  return (
    <>
      <select
        aria-label="Protocol"
        className="endpoint__protocol"
        value={choice}
        title="The protocol spoken on top of WebSocket; used from the next Connect"
        onChange={(event) => setDraft(id, { protocol: event.target.value as ProtocolChoice })}
      >
        {PROTOCOL_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {label ? (
        <span className="endpoint__protocol-picked" data-testid="protocol-picked">
          {label}
          {reason === 'chosen' ? '' : ` (${reason})`}
        </span>
      ) : null}
    </>
  );
}
