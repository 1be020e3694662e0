import { payloadSize } from '../codecs/payload';
import type { Payload } from '../connection/types';
import type { LogEntry } from '../store/logEntry';
import type { MessageFormat } from './formats';

/**
 * Messages above this size are kept beside the composer rather than in its textarea: a browser's
 * textarea takes seconds per keystroke with megabytes in it (measured: 2-5 s with 12 MB of hex).
 */
export const COMPOSER_INLINE_LIMIT = 256 * 1024;

/** A message too large to edit, held for Send: a log entry's payload, or text the user pasted. */
export interface ComposerAttachment {
  /** The log entry it came from (Resend), or null for pasted text. */
  seq: number | null;
  /** The payload as it goes out (`encoded`), or pasted text still to be checked and encoded in `format`. */
  data: Payload;
  encoded: boolean;
  format: MessageFormat;
  /** Bytes of `data` (UTF-8 for text). */
  size: number;
}

/** The attachment for an entry too large to put into the composer, or null when it fits as text. */
export function resendAttachment(entry: Pick<LogEntry, 'seq' | 'data' | 'format'>): ComposerAttachment | null {
  const size = payloadSize(entry.data);
  if (size <= COMPOSER_INLINE_LIMIT) return null;
  const format: MessageFormat =
    typeof entry.data === 'string' ? (entry.format === 'json' ? 'json' : 'text') : entry.format === 'base64' ? 'base64' : 'hex';
  return { seq: entry.seq, data: entry.data, encoded: true, format, size };
}

/** The attachment for typed or pasted text too large for the textarea, or null when it fits. */
export function typedAttachment(text: string, format: MessageFormat): ComposerAttachment | null {
  if (text.length <= COMPOSER_INLINE_LIMIT) return null;
  return { seq: null, data: text, encoded: false, format, size: payloadSize(text) };
}
