import { AGENT_PROTOCOL, decodeDataFrame, encodeDataFrame, parseAgentMessage, TOKEN_PREFIX, type AgentMessage, type PageMessage } from '../agent/protocol';
import type { Payload } from './types';
import { messageOf } from '../format/thrown';

/** Where the agent is and the token it wants. */
export interface AgentEndpoint {
  url: string;
  token: string;
}

/** What the page knows about the agent. */
export interface AgentLinkStatus {
  state: 'idle' | 'connecting' | 'ready' | 'unreachable';
  url: string;
  version: string | null;
  /** Why the last attempt failed, in words. */
  message: string | null;
}

/** One upstream's share of the link: data and control messages addressed to its id. */
export interface AgentRoute {
  onData(payload: Payload, at: number): void;
  onMessage(message: AgentMessage, at: number): void;
  /** The control connection ended: the upstream is gone too. */
  onLinkLost(message: string): void;
}

/**
 * The page's one control connection to the local agent, shared by every connection tab that goes
 * through it: upstreams are multiplexed by id; messages wait in a queue until the agent says hello.
 */
export class AgentLink {
  private ws: WebSocket | null = null;
  private endpoint: AgentEndpoint | null = null;
  private nextId = 1;
  private readonly routes = new Map<number, AgentRoute>();
  private queue: (string | Uint8Array)[] = [];
  private readonly listeners = new Set<(status: AgentLinkStatus) => void>();
  private current: AgentLinkStatus = { state: 'idle', url: '', version: null, message: null };

  get status(): AgentLinkStatus {
    return this.current;
  }

  /** Bytes queued toward the agent (shared by all upstreams). */
  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** Calls `listener` on every status change; returns the unsubscribe. */
  subscribe(listener: (status: AgentLinkStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sets where the agent is; a change drops the current control connection (and its upstreams). */
  configure(endpoint: AgentEndpoint | null): void {
    if (endpoint?.url === this.endpoint?.url && endpoint?.token === this.endpoint?.token) return;
    this.endpoint = endpoint;
    this.drop('The agent settings changed');
    this.setStatus({ state: 'idle', url: endpoint?.url ?? '', version: null, message: null });
  }

  /** Opens the control connection if it is not open or opening. */
  ensure(): void {
    if (this.ws || !this.endpoint) {
      if (!this.endpoint) this.setStatus({ ...this.current, state: 'unreachable', message: 'No agent is set: start one with npm run agent and enter its token' });
      return;
    }
    const { url, token } = this.endpoint;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, [AGENT_PROTOCOL, TOKEN_PREFIX + token]);
    } catch (error) {
      this.setStatus({ state: 'unreachable', url, version: null, message: `The browser refused ${url}: ${messageOf(error)}` });
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.setStatus({ state: 'connecting', url, version: null, message: null });
    ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      const at = Date.now();
      if (typeof event.data !== 'string') {
        const frame = decodeDataFrame(event.data);
        if (frame) this.routes.get(frame.id)?.onData(frame.payload, at);
        return;
      }
      const message = parseAgentMessage(event.data);
      if (!message) return;
      if (message.t === 'hello') {
        this.setStatus({ state: 'ready', url, version: message.version, message: null });
        const queued = this.queue;
        this.queue = [];
        for (const item of queued) ws.send(item);
        return;
      }
      if ('id' in message) this.routes.get(message.id)?.onMessage(message, at);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      const wasReady = this.current.state === 'ready';
      const why = wasReady
        ? `The control connection to the local agent at ${url} closed`
        : `No local agent accepted this page at ${url}: none is running, or it refused the token or this page's origin (start one with npm run agent)`;
      this.ws = null;
      this.queue = [];
      this.setStatus({ state: 'unreachable', url, version: null, message: why });
      this.loseRoutes(why);
    };
  }

  /** Registers an upstream; returns its id. */
  add(route: AgentRoute): number {
    const id = this.nextId++;
    this.routes.set(id, route);
    return id;
  }

  /** Forgets an upstream (closed or disposed). */
  remove(id: number): void {
    this.routes.delete(id);
  }

  /** Sends a control message (queued until the agent answers). */
  sendControl(message: PageMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** Sends one data frame for upstream `id`. */
  sendData(id: number, payload: Payload): void {
    this.sendRaw(encodeDataFrame(id, payload));
  }

  private sendRaw(item: string | Uint8Array): void {
    if (this.ws && this.current.state === 'ready') this.ws.send(item);
    else this.queue.push(item);
  }

  private drop(why: string): void {
    const ws = this.ws;
    this.ws = null;
    this.queue = [];
    if (ws) {
      ws.onmessage = ws.onclose = null;
      ws.close();
    }
    this.loseRoutes(why);
  }

  private loseRoutes(why: string): void {
    const routes = [...this.routes.values()];
    this.routes.clear();
    // NOTE: reported after the link's own state is settled, so a route reopening at once finds it consistent.
    for (const route of routes) route.onLinkLost(why);
  }

  private setStatus(status: AgentLinkStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }
}

/** The page's one link to the agent. */
export const agentLink = new AgentLink();
