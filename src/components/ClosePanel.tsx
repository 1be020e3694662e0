import { useSession } from '../store/appStore';
import { setDraft } from '../store/connectionActions';
import { Alert } from './Alert';
import { SideSection } from './SideSection';

/** The close code and reason that `Disconnect` sends. */
export function ClosePanel({ id }: { id: string }) {
  const closeCode = useSession(id, (s) => s.drafts.closeCode);
  const closeReason = useSession(id, (s) => s.drafts.closeReason);
  const problem = useSession(id, (s) => s.problems.close);
  return (
    <SideSection section="closing" title="Closing" className="close-panel">
      <div className="close-panel__fields">
        <label>
          <span>Code</span>
          <input
            aria-label="Close code"
            inputMode="numeric"
            placeholder="1000"
            value={closeCode}
            onChange={(event) => setDraft(id, { closeCode: event.target.value })}
          />
        </label>
        <label>
          <span>Reason</span>
          <input
            aria-label="Close reason"
            placeholder="optional, at most 123 bytes"
            value={closeReason}
            onChange={(event) => setDraft(id, { closeReason: event.target.value })}
          />
        </label>
      </div>
      <p className="hint">Used by Disconnect. Empty code: no code. Browsers may send only 1000 or 3000-4999.</p>
      <Alert message={problem} />
    </SideSection>
  );
}
