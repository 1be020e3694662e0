// @ts-check
/**
 * `npm run agent`: the local agent alone, on 127.0.0.1 and ::1, for a tester hosted elsewhere.
 * CLI: node server/agent/cli.js [--port 8790] [--allow-origin https://example.org]... [--token HEX] [--quiet]
 * It prints the URL and the token to paste into the page's `Agent token` field.
 */
import { createServer } from 'node:http';
import { closeOnSignals, runIfMain } from '../cliMain.js';
import { SECURITY_HEADERS } from '../csp.js';
import { parseTarget, refuse } from '../requestGuard.js';
import { AGENT_PATH, AGENT_VERSION, createAgent } from './agentServer.js';

/** The port `npm run agent` listens on unless told otherwise. */
export const DEFAULT_AGENT_PORT = 8790;

/**
 * @typedef {{ port?: number, allowOrigins?: string[], token?: string, log?: (line: string) => void,
 *   limits?: Partial<import('./agentServer.js').AgentLimits> }} StandaloneOptions
 */

/** Starts the agent alone on the loopback addresses; resolves once listening on 127.0.0.1 (::1 if available). */
export async function startStandaloneAgent(/** @type {StandaloneOptions} */ options = {}) {
  const agent = createAgent({ token: options.token, allowOrigins: options.allowOrigins, log: options.log, limits: options.limits });
  /** @type {import('node:http').Server[]} */
  const servers = [];
  let port = options.port ?? DEFAULT_AGENT_PORT;
  for (const host of ['127.0.0.1', '::1']) {
    const server = createServer((req, res) => {
      const target = parseTarget(req.url);
      const status = target.ok && target.value.pathname === AGENT_PATH ? 426 : 404;
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(status === 426 ? `Local agent ${AGENT_VERSION}: a WebSocket endpoint for the WebSocket tester\n` : 'Not Found\n');
    });
    server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => socket.destroy());
      if (agent.wants(req)) agent.handleUpgrade(req, socket, head);
      else refuse(socket, { status: 404, reason: `The local agent answers only at ${AGENT_PATH}` });
    });
    const listening = await new Promise((ok, fail) => {
      server.once('error', (err) => (host === '::1' ? ok(false) : fail(err)));
      server.listen(port, host, () => ok(true));
    });
    if (!listening) continue;
    server.on('error', (err) => options.log?.(`[agent] ${err.message}`));
    const address = server.address();
    if (typeof address === 'object' && address) port = address.port;
    servers.push(server);
  }
  return {
    url: `ws://127.0.0.1:${port}${AGENT_PATH}`,
    port,
    token: agent.token,
    async close() {
      await agent.close();
      await Promise.all(servers.map((server) => new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok(undefined));
      })));
    },
  };
}

/** Parses `--port N`, `--allow-origin O` (repeatable), `--token HEX` and `--quiet`. */
export function parseAgentArgs(/** @type {string[]} */ argv) {
  /** @type {{ port: number, allowOrigins: string[], token?: string, quiet: boolean }} */
  const args = { port: DEFAULT_AGENT_PORT, allowOrigins: [], quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!m) throw new Error(`Unknown argument ${JSON.stringify(argv[i])}`);
    const name = m[1];
    if (name === 'quiet') {
      args.quiet = true;
      continue;
    }
    const value = m[2] ?? argv[++i] ?? '';
    if (name === 'port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new Error(`--port needs a port number, got ${JSON.stringify(value)}`);
      args.port = Number(value);
    } else if (name === 'allow-origin') {
      const origin = new URL(value).origin;
      if (origin === 'null') throw new Error(`--allow-origin needs an origin such as https://example.org, got ${JSON.stringify(value)}`);
      args.allowOrigins.push(origin);
    } else if (name === 'token') {
      if (!/^[0-9a-f]{32,128}$/i.test(value)) throw new Error('--token needs 32 to 128 hex digits');
      args.token = value;
    } else throw new Error(`Unknown option --${name}`);
  }
  return args;
}

async function main() {
  const args = parseAgentArgs(process.argv.slice(2));
  const running = await startStandaloneAgent({ ...args, log: args.quiet ? () => {} : (line) => console.log(line) });
  console.log(`Local agent ${AGENT_VERSION} listening at ${running.url} (127.0.0.1 and ::1 only)`);
  console.log(`Token (paste into the tester's Agent token field): ${running.token}`);
  console.log(args.allowOrigins.length
    ? `Pages allowed from: ${args.allowOrigins.join(', ')}`
    : 'No other origin is allowed yet: start with --allow-origin https://where-the-tester-is-hosted');
  closeOnSignals(running);
}

runIfMain(import.meta.url, main);
