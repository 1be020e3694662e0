/** Which rows of a virtual list of equal-height rows to render: `start` up to (not including) `end`. */
export interface RowWindow {
  start: number;
  end: number;
}

export interface RowWindowInput {
  count: number;
  /** Scroll offset of the list, in px (ignored while following). */
  scrollTop: number;
  /** Height of the list's viewport, in px (0 before it is measured). */
  viewHeight: number;
  rowHeight: number;
  /** Rows rendered beyond the viewport on each side, so scrolling shows no gap. */
  overscan: number;
  /** Pinned to the newest row: the window is the end of the list, whatever the scroll offset says yet. */
  following: boolean;
}

/**
 * The rows on screen (and `overscan` more each side). While following, the window is the last
 * rows straight away: the list renders the newest rows in the same pass that adds them, rather
 * than first at the old offset and again once its scroll to the end is reported.
 */
export function rowWindow({ count, scrollTop, viewHeight, rowHeight, overscan, following }: RowWindowInput): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  // Rows that can be at least partly visible at once (one more when the top row is cut).
  const visible = Math.max(1, Math.ceil(Math.max(0, viewHeight) / rowHeight) + 1);
  if (following) return { start: Math.max(0, count - visible), end: count };
  const first = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + visible + overscan) };
}

/**
 * The scroll offset that brings row `index` into view with the least movement (unchanged when it
 * is fully visible already).
 */
export function scrollTopFor(index: number, scrollTop: number, viewHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  const bottom = top + rowHeight;
  return bottom > scrollTop + viewHeight ? Math.max(0, bottom - viewHeight) : scrollTop;
}
