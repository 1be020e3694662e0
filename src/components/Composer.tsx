import { send, setDraft } from '../store/connectionActions';
import { useSession } from '../store/appStore';
import type { MessageFormat } from '../store/logEntry';
import { Alert } from './Alert';
import { RepeatControls } from './RepeatControls';

const FORMATS: readonly { value: MessageFormat; label: string; hint: string }[] = [
  { value: 'text', label: 'Text', hint: 'Sent as a text frame, exactly as typed.' },
  { value: 'json', label: 'JSON', hint: 'Checked as JSON, then sent as a text frame exactly as typed.' },
  { value: 'hex', label: 'Hex', hint: 'Binary frame. Accepts de ad be ef, deadbeef, de:ad:be:ef, 0xde 0xad.' },
  { value: 'base64', label: 'Base64', hint: 'Binary frame. Standard or URL-safe alphabet.' },
];

/** The message body, its format and Send (also Ctrl/Cmd+Enter). The body is kept after sending. */
export function Composer({ id }: { id: string }) {
  const message = useSession(id, (s) => s.drafts.message);
  const format = useSession(id, (s) => s.drafts.format);
  const problem = useSession(id, (s) => s.problems.composer);
  const hint = FORMATS.find((f) => f.value === format)?.hint;

  return (
    <section className="composer" aria-label="Composer">
      <div className="composer__head">
        <h2>Message</h2>
        <select aria-label="Format" value={format} onChange={(event) => setDraft(id, { format: event.target.value as MessageFormat })}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <textarea
        aria-label="Message"
        className="composer__body"
        spellCheck={false}
        rows={6}
        placeholder={format === 'hex' ? 'de ad be ef' : format === 'json' ? '{"type": "hello"}' : 'Type a message'}
        value={message}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => setDraft(id, { message: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send(id);
          }
        }}
      />
      <p className="hint">{hint} Ctrl+Enter sends.</p>
      <Alert message={problem} />
      <button type="button" className="button button--primary" onClick={() => send(id)}>
        Send
      </button>
      <RepeatControls id={id} />
    </section>
  );
}
