import { memo, type CSSProperties } from 'react';
import { formatBytes } from '../format/bytes';
import { formatClock, formatDuration } from '../format/time';
import { describeClose, directionLabel, explainClose, isBinary, previewEntry } from '../log/entryText';
import { visibleSegments } from '../log/highlight';
import { visibleText } from '../format/visibleText';
import { ROW_PREVIEW_CHARS } from '../log/rowPreview';
import type { LogEntry } from '../store/logEntry';
import type { TextPattern } from '../log/textPattern';
import type { DecodedFrame } from '../protocol/sessions/types';

/**
 * Height of every row in pixels.
 * NOTE: one height for all rows means the list never measures and never re-places rows when the
 * bounded log drops old entries; long close explanations are in the row's text, its title and the bar.
 */
export const ROW_HEIGHT = 26;

interface LogRowProps {
  entry: LogEntry;
  /** Time since the entry shown above it, null for the first. */
  deltaMs: number | null;
  /** Position from a virtual list that places each row itself (the log's rows are in flow). */
  style?: CSSProperties;
  /** Open in Message details. */
  selected: boolean;
  /** The keyboard cursor: the one row in the tab order. */
  active: boolean;
  onOpen: (seq: number) => void;
  /** The filter's pattern: its matches in the payload are marked. */
  highlight?: TextPattern | null;
  /** The frame decoded by the running protocol (its summary is shown; a parse error beside the raw frame). */
  decoded?: DecodedFrame | null;
  /** Characters of payload the row shows at most (what fits across the log). */
  previewChars?: number;
}

/** One log entry on one line; payloads are rendered as text nodes, never as HTML. */
export const LogRow = memo(function LogRow({ entry, deltaMs, style, selected, active, onOpen, highlight = null, decoded = null, previewChars = ROW_PREVIEW_CHARS }: LogRowProps) {
  const explanation = explainClose(entry);
  const isMessage = entry.kind === 'sent' || entry.kind === 'received';
  const summary = decoded && !decoded.error ? decoded.summary : null;
  // NOTE: only payloads are cut to what fits; the app's own notes are short and read whole (by screen readers too).
  const text = entry.kind === 'close' ? describeClose(entry) : summary !== null ? summary : previewEntry(entry, isMessage ? previewChars : ROW_PREVIEW_CHARS);
  return (
    <div
      className={`log-row log-row--${entry.kind}${entry.auto ? ' log-row--auto' : ''}${selected ? ' log-row--selected' : ''}`}
      data-kind={entry.kind}
      data-housekeeping={entry.auto ? 'true' : undefined}
      data-decoded={summary !== null ? 'true' : decoded?.error ? 'error' : undefined}
      data-seq={entry.seq}
      style={style}
      tabIndex={active ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(entry.seq)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(entry.seq);
      }}
      title={explanation ?? (summary !== null ? `Raw frame: ${previewEntry(entry)}` : undefined)}
    >
      <time className="log-row__time" dateTime={new Date(entry.at).toISOString()}>
        {formatClock(entry.at)}
      </time>
      <span className="log-row__delta" title="Time since the entry above">
        {deltaMs === null ? '' : formatDelta(deltaMs)}
      </span>
      <span className="log-row__dir">{directionLabel(entry)}</span>
      <span className="log-row__size">{isMessage ? formatBytes(entry.size) : ''}</span>
      <span className="log-row__payload">
        {isMessage && isBinary(entry) && summary === null ? <span className="log-row__tag">binary</span> : null}
        {entry.auto ? <span className="log-row__tag">auto</span> : null}
        <Highlighted text={text} pattern={highlight} />
        {decoded?.error ? <span className="log-row__protocol-error"> — {visibleText(decoded.error)}</span> : null}
        {explanation ? <span className="log-row__explain"> — {explanation}</span> : null}
      </span>
    </div>
  );
});

/**
 * The text with the filter's matches in <mark>: React text nodes, never HTML. Hidden characters
 * (bidi controls, zero-width, controls) are shown as markers such as ⟨U+202E⟩; matches are found in
 * the raw text first, so highlighting marks what the filter matched.
 */
function Highlighted({ text, pattern }: { text: string; pattern: TextPattern | null }) {
  if (!pattern) return <>{visibleText(text)}</>;
  const segments = visibleSegments(text, pattern);
  if (segments.length === 1 && !segments[0]!.match) return <>{segments[0]!.text}</>;
  return (
    <>
      {segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </>
  );
}

/** "+0 ms", "+850 ms", "+1.25 s", "+2 min 05 s": the gap to the entry above. */
function formatDelta(ms: number): string {
  return `+${formatDuration(Math.max(0, ms))}`;
}
