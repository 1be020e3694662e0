import { useLayoutEffect, useState } from 'react';
import { previewCharsFor, ROW_PREVIEW_CHARS } from '../log/rowPreview';

/** Characters in the probe that measures the log's font: enough to average out rounding. */
const PROBE_CHARS = 32;
/** The element that scrolls the rows (its font is theirs), and a row's payload column. */
const SCROLLER = '.log-scroll';
const PAYLOAD = '.log-row__payload';

/** Width of one character of the element's (monospace) font, in px; 0 where nothing is laid out (as in jsdom). */
function charWidth(element: HTMLElement): number {
  const probe = document.createElement('span');
  probe.textContent = '0'.repeat(PROBE_CHARS);
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:0;top:0';
  element.appendChild(probe);
  const width = probe.getBoundingClientRect().width / PROBE_CHARS;
  probe.remove();
  return width;
}

/**
 * How many characters of payload a row of the log in `box` needs: what fits across a row's payload
 * column (across the whole log until a row is there to measure; see previewCharsFor). Measured once
 * the first row is shown and again when the log's width changes, never per render.
 */
export function usePreviewChars(box: HTMLElement | null, hasRows: boolean): number {
  const [chars, setChars] = useState(ROW_PREVIEW_CHARS);
  useLayoutEffect(() => {
    const scroller = box?.querySelector<HTMLElement>(SCROLLER);
    if (!scroller) return;
    let frame: number | null = null;
    let retries = 3;
    let width = -1;
    const measure = () => {
      frame = null;
      width = scroller.clientWidth;
      const column = scroller.querySelector<HTMLElement>(PAYLOAD);
      setChars(previewCharsFor(column ? column.getBoundingClientRect().width : width, charWidth(scroller)));
      // The list may place its first rows a render later: measure their column then.
      if (!column && hasRows && retries-- > 0 && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(measure);
    };
    // NOTE: at the next frame, not in this commit: reading layout here forces it inside the task
    // that rendered (the Connect click's, where it took about 14 ms of 60 here); at a frame the
    // layout is due anyway. Until then rows get ROW_PREVIEW_CHARS, which CSS cuts the same way.
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(measure);
    else measure();
    const observer =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            if (scroller.clientWidth !== width) measure();
          })
        : null;
    observer?.observe(scroller);
    return () => {
      observer?.disconnect();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [box, hasRows]);
  return chars;
}
