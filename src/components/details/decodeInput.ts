import { parseBase64 } from '../../codecs/base64';
import { fail, ok, type ParseResult } from '../../codecs/result';
import type { LogEntry } from '../../store/logEntry';

/** The bytes to decode: a binary frame's bytes, or a text frame read as base64. */
export function payloadBytes(data: LogEntry['data']): ParseResult<Uint8Array> {
  if (typeof data !== 'string') return ok(new Uint8Array(data));
  const bytes = parseBase64(data);
  return bytes.ok ? bytes : fail(`This text frame is not base64, so it has no bytes to decode (${bytes.error}).`);
}
