// @ts-check
/**
 * The page's security policy, in one place: vite.config.ts puts it in the built index.html as a
 * <meta>, serve.js sends it as a header, and the README lists the same headers for other hosts.
 */

/** The Content-Security-Policy of the built page: its own files only, and any socket the user opens. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  // The service worker and the web app manifest: only the app's own files (vite.config.ts makes both).
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** Response headers for every file of the app (frame-ancestors works only as a header, not in a <meta>). */
export const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});
