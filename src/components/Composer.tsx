import { discardAttachment, send, setDraft } from '../store/connectionActions';
import { formatBytes } from '../format/bytes';
import { useSession } from '../store/appStore';
import { COMPOSER_INLINE_LIMIT } from '../compose/attachment';
import { formatLabel, MESSAGE_FORMATS, needsBinaryCodecs, type MessageFormat } from '../compose/formats';
import { loadBinaryCodecs } from '../codecs/binary/load';
import { ProtoControls } from './details/ProtoControls';
import { Alert } from './Alert';
import { RepeatControls } from './RepeatControls';
import { ProtocolVerbs } from './ProtocolVerbs';

/** Sets the composer's format; a binary codec's chunk starts loading now, so Send need not wait for it. */
function chooseFormat(id: string, format: MessageFormat): void {
  setDraft(id, { format });
  if (needsBinaryCodecs(format)) void loadBinaryCodecs().catch(() => undefined);
}

/** The message body, its format and Send (also Ctrl/Cmd+Enter). The body is kept after sending. */
export function Composer({ id }: { id: string }) {
  const message = useSession(id, (s) => s.drafts.message);
  const format = useSession(id, (s) => s.drafts.format);
  const problem = useSession(id, (s) => s.problems.composer);
  const attachment = useSession(id, (s) => s.attachment);
  const hint = MESSAGE_FORMATS.find((f) => f.value === format)?.hint;
  const url = useSession(id, (s) => s.drafts.url);
  // The running protocol's verbs take room: the raw message box gets shorter (it stays available).
  const verbs = useSession(id, (s) => Boolean(s.protocol?.id));

  return (
    <section className="composer" aria-label="Composer">
      <ProtocolVerbs id={id} />
      <div className="composer__head">
        <h2>Message</h2>
        <select aria-label="Format" value={attachment?.format ?? format} disabled={attachment !== null} onChange={(event) => chooseFormat(id, event.target.value as MessageFormat)}>
          {MESSAGE_FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {format === 'protobuf' && !attachment ? <ProtoControls url={url} /> : null}
      {attachment ? (
        <div className="composer__attachment" role="group" aria-label="Attached message">
          <p>
            {attachment.seq === null
              ? `Pasted ${formatLabel(attachment.format)}, ${formatBytes(attachment.size)}: too large to edit here, so Send checks and sends it as it is.`
              : `Message #${attachment.seq} from the log, ${formatBytes(attachment.size)} ${typeof attachment.data === 'string' ? 'of text' : 'of binary'}: too large to edit here, so Send sends its original bytes.`}
          </p>
          <button type="button" className="button" onClick={() => discardAttachment(id)}>
            Discard attached message
          </button>
        </div>
      ) : null}
      <textarea
        hidden={attachment !== null}
        aria-label="Message"
        className={verbs ? 'composer__body composer__body--short' : 'composer__body'}
        spellCheck={false}
        rows={verbs ? 3 : 6}
        placeholder={format === 'hex' ? 'de ad be ef' : format === 'json' || needsBinaryCodecs(format) ? '{"type": "hello"}' : 'Type a message'}
        value={message}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => setDraft(id, { message: event.target.value })}
        onPaste={(event) => {
          // NOTE: a huge paste never reaches the textarea, which would take seconds per keystroke after it.
          const text = event.clipboardData.getData('text');
          if (text.length > COMPOSER_INLINE_LIMIT) {
            event.preventDefault();
            setDraft(id, { message: text });
          }
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send(id);
          }
        }}
      />
      <p className="hint">{hint} Ctrl+Enter sends.</p>
      <Alert message={problem} />
      <button type="button" className="button button--primary composer__send" onClick={() => send(id)}>
        Send
      </button>
      <RepeatControls id={id} />
    </section>
  );
}
