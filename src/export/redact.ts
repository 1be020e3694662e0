/** What replaces a secret in an exported log. */
export const REDACTED = 'REDACTED';

/**
 * Query parameter names whose values are secrets: tokens, keys, passwords, signatures, sessions.
 * NOTE: matched anywhere in the name (access_token, X-Api-Key, client_secret, ...): redacting a
 * harmless value costs little, leaking a token costs a lot.
 */
const SECRET_NAME = /token|auth|key|passw|^pass$|pwd|secret|signature|^sig$|session|jwt|credential|bearer|cookie|ticket|^code$/i;

/** Whether a query parameter of this name holds a secret. */
export function isSecretName(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // a malformed escape: test the name as written
  }
  return SECRET_NAME.test(decoded);
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const name = part.slice(0, eq);
      return isSecretName(name) && part.length > eq + 1 ? `${name}=${REDACTED}` : part;
    })
    .join('&');
}

/**
 * The URL with secret query values (token, access_token, auth, key, password, secret, ...) and any
 * password in its user info replaced by REDACTED; the rest is left exactly as written.
 * With `keep`, the URL is returned unchanged.
 */
export function redactUrl(url: string, keep = false): string {
  if (keep || !url) return url;
  let out = url;
  // user:password@host → user:REDACTED@host
  out = out.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`;
  });
  const hash = out.indexOf('#');
  const beforeHash = hash < 0 ? out : out.slice(0, hash);
  const fragment = hash < 0 ? '' : out.slice(hash);
  const q = beforeHash.indexOf('?');
  const path = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const query = q < 0 ? null : beforeHash.slice(q + 1);
  // A fragment such as #access_token=... (OAuth implicit flow) holds secrets too.
  const redactedFragment = fragment.includes('=') ? '#' + redactQuery(fragment.slice(1)) : fragment;
  return path + (query === null ? '' : '?' + redactQuery(query)) + redactedFragment;
}

const URL_IN_TEXT = /\b(?:wss?|https?):\/\/[^\s"'<>]+/gi;

/** Free text (an info entry, an error message) with every URL in it redacted. */
export function redactText(text: string, keep = false): string {
  if (keep || !text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}
