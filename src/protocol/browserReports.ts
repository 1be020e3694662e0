/**
 * What each browser engine tells, and where, when a WebSocket fails: pages get no detail (only an
 * `error` event and close code 1006), but the browser's console names the cause, in words that differ
 * between engines. Used only to word explanations; no behaviour depends on the engine.
 */

export type BrowserEngine = 'firefox' | 'chromium' | 'other';

/** The engine running the page, from its user agent string. */
export function browserEngine(userAgent: string): BrowserEngine {
  // NOTE: Chromium-based browsers on iOS say CriOS but run WebKit; Firefox on iOS says FxiOS, also WebKit.
  if (/\bFirefox\/\d/.test(userAgent) && !/\bSeamonkey\//i.test(userAgent)) return 'firefox';
  if (/\b(?:Chrome|Chromium|Edg)\/\d/.test(userAgent)) return 'chromium';
  return 'other';
}

/** The text of a WebSocket `error` entry: that the page gets no detail, and where this browser shows it. */
export function socketErrorText(engine: BrowserEngine): string {
  const base = 'The browser reported a WebSocket error (it gives the page no detail; see the close code).';
  switch (engine) {
    case 'firefox':
      return (
        `${base} Firefox names the cause only in its console (F12): "Firefox can’t establish a connection to the server at …" ` +
        'when the handshake fails (refused, unreachable, an HTTP error status, a subprotocol or extension the page did not offer), ' +
        '"The connection to … was interrupted while the page was loading" when an open connection breaks (e.g. on a frame it rejects).'
      );
    case 'chromium':
      return (
        `${base} Chromium names the cause in its console (F12) after "WebSocket connection to … failed:", e.g. ` +
        '"net::ERR_CONNECTION_REFUSED", "Unexpected response code: 404" or "Could not decode a text frame as UTF-8".'
      );
    default:
      return `${base} The browser's console (F12) may name the cause.`;
  }
}

/**
 * The subprotocol part of the handshake note. A server that picks none of the offered subprotocols breaks
 * the protocol (RFC 6455 4.1): Chromium refuses such a handshake (1006), Firefox opens the connection anyway.
 */
export function subprotocolNote(offered: readonly string[], chosen: string): string {
  if (chosen !== '') return chosen;
  if (offered.length === 0) return 'none';
  return (
    `none: the server chose none of those offered (${offered.join(', ')}); this browser opened the connection anyway ` +
    '(Firefox does; Chromium refuses such a handshake with 1006)'
  );
}
