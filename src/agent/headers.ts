/**
 * The `Headers` field: one `Name: value` a line, checked before anything is sent. The rules match
 * the agent's own (server/agent/headerRules.js, which checks again; a unit test keeps them equal).
 */
import { fail, ok, type ParseResult } from '../codecs/result';
import { isSecretParamName } from '../secrets/urlSecrets';

/** A header as typed: name and value, in the order given. */
export type HeaderPair = [name: string, value: string];

/** Hop-by-hop and framing headers: set per connection, never by a user. */
export const REFUSED_HEADERS: ReadonlySet<string> = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'content-length',
]);

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Parses the Headers field; an error names the line and what is wrong with it. Empty lines are skipped. */
export function parseHeaders(text: string): ParseResult<HeaderPair[]> {
  const pairs: HeaderPair[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const where = `Headers line ${i + 1} (${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line)})`;
    const colon = line.indexOf(':');
    if (colon <= 0) return fail(`${where}: expected "Name: value"`);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) return fail(`${where}: "${name}" is not a valid header name`);
    if (lower.startsWith('sec-websocket-')) return fail(`${where}: ${name} is set by the WebSocket handshake itself and cannot be typed`);
    if (REFUSED_HEADERS.has(lower)) return fail(`${where}: ${name} is a hop-by-hop or connection header and cannot be typed`);
    if (CONTROL.test(value)) return fail(`${where}: the value contains a control character`);
    pairs.push([name, value]);
  }
  return ok(pairs);
}

/** Whether a header's value is a secret: the same word rule as URL parameters (Authorization, Cookie, X-Api-Key, X-Auth-Token…). */
export function isSecretHeader(name: string): boolean {
  return isSecretParamName(name);
}

/** The Headers text with secret values replaced by `[redacted]`; lines that do not parse are kept as typed. */
export function redactHeaders(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0 || !isSecretHeader(line.slice(0, colon).trim())) return line;
      return `${line.slice(0, colon)}: [redacted]`;
    })
    .join('\n');
}
