import { splitSubprotocols } from '../protocol/subprotocols';
import { create } from 'zustand';

/** One URL + subprotocols combination and when it was last connected to. */
export interface RecentEndpoint {
  url: string;
  /** Normalised: tokens joined with ", "; '' for none. */
  subprotocols: string;
  /** Milliseconds since the epoch of the last connect. */
  at: number;
}

export interface HistoryState {
  endpoints: RecentEndpoint[];
  /** Endpoints (URL without query or fragment) whose secret-looking query parameters may be stored. */
  rememberSecretsFor: string[];
}

export const MAX_RECENT_ENDPOINTS = 20;

/** Recent endpoints and the per-endpoint secrets opt-in; shared by every connection tab. */
export const useHistory = create<HistoryState>()(() => ({ endpoints: [], rememberSecretsFor: [] }));

/** `chat, json` / `chat json` / ` chat ,json ` all become `chat, json`. */
export function normalizeSubprotocols(subprotocols: string): string {
  return splitSubprotocols(subprotocols).join(', ');
}

const sameEndpoint = (a: { url: string; subprotocols: string }, url: string, subprotocols: string) =>
  a.url === url && a.subprotocols === subprotocols;

/** Puts a combination first (or moves it there), newest first, at most 20 kept. */
export function recordEndpoint(url: string, subprotocols: string, at: number = Date.now()): void {
  const u = url.trim();
  if (!u) return;
  const p = normalizeSubprotocols(subprotocols);
  useHistory.setState((s) => ({
    endpoints: sortEndpoints([{ url: u, subprotocols: p, at }, ...s.endpoints.filter((e) => !sameEndpoint(e, u, p))]),
  }));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first (ties by URL and subprotocols, so every tab sorts alike), distinct, at most 20. */
export function sortEndpoints(endpoints: readonly RecentEndpoint[]): RecentEndpoint[] {
  const sorted = [...endpoints].sort((a, b) => b.at - a.at || byText(a.url, b.url) || byText(a.subprotocols, b.subprotocols));
  const out: RecentEndpoint[] = [];
  for (const e of sorted) {
    if (out.some((o) => sameEndpoint(o, e.url, e.subprotocols))) continue;
    out.push(e);
    if (out.length === MAX_RECENT_ENDPOINTS) break;
  }
  return out;
}

export function removeEndpoint(url: string, subprotocols: string): void {
  const p = normalizeSubprotocols(subprotocols);
  useHistory.setState((s) => ({ endpoints: s.endpoints.filter((e) => !sameEndpoint(e, url, p)) }));
}

export function clearEndpoints(): void {
  useHistory.setState({ endpoints: [] });
}

export function replaceEndpoints(endpoints: readonly RecentEndpoint[]): void {
  useHistory.setState({ endpoints: sortEndpoints(endpoints) });
}

/** Opts an endpoint in (or out) of storing its secret-looking query parameters. */
export function setRememberSecrets(endpoint: string, remember: boolean): void {
  if (!endpoint) return;
  useHistory.setState((s) => {
    const has = s.rememberSecretsFor.includes(endpoint);
    if (has === remember) return s;
    return { rememberSecretsFor: remember ? [...s.rememberSecretsFor, endpoint] : s.rememberSecretsFor.filter((e) => e !== endpoint) };
  });
}
