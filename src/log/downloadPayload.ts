import { downloadBlob } from '../files/fileIO';
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

/** Saves the whole payload, whatever its size; returns the file name. */
export function downloadPayload(entry: Pick<LogEntry, 'seq' | 'data'>, doc: Document = document): string {
  const filename = payloadFilename(entry);
  downloadBlob(payloadBlob(entry), filename, doc);
  return filename;
}
