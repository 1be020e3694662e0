// @ts-check
/**
 * Which handshake headers a page may set through the agent. The page checks the same list
 * (src/agent/headers.ts) to name the line; the agent checks again, since it trusts no page.
 */

/** Headers that belong to one hop or to the WebSocket handshake itself, never typed by a user. */
export const REFUSED_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'content-length',
]);

/** Why a header name may not be sent, or null when it may. */
export function headerRefusal(/** @type {string} */ name) {
  const lower = name.toLowerCase();
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return `"${name}" is not a valid header name`;
  if (lower.startsWith('sec-websocket-')) return `${name} is set by the WebSocket handshake itself`;
  if (REFUSED_HEADERS.has(lower)) return `${name} is a hop-by-hop or connection header`;
  return null;
}

/** Why a header value may not be sent (control characters), or null. */
export function valueRefusal(/** @type {string} */ value) {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  return /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value) ? 'a header value may not contain control characters' : null;
}
