// @ts-check
/**
 * A server that runs the agent beside the page tells the page with a meta tag carrying the agent's
 * path and token (read by src/agent/agentLink.ts). Only a page of the same origin can read it; the
 * agent also accepts only loopback Host names, so a DNS name rebound to 127.0.0.1 gets nothing.
 */

/** Adds the agent meta tag to an HTML document, just before `</head>`. */
export function announceAgent(/** @type {string} */ html, /** @type {string} */ path, /** @type {string} */ token) {
  const meta = `<meta name="ws-tester-agent" content="${path}" data-token="${token.replace(/[^0-9a-f]/gi, '')}">`;
  return html.includes('</head>') ? html.replace('</head>', `  ${meta}\n  </head>`) : meta + html;
}
