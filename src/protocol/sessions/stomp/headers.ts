import type { ParseResult } from '../../../codecs/result';

/** Headers the verbs set themselves, so typing them in `STOMP headers` would contradict the frame. */
const SET_BY_VERB = new Set(['destination', 'content-length', 'receipt']);

/**
 * Reads `STOMP headers`: one `name: value` a line (blank lines skipped), the first colon
 * splitting. An error names the line and why.
 */
export function parseStompHeaders(text: string): ParseResult<Record<string, string>> {
  const headers: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    const where = `STOMP headers, line ${i + 1}`;
    if (colon < 0) return { ok: false, error: `${where}: write name: value ("${line.slice(0, 40)}" has no colon)` };
    const name = line.slice(0, colon).trim();
    if (!name) return { ok: false, error: `${where}: the header name is empty` };
    if (/[\s\0]/.test(name)) return { ok: false, error: `${where}: the header name "${name.slice(0, 40)}" has a space or a NUL in it` };
    const lower = name.toLowerCase();
    if (SET_BY_VERB.has(lower)) return { ok: false, error: `${where}: ${lower} is set for you${lower === 'destination' ? ' (use Destination)' : ''}` };
    if (line.includes('\0')) return { ok: false, error: `${where}: a NUL byte would end the frame` };
    if (name in headers) return { ok: false, error: `${where}: ${name} is given twice` };
    headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, value: headers };
}

/** STOMP's acknowledgement modes for SUBSCRIBE (here, not in module.ts, so the verbs do not pull the parser into the first load). */
export const ACK_MODES = ['auto', 'client', 'client-individual'] as const;
export type AckMode = (typeof ACK_MODES)[number];
