import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { List, type ListImperativeAPI, type RowComponentProps } from 'react-window';
import { formatCount } from '../format/count';
import type { LogView } from '../log/filteredLog';
import { LogRow, ROW_HEIGHT } from './LogRow';
import type { TextPattern } from '../log/textPattern';
import type { EntryDecoder } from './useDecoder';
import { usePreviewChars } from './usePreviewChars';

/** How close to the end (in pixels) still counts as "at the newest entry". */
const AT_END_SLACK = ROW_HEIGHT;

interface LogListProps {
  view: LogView;
  version: number;
  /** Seq of the entry open in Message details. */
  selectedSeq: number | null;
  onOpen: (seq: number) => void;
  /** Seq of the newest entry ever logged, to count what arrived below while scrolled away. */
  lastSeq: number;
  /** What rows mark as matching the filter, or null. */
  highlight?: TextPattern | null;
  /** The running protocol's decoder: rows on screen show the decoded summary. */
  decoder?: EntryDecoder | null;
}

interface RowProps {
  /** Characters of payload a row shows at most. */
  previewChars: number;
  view: LogView;
  /** Changes whenever the log does, so rows re-read their entry. */
  version: number;
  selectedSeq: number | null;
  activeSeq: number | null;
  onOpen: (seq: number) => void;
  highlight: TextPattern | null;
  decoder: EntryDecoder | null;
}

function Row({ index, style, view, selectedSeq, activeSeq, onOpen, highlight, decoder, previewChars }: RowComponentProps<RowProps>) {
  const entry = view.at(index);
  if (!entry) return <div style={style} />;
  const previous = index > 0 ? view.at(index - 1) : undefined;
  return (
    <LogRow
      entry={entry}
      deltaMs={previous ? entry.at - previous.at : null}
      style={style}
      selected={entry.seq === selectedSeq}
      active={entry.seq === activeSeq}
      onOpen={onOpen}
      highlight={highlight}
      decoded={decoder ? decoder(entry) : null}
      previewChars={previewChars}
    />
  );
}

/** Keys that move the keyboard cursor through the log, and by how many rows. */
const CURSOR_KEYS: Record<string, (index: number, count: number, page: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, _c, page) => i + page,
  PageUp: (i, _c, page) => i - page,
  Home: () => 0,
  End: (_i, count) => count - 1,
};

/**
 * The virtualised log (react-window: with one row height, placing rows is arithmetic, so a
 * growing log costs nothing per frame). It follows the newest entry while the user is at the
 * end; once the user scrolls up it stays put and offers `Jump to latest` with the count of newer
 * entries.
 */
export function LogList({ view, version, lastSeq, selectedSeq, onOpen, highlight = null, decoder = null }: LogListProps) {
  // Plain useRef (what useListRef is): the React Compiler lint then knows it is a ref.
  const listRef = useRef<ListImperativeAPI>(null);
  const [following, setFollowing] = useState(true);
  const [seqWhenLeft, setSeqWhenLeft] = useState(0);
  // The rows' previews are as long as what fits across the log.
  const count = view.length;
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const previewChars = usePreviewChars(box, count > 0);
  const lastSeqRef = useRef(lastSeq);
  useLayoutEffect(() => {
    lastSeqRef.current = lastSeq;
  });

  // After every change of the log: stay pinned to the end while following; otherwise keep the
  // rows the user is reading in place when older entries are trimmed from above them.
  const droppedRef = useRef({ view, dropped: view.dropped });
  useLayoutEffect(() => {
    const el = listRef.current?.element;
    const before = droppedRef.current;
    const shift = before.view === view ? view.dropped - before.dropped : 0;
    droppedRef.current = { view, dropped: view.dropped };
    if (!el) return;
    if (following) el.scrollTop = el.scrollHeight;
    else if (shift > 0) el.scrollTop = Math.max(0, el.scrollTop - shift * ROW_HEIGHT);
  }, [version, count, following, view, listRef]);

  const onScroll = useCallback(() => {
    const el = listRef.current?.element;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_SLACK;
    setFollowing((was) => {
      if (was && !atEnd) setSeqWhenLeft(lastSeqRef.current);
      return atEnd;
    });
  }, [listRef]);

  // The keyboard cursor: arrow keys move it, Enter on it opens the entry.
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  const focusSeq = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focusSeq.current === null) return;
    const row = listRef.current?.element?.querySelector<HTMLElement>(`[data-seq="${focusSeq.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusSeq.current = null;
    }
  });
  const onKeyDown = (event: KeyboardEvent) => {
    const move = CURSOR_KEYS[event.key];
    if (!move || count === 0) return;
    event.preventDefault();
    const el = listRef.current?.element;
    const page = el ? Math.max(1, Math.floor(el.clientHeight / ROW_HEIGHT) - 1) : 10;
    const current = activeSeq === null ? -1 : view.indexOf(activeSeq);
    const from = current === -1 ? (event.key === 'ArrowUp' ? count : -1) : current;
    const index = Math.min(count - 1, Math.max(0, move(from, count, page)));
    const entry = view.at(index);
    if (!entry) return;
    setActiveSeq(entry.seq);
    focusSeq.current = entry.seq;
    if (index < count - 1) setFollowing(false);
    listRef.current?.scrollToRow({ index, align: 'smart' });
  };
  const open = useCallback(
    (seq: number) => {
      setActiveSeq(seq);
      onOpen(seq);
    },
    [onOpen],
  );

  const jumpToLatest = () => {
    const el = listRef.current?.element;
    // eslint-disable-next-line react-hooks/immutability -- a click handler scrolling the list's DOM element, not a write during render
    if (el) el.scrollTop = el.scrollHeight;
    setFollowing(true);
  };

  const newBelow = following ? 0 : Math.max(0, lastSeq - seqWhenLeft);
  return (
    <div className="log-list" ref={setBox}>
      <List
        listRef={listRef}
        className="log-scroll"
        role="log"
        aria-label="Messages"
        // NOTE: a log is a polite live region by default; a firehose would then be read message by
        // message (and rows re-rendered by scrolling read again). The Announcer summarises instead.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        rowComponent={Row}
        rowCount={count}
        rowHeight={ROW_HEIGHT}
        rowProps={{ view, version, selectedSeq, activeSeq, onOpen: open, highlight, decoder, previewChars }}
        overscanCount={8}
      >
        {count === 0 ? <p className="log-empty">No entries yet. Connect, then send a message.</p> : null}
      </List>
      {!following ? (
        <button type="button" className="jump-latest" aria-label="Jump to latest" onClick={jumpToLatest}>
          ↓ Jump to latest{newBelow > 0 ? ` (${formatCount(newBelow)} new below)` : ''}
        </button>
      ) : null}
    </div>
  );
}
