/** Pads a number with leading zeros to the given width. */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local wall-clock time of an epoch timestamp as `HH:MM:SS.mmm`. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * Local date and time to the second: `2024-01-02 03:04:05`.
 * NOTE: not toLocaleString(): its first call in a page loads the locale data (several ms), which
 * landed on the Connect click, where the recent endpoints list re-renders.
 */
export function formatDateTime(epochMs: number): string {
  return `${formatDate(epochMs)} ${formatClock(epochMs).slice(0, 8)}`;
}

/** Local date: `2024-01-02`. */
export function formatDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Human-readable duration: `850 ms`, `1.25 s`, `2 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  // NOTE: negative durations (clock adjustments) are shown as 0 rather than as nonsense.
  const clamped = Math.max(0, ms);
  // NOTE: each branch tests the value after rounding, so 999.6 ms reads "1.00 s", not "1000 ms".
  if (Math.round(clamped) < 1000) return `${Math.round(clamped)} ms`;
  const centiseconds = Math.round(clamped / 10);
  if (centiseconds < 6000) return `${(centiseconds / 100).toFixed(2)} s`;
  const seconds = Math.round(clamped / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.round(clamped / 60000);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}
