import { toBase64 } from '../codecs/base64';
import { toHex } from '../codecs/hex';
import type { LogEntry, MessageFormat } from '../store/logEntry';

/** What `Resend` puts into the composer. */
export interface ResendDraft {
  message: string;
  format: MessageFormat;
}

/** The JSON a binary format encodes back to exactly these bytes, or null (see exactJsonFor). */
export type ExactJson = (bytes: Uint8Array, format: 'msgpack' | 'cbor' | 'protobuf') => string | null;

/**
 * The composer contents that would send an entry's payload again: text stays text (JSON if it was
 * sent as JSON); binary sent as MessagePack, CBOR or Protobuf comes back as its JSON when that
 * encodes to the same bytes; any other binary becomes hex (base64 if it was sent as base64), so
 * the same bytes go out.
 */
export function resendDraft(entry: Pick<LogEntry, 'data' | 'format'>, exactJson?: ExactJson): ResendDraft {
  const { data, format } = entry;
  if (typeof data === 'string') return { message: data, format: format === 'json' ? 'json' : 'text' };
  const bytes = new Uint8Array(data);
  if (format === 'msgpack' || format === 'cbor' || format === 'protobuf') {
    const json = exactJson?.(bytes, format);
    if (json != null) return { message: json, format };
  }
  return format === 'base64' ? { message: toBase64(bytes), format: 'base64' } : { message: toHex(bytes), format: 'hex' };
}
