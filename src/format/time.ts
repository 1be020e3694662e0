/** Pads a number with leading zeros to the given width. */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local wall-clock time of an epoch timestamp as `HH:MM:SS.mmm`. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
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
