import { create } from 'zustand';
import { agentLink, type AgentLinkStatus } from '../connection/agentLink';

/** The meta tag by which a server running the agent beside the page announces its path and token. */
export const AGENT_META = 'ws-tester-agent';
/** Where `npm run agent` listens unless told otherwise (server/agent/cli.js). */
export const DEFAULT_AGENT_URL = 'ws://127.0.0.1:8790/agent';
/** localStorage key of the remembered agent URL (the token is never stored). */
const AGENT_URL_KEY = 'ws-tester-agent-url';

/** What the page knows about the local agent, shared by every tab. */
export interface AgentState {
  status: AgentLinkStatus;
  /** The server that served this page runs the agent beside it and told the page its token. */
  servedWithAgent: boolean;
  url: string;
  /** Typed by the user when the page is not served with the agent; memory only. */
  token: string;
}

/** The agent announced by the serving server, if any: its URL on this host and its token. */
function announcedAgent(doc: Document): { url: string; token: string } | null {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${AGENT_META}"]`);
  const path = meta?.content;
  const token = meta?.dataset.token;
  if (!path || !token) return null;
  const { protocol, host } = doc.location;
  return { url: `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`, token };
}

function rememberedUrl(): string {
  try {
    return localStorage.getItem(AGENT_URL_KEY) || DEFAULT_AGENT_URL;
  } catch {
    return DEFAULT_AGENT_URL;
  }
}

const announced = typeof document === 'undefined' ? null : announcedAgent(document);

export const useAgentStore = create<AgentState>()(() => ({
  status: agentLink.status,
  servedWithAgent: announced !== null,
  url: announced?.url ?? rememberedUrl(),
  token: announced?.token ?? '',
}));

agentLink.subscribe((status) => useAgentStore.setState({ status }));
configureLink();

function configureLink(): void {
  const { url, token } = useAgentStore.getState();
  agentLink.configure(token ? { url, token } : null);
}

/** Sets the token pasted from `npm run agent` (kept in memory only). */
export function setAgentToken(token: string): void {
  useAgentStore.setState({ token: token.trim() });
  configureLink();
}

/** Sets the agent's URL and remembers it for next time. */
export function setAgentUrl(url: string): void {
  useAgentStore.setState({ url: url.trim() });
  try {
    localStorage.setItem(AGENT_URL_KEY, url.trim());
  } catch {
    // Not remembered: private mode or full storage; the URL still works for this page.
  }
  configureLink();
}

/** Asks the agent to answer (opens the shared control connection if it is not open). */
export function checkAgent(): void {
  agentLink.ensure();
}
