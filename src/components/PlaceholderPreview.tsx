import { useMemo } from 'react';
import { expandPlaceholders, PLACEHOLDER_NAMES } from '../compose/placeholders';
import { useSession } from '../store/appStore';
import './Workspace.css';

// Fixed sample values: the preview shows the shape of what is sent, the real values are taken at send time.
const SAMPLE_UUID = '123e4567-e89b-42d3-a456-426614174000';

/** Shows the composer's message with its placeholders filled in (sample values), while it has any `{{`. */
export function PlaceholderPreview({ id }: { id: string }) {
  const message = useSession(id, (s) => s.drafts.message);
  const hasBraces = message.includes('{{');
  // NOTE: the sent count only matters to a message with placeholders; otherwise a firehose of sends would re-render this.
  const sent = useSession(id, (s) => (s.drafts.message.includes('{{') ? s.counters.sent : 0));
  const preview = useMemo(
    // eslint-disable-next-line react-hooks/purity -- {{iso}} previews the time of this edit; the real value is taken at send
    () => (hasBraces ? expandPlaceholders(message, { now: Date.now(), counter: sent + 1, uuid: () => SAMPLE_UUID, random: () => 0.424242 }) : null),
    [hasBraces, message, sent],
  );
  if (!preview) return null;
  return (
    <section className="workspace-card placeholder-preview" aria-label="Placeholder preview">
      <h2>Preview</h2>
      {preview.ok ? (
        <pre className="placeholder-preview__text">{preview.value}</pre>
      ) : (
        // Not role=alert: this is advice while typing; Send raises the alert.
        <p className="placeholder-preview__problem">Will not be sent: {preview.error}</p>
      )}
      <p className="hint">
        Filled in when sent, with sample values here. Placeholders: {PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(' ')}.
      </p>
    </section>
  );
}
