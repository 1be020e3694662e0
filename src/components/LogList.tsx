import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatCount } from '../format/count';
import type { LogView } from '../log/filteredLog';
import { rowWindow, scrollTopFor } from '../log/rowWindow';
import { LogRow, ROW_HEIGHT } from './LogRow';
import type { TextPattern } from '../log/textPattern';
import type { EntryDecoder } from './useDecoder';
import { usePreviewChars } from './usePreviewChars';

/** How close to the end (in pixels) still counts as "at the newest entry". */
const AT_END_SLACK = ROW_HEIGHT;
/** Rows rendered above and below the viewport while the user scrolls. */
const OVERSCAN = 8;

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
 * The virtualised log: rows of one height, so placing them is arithmetic and a growing log costs
 * nothing per frame. It follows the newest entry while the user is at the end (rendering the
 * newest rows in the very pass that adds them: one render and one layout per flush); once the user
 * scrolls up it stays put and offers `Jump to latest` with the count of newer entries.
 * NOTE: not react-window's List: that one learns of the scroll to the end only from the scroll
 * event, so under a firehose every flush rendered and laid out the rows twice (measured).
 */
export function LogList({ view, version, lastSeq, selectedSeq, onOpen, highlight = null, decoder = null }: LogListProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [seqWhenLeft, setSeqWhenLeft] = useState(0);
  // Where the user has scrolled to (used only while not following) and how tall the viewport is.
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(0);
  const count = view.length;
  // NOTE: a log shown with its entries already there (an imported log, a tab shown again) opens at
  // its oldest entry; following pins it to the newest once the log changes.
  const [versionAtMount] = useState(version);
  const pinned = following && version !== versionAtMount;
  const countRef = useRef(count);
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const previewChars = usePreviewChars(box, count > 0);
  const lastSeqRef = useRef(lastSeq);
  const pinnedRef = useRef(pinned);
  useLayoutEffect(() => {
    lastSeqRef.current = lastSeq;
    countRef.current = count;
    pinnedRef.current = pinned;
  });

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    setViewHeight(el.clientHeight);
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // After every change of the log: stay pinned to the end while following; otherwise keep the
  // rows the user is reading in place when older entries are trimmed from above them.
  const droppedRef = useRef({ view, dropped: view.dropped });
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const before = droppedRef.current;
    const shift = before.view === view ? view.dropped - before.dropped : 0;
    droppedRef.current = { view, dropped: view.dropped };
    if (!el) return;
    // NOTE: only once the rows overflow: writing scrollTop lays the page out at once, inside the task
    // that rendered (the Connect click's, a socket event's), instead of at the frame that lays it out anyway.
    if (pinned) {
      if (count * ROW_HEIGHT > viewHeight) el.scrollTop = count * ROW_HEIGHT;
    } else if (shift > 0) {
      el.scrollTop = Math.max(0, el.scrollTop - shift * ROW_HEIGHT);
      // The window follows now, not when the scroll event comes a frame later.
      setScrollTop(el.scrollTop);
    }
  }, [version, count, pinned, view, viewHeight]);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    // NOTE: the end is known from the row count, so nothing here waits for a layout.
    const atEnd = countRef.current * ROW_HEIGHT - el.scrollTop - el.clientHeight <= AT_END_SLACK;
    setFollowing((was) => {
      if (was && !atEnd) setSeqWhenLeft(lastSeqRef.current);
      return atEnd;
    });
    // While pinned to the end, the window is the end whatever the offset: no render per scroll event.
    if (!atEnd || !pinnedRef.current) setScrollTop(el.scrollTop);
  }, []);

  // The keyboard cursor: arrow keys move it, Enter on it opens the entry.
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  const focusSeq = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focusSeq.current === null) return;
    const row = scrollerRef.current?.querySelector<HTMLElement>(`[data-seq="${focusSeq.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusSeq.current = null;
    }
  });
  const onKeyDown = (event: KeyboardEvent) => {
    const move = CURSOR_KEYS[event.key];
    const el = scrollerRef.current;
    if (!move || count === 0 || !el) return;
    event.preventDefault();
    const page = Math.max(1, Math.floor(el.clientHeight / ROW_HEIGHT) - 1);
    const current = activeSeq === null ? -1 : view.indexOf(activeSeq);
    const from = current === -1 ? (event.key === 'ArrowUp' ? count : -1) : current;
    const index = Math.min(count - 1, Math.max(0, move(from, count, page)));
    const entry = view.at(index);
    if (!entry) return;
    setActiveSeq(entry.seq);
    focusSeq.current = entry.seq;
    if (index < count - 1) setFollowing(false);
    const top = scrollTopFor(index, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    el.scrollTop = top;
    setScrollTop(top);
  };
  const open = useCallback(
    (seq: number) => {
      setActiveSeq(seq);
      onOpen(seq);
    },
    [onOpen],
  );

  const jumpToLatest = () => {
    const el = scrollerRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    setFollowing(true);
  };

  const { start, end } = rowWindow({ count, scrollTop, viewHeight, rowHeight: ROW_HEIGHT, overscan: OVERSCAN, following: pinned });
  const rows = [];
  for (let index = start; index < end; index++) {
    const entry = view.at(index);
    if (!entry) continue;
    const previous = index > 0 ? view.at(index - 1) : undefined;
    rows.push(
      <LogRow
        // NOTE: keyed by entry, so a row that stays on screen keeps its element (and its focus) and,
        // its props unchanged, is not rendered again.
        key={entry.seq}
        entry={entry}
        deltaMs={previous ? entry.at - previous.at : null}
        selected={entry.seq === selectedSeq}
        active={entry.seq === activeSeq}
        onOpen={open}
        highlight={highlight}
        decoded={decoder ? decoder(entry) : null}
        previewChars={previewChars}
      />,
    );
  }
  const newBelow = following ? 0 : Math.max(0, lastSeq - seqWhenLeft);
  return (
    <div className="log-list" ref={setBox}>
      <div
        ref={scrollerRef}
        className="log-scroll"
        role="log"
        aria-label="Messages"
        // NOTE: a log is a polite live region by default; a firehose would then be read message by
        // message (and rows re-rendered by scrolling read again). The Announcer summarises instead.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        {count === 0 ? (
          <p className="log-empty">No entries yet. Connect, then send a message.</p>
        ) : (
          <div className="log-rows" style={{ height: count * ROW_HEIGHT }}>
            <div className="log-rows__window" style={{ transform: `translateY(${start * ROW_HEIGHT}px)` }}>
              {rows}
            </div>
          </div>
        )}
      </div>
      {!following ? (
        <button type="button" className="jump-latest" aria-label="Jump to latest" onClick={jumpToLatest}>
          ↓ Jump to latest{newBelow > 0 ? ` (${formatCount(newBelow)} new below)` : ''}
        </button>
      ) : null}
    </div>
  );
}
