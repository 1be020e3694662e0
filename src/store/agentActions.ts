import { findSession } from '../session/registry';
import { getSession, patchSession, setProblem } from './appStore';
import type { AgentDraft } from './agentDraft';
import { MAX_PING_BYTES } from '../agent/protocol';

/** Changes a tab's local-agent settings; Answer pings applies to the open connection at once. */
export function setAgentDraft(id: string, patch: Partial<AgentDraft>): void {
  patchSession(id, (s) => ({ agent: { ...s.agent, ...patch }, problems: { ...s.problems, endpoint: null } }));
  if (patch.answerPings !== undefined) findSession(id)?.setAnswerPings(patch.answerPings);
}

/** Sends a ping frame with the typed payload (at most 125 bytes); a problem gets an alert. */
export function sendPing(id: string): void {
  const state = getSession(id);
  const session = findSession(id);
  if (!state || !session) return;
  const payload = new TextEncoder().encode(state.agent.pingPayload);
  if (payload.length > MAX_PING_BYTES) {
    return setProblem(id, 'endpoint', `Ping not sent: its payload is ${payload.length} bytes; a ping carries at most ${MAX_PING_BYTES}`);
  }
  const failure = session.sendPing(payload);
  setProblem(id, 'endpoint', failure ? `Ping not sent: ${failure}` : null);
}
