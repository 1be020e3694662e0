import { isSecretSubprotocol, redactSubprotocols, redactUrl as redactWith } from '../secrets/urlSecrets';

/** What replaces a secret in an exported log. */
export const REDACTED = 'REDACTED';

/**
 * The URL as an export writes it: every secret (see src/secrets/urlSecrets.ts: secret query and
 * fragment values, the user-info) replaced by REDACTED. With `keep`, the URL is returned unchanged.
 */
export function redactUrl(url: string, keep = false): string {
  return keep ? url : redactWith(url, REDACTED);
}

/** The subprotocols (comma-separated) as an export writes them: credential-carrying tokens redacted unless `keep`. */
export function redactProtocols(protocols: string, keep = false): string {
  return keep ? protocols : redactSubprotocols(protocols, REDACTED);
}

const URL_IN_TEXT = /\b(?:wss?|https?):\/\/[^\s"'<>]+/gi;
// Words in free text that may be a subprotocol (`offering subprotocols a, b`).
const WORD_IN_TEXT = /[^\s,"'<>]+/g;

/** Free text (an info entry, an error message) with every URL and credential-carrying subprotocol in it redacted. */
export function redactText(text: string, keep = false): string {
  if (keep) return text;
  const urls = text.includes('://') ? text.replace(URL_IN_TEXT, (url) => redactUrl(url)) : text;
  return urls.replace(WORD_IN_TEXT, (word) => (isSecretSubprotocol(word) ? redactProtocols(word) : word));
}
