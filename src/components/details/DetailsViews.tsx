import { useMemo, useState } from 'react';
import type { ParseResult } from '../../codecs/result';
import { formatBytes } from '../../format/bytes';
import { formatCount } from '../../format/count';
import { visibleText } from '../../format/visibleText';
import { parsePayload } from '../../log/payloadJson';
import { cutShownText, TEXT_VIEW_MAX_BYTES } from '../../log/textCut';
import type { LogEntry } from '../../store/logEntry';
import { HexDump } from '../HexDump';
import { JsonTree } from '../JsonTree';

/**
 * The payload as UTF-8 text, at most TEXT_VIEW_MAX_BYTES of it. Hidden characters (bidi controls,
 * zero-width characters, controls, lone surrogates) are shown as markers such as ⟨U+202E⟩;
 * `Show raw text` shows the text as it is (still as a text node, never HTML).
 */
export function TextView({ entry }: { entry: LogEntry }) {
  // NOTE: one cut for both ways of showing, bounded by the marked text (markers are longer than
  // what they stand for), so Show raw text never changes how much is shown.
  const cut = useMemo(() => cutShownText(entry.data, entry.size, TEXT_VIEW_MAX_BYTES, visibleText), [entry]);
  const hidden = cut.shown !== cut.text;
  const [raw, setRaw] = useState(false);
  const shown = raw ? cut.text : cut.shown;
  const notShown = entry.size - cut.shownBytes;
  return (
    <>
      {cut.binary ? (
        <p className="message-details__note message-details__note--binary">
          Binary frame shown as UTF-8 text
          {cut.lossy ? '; bytes that are not valid UTF-8 are shown as the replacement character �.' : '.'}
        </p>
      ) : null}
      {hidden ? (
        <p className="message-details__note message-details__note--hidden">
          {raw
            ? 'Showing the raw text: invisible and direction-changing characters take effect and may disguise it.'
            : 'Invisible and control characters are shown as markers such as ⟨U+202E⟩; Copy and Download keep the original.'}{' '}
          <label className="message-details__raw">
            <input type="checkbox" checked={raw} onChange={(event) => setRaw(event.target.checked)} />
            <span>Show raw text</span>
          </label>
        </p>
      ) : null}
      {notShown > 0 ? (
        <p className="message-details__note">
          Showing the first {formatBytes(cut.shownBytes)}; {formatCount(notShown)} bytes ({formatBytes(notShown)}) are not shown. Download payload saves all of it.
        </p>
      ) : null}
      {shown === '' ? <p className="message-details__note">The payload is empty.</p> : <pre className="message-details__text">{shown}</pre>}
    </>
  );
}

/** The payload as a JSON tree, or why it is not JSON (with the position of the error). */
export function JsonView({ entry, early }: { entry: LogEntry; early: ParseResult<unknown> | null }) {
  const parsed = useMemo(() => early ?? parsePayload(entry), [entry, early]);
  if (!parsed.ok) {
    return (
      <p className="message-details__not-json">
        <strong>Not JSON.</strong> {visibleText(parsed.error)}
      </p>
    );
  }
  return <JsonTree value={parsed.value} />;
}

/** The payload's bytes (text as UTF-8) as a lazily rendered hex dump. */
export function HexView({ entry }: { entry: LogEntry }) {
  const bytes = useMemo(() => (typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : new Uint8Array(entry.data)), [entry]);
  return (
    <>
      {typeof entry.data === 'string' ? <p className="message-details__note">Text frame shown as its UTF-8 bytes.</p> : null}
      <HexDump bytes={bytes} />
    </>
  );
}
