import { parseJson } from '../codecs/json';
import { fail, type ParseResult } from '../codecs/result';
import { decodeUtf8 } from '../codecs/utf8';
import type { LogEntry } from '../store/logEntry';

/** Whether the first non-whitespace character opens an object or array (cheap, whatever the size). */
export function startsLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 123 /* { */ || c === 91 /* [ */;
  }
  return false;
}

/** An entry's payload parsed as JSON; binary payloads are tried as UTF-8 text. */
export function parsePayload(entry: LogEntry): ParseResult<unknown> {
  if (typeof entry.data === 'string') return parseJson(entry.data);
  const { text, lossy } = decodeUtf8(new Uint8Array(entry.data));
  if (lossy) return fail('The binary payload is not valid UTF-8 text, so it cannot be JSON.');
  return parseJson(text);
}

/** The payload parsed up front only when it could be an object or array (to pick the first view); null otherwise. */
export function parseEarly(entry: LogEntry): ParseResult<unknown> | null {
  return typeof entry.data === 'string' && startsLikeJson(entry.data) ? parseJson(entry.data) : null;
}
