// @ts-check
/** Vite plugin that serves the Local Echo WebSocket endpoints from the dev and preview servers. */
import { announceLocalEcho } from './announceLocalEcho.js';
import { attachLocalEcho } from './localEcho.js';

/**
 * Attaches Local Echo to a Vite server's HTTP server (absent in middleware mode) and detaches on close.
 * @param {import('vite').ViteDevServer | import('vite').PreviewServer} server
 */
function attach(server) {
  const httpServer = server.httpServer;
  if (!httpServer) return;
  const echo = attachLocalEcho(httpServer, { log: (line) => server.config.logger.info(line) });
  httpServer.once('close', () => void echo.close());
}

/**
 * The `local-echo` Vite plugin: /echo, /ticker, /close, /drop, /proto, /firehose and /big on the dev and preview servers.
 * @returns {import('vite').Plugin}
 */
export function localEchoPlugin() {
  return {
    name: 'local-echo',
    configureServer: attach,
    configurePreviewServer: attach,
    // Only the dev server runs Local Echo beside the page; a build must not claim it.
    transformIndexHtml: (html, ctx) => (ctx.server ? announceLocalEcho(html) : html),
  };
}
