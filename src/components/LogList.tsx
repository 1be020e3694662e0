import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { formatCount } from '../format/count';
import type { LogView } from '../log/filteredLog';
import { LogRow, ROW_HEIGHT } from './LogRow';

/** How close to the end (in pixels) still counts as "at the newest entry". */
const AT_END_SLACK = ROW_HEIGHT;

interface LogListProps {
  view: LogView;
  version: number;
  /** Seq of the newest entry ever logged, to count what arrived below while scrolled away. */
  lastSeq: number;
}

/**
 * The virtualised log. It follows the newest entry while the user is at the end; once the
 * user scrolls up it stays put and offers `Jump to latest` with the count of newer entries.
 */
export function LogList({ view, version, lastSeq }: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [seqWhenLeft, setSeqWhenLeft] = useState(0);
  const count = view.length;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    // Constant size and index keys: the library recomputes positions only when the count changes.
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // After every change of the log: stay pinned to the end while following; otherwise keep the
  // rows the user is reading in place when older entries are trimmed from above them.
  const droppedRef = useRef({ view, dropped: view.dropped });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = droppedRef.current;
    const shift = before.view === view ? view.dropped - before.dropped : 0;
    droppedRef.current = { view, dropped: view.dropped };
    if (!el) return;
    if (following) el.scrollTop = el.scrollHeight;
    else if (shift > 0) el.scrollTop = Math.max(0, el.scrollTop - shift * ROW_HEIGHT);
  }, [version, count, following, view]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_SLACK;
    setFollowing((was) => {
      if (was && !atEnd) setSeqWhenLeft(lastSeqRef.current);
      return atEnd;
    });
  }, []);
  const lastSeqRef = useRef(lastSeq);
  lastSeqRef.current = lastSeq;

  const jumpToLatest = () => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    setFollowing(true);
  };

  const newBelow = following ? 0 : Math.max(0, lastSeq - seqWhenLeft);
  return (
    <div className="log-list">
      <div ref={scrollRef} className="log-scroll" role="log" aria-label="Messages" onScroll={onScroll} tabIndex={0}>
        <div className="log-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item, slot) => {
            const entry = view.at(item.index);
            // Keyed by slot: as entries stream past, the same row elements are reused with new text.
            return entry ? <LogRow key={slot} entry={entry} top={item.start} /> : null;
          })}
        </div>
        {count === 0 ? <p className="log-empty">No entries yet. Connect, then send a message.</p> : null}
      </div>
      {!following ? (
        <button type="button" className="jump-latest" aria-label="Jump to latest" onClick={jumpToLatest}>
          ↓ Jump to latest{newBelow > 0 ? ` (${formatCount(newBelow)} new below)` : ''}
        </button>
      ) : null}
    </div>
  );
}
