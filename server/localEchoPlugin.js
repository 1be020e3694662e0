// @ts-check
/** Vite plugin that serves the Local Echo WebSocket endpoints from the dev and preview servers. */
import { announceAgent } from './agent/announceAgent.js';
import { AGENT_PATH, createAgent } from './agent/agentServer.js';
import { announceLocalEcho } from './announceLocalEcho.js';
import { attachLocalEcho } from './localEcho.js';

/** Vite's own sockets (HMR and its ping), which Vite's listener answers at the HMR path. */
const VITE_PROTOCOLS = new Set(['vite-hmr', 'vite-ping']);

/**
 * Attaches Local Echo and the local agent to a Vite server's HTTP server (absent in middleware mode) and detaches on close.
 * NOTE: Vite registers its HMR 'upgrade' listener before plugins run, and that listener throws on
 * some malformed URLs (an uncaught throw ends the dev server). So Local Echo takes over the upgrade
 * event: it checks every request first and hands only vite-* subprotocols to Vite's listeners.
 * @param {import('vite').ViteDevServer | import('vite').PreviewServer} server
 * @param {ReturnType<typeof createAgent>} agent
 */
function attach(server, agent) {
  const httpServer = server.httpServer;
  if (!httpServer) return;
  const viteListeners = /** @type {import('./localEcho.js').UpgradeHandler[]} */ (httpServer.listeners('upgrade'));
  for (const listener of viteListeners) httpServer.off('upgrade', listener);
  const echo = attachLocalEcho(httpServer, {
    log: (line) => server.config.logger.info(line),
    delegate: {
      wants: (req) => agent.wants(req) || VITE_PROTOCOLS.has(String(req.headers['sec-websocket-protocol'] ?? '').trim()),
      handle: (req, socket, head) => {
        if (agent.wants(req)) return agent.handleUpgrade(req, socket, head);
        for (const listener of viteListeners) listener.call(httpServer, req, socket, head);
      },
    },
  });
  httpServer.once('close', () => void echo.close().then(() => agent.close()));
}

/**
 * The `local-echo` Vite plugin: /echo, /ticker, /close, /drop, /proto, /firehose and /big on the dev and preview servers.
 * @returns {import('vite').Plugin}
 */
export function localEchoPlugin() {
  // One agent (one token) per Vite process, shared by its dev and preview servers.
  const agent = createAgent({ log: (line) => console.log(line) });
  return {
    name: 'local-echo',
    configureServer: (server) => attach(server, agent),
    configurePreviewServer: (server) => attach(server, agent),
    // Only the dev server runs Local Echo and the agent beside the page; a build must not claim them.
    transformIndexHtml: (html, ctx) => (ctx.server ? announceAgent(announceLocalEcho(html), AGENT_PATH, agent.token) : html),
  };
}
