import type { LogEntry } from '../store/logEntry';

/** File name for a downloaded payload: `message-<seq>.txt` for text, `.bin` for binary. */
export function payloadFilename(entry: Pick<LogEntry, 'seq' | 'data'>): string {
  return `message-${entry.seq}.${typeof entry.data === 'string' ? 'txt' : 'bin'}`;
}

/** The whole payload as a Blob: text as UTF-8, binary byte for byte. */
export function payloadBlob(entry: Pick<LogEntry, 'data'>): Blob {
  return typeof entry.data === 'string'
    ? new Blob([entry.data], { type: 'text/plain;charset=utf-8' })
    : new Blob([entry.data], { type: 'application/octet-stream' });
}

/** How long an object URL is kept after the download starts (browsers read it asynchronously). */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves the whole payload, whatever its size, through a Blob, an object URL and a temporary
 * `<a download>`; returns the file name.
 */
export function downloadPayload(entry: Pick<LogEntry, 'seq' | 'data'>, doc: Document = document): string {
  const filename = payloadFilename(entry);
  const url = URL.createObjectURL(payloadBlob(entry));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
  return filename;
}
