import { toBase64 } from '../codecs/base64';
import { toHex } from '../codecs/hex';
import { payloadSize } from '../codecs/payload';
import type { Payload } from '../connection/types';
import type { LogEntry, MessageFormat } from '../store/logEntry';

/** What `Resend` puts into the composer. */
export interface ResendDraft {
  message: string;
  format: MessageFormat;
}

/**
 * The composer contents that would send an entry's payload again: text stays text (JSON if it was
 * sent as JSON); binary becomes hex (base64 if it was sent as base64), so the same bytes go out.
 */
export function resendDraft(entry: Pick<LogEntry, 'data' | 'format'>): ResendDraft {
  const { data, format } = entry;
  if (typeof data === 'string') return { message: data, format: format === 'json' ? 'json' : 'text' };
  const bytes = new Uint8Array(data);
  return format === 'base64' ? { message: toBase64(bytes), format: 'base64' } : { message: toHex(bytes), format: 'hex' };
}

/**
 * Payloads above this size are resent as their original bytes rather than written into the
 * composer: 16 MiB as hex would be 48 MB of text in a textarea, and typing would crawl.
 */
export const RESEND_INLINE_LIMIT = 256 * 1024;

/** A payload kept as it was for Send to send again, instead of being typed into the composer. */
export interface ResendAttachment {
  seq: number;
  data: Payload;
  /** The format it is sent as: text stays text, binary stays binary. */
  format: MessageFormat;
  size: number;
}

/** The attachment for an entry too large to put into the composer, or null when it fits as text. */
export function resendAttachment(entry: Pick<LogEntry, 'seq' | 'data' | 'format'>): ResendAttachment | null {
  const size = payloadSize(entry.data);
  if (size <= RESEND_INLINE_LIMIT) return null;
  const format: MessageFormat = typeof entry.data === 'string' ? (entry.format === 'json' ? 'json' : 'text') : entry.format === 'base64' ? 'base64' : 'hex';
  return { seq: entry.seq, data: entry.data, format, size };
}
