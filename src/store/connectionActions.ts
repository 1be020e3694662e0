import { formatCount } from '../format/count';
import { checkCloseCode, checkCloseReason } from '../protocol/closeCodes';
import type { Payload } from '../connection/types';
import { checkUrl, isSimulatorUrl, type UrlCheck } from '../protocol/url';
import { parseSubprotocols } from '../protocol/subprotocols';
import { findSession } from '../session/registry';
import { repeatPlan } from '../session/settings';
import { getSession, patchSession, setProblem } from './appStore';
import { expandPlaceholders, livePlaceholderContext } from '../compose/placeholders';
import { encodeMessage } from './encodeMessage';
import { recordEndpoint } from './historyStore';
import { applyKeepAlive } from './keepAliveActions';
import { ok, type ParseResult } from '../codecs/result';
import { formatLabel, needsBinaryCodecs } from '../compose/formats';
import { binaryCodecs, loadBinaryCodecs } from '../codecs/binary/load';
import { formatBytes } from '../format/bytes';
import { resendDraft } from '../log/resendDraft';
import { exactJsonFor } from '../compose/binaryFormats';
import { resendAttachment, typedAttachment, type ComposerAttachment } from '../compose/attachment';
import type { LogEntry } from './logEntry';
import type { Drafts, Problems } from './sessionState';
import { parseHeaders } from '../agent/headers';
import type { ConnectVia } from '../connection/types';
import type { AgentDraft } from './agentDraft';
import { protocolOptionsOf } from './protocolActions';
import { simulatedProtocol } from '../connection/simulatorProtocols/types';
import { messageOf } from '../format/thrown';

/**
 * What the user does with a connection: each action checks what was typed (an alert and nothing
 * else when it is wrong) and hands the checked values to the connection's session.
 */

/**
 * Changes what the user typed; editing a field clears the alert of its area. A message too large
 * for the textarea becomes the composer's attachment instead (the typed message stays as it was).
 */
export function setDraft(id: string, patch: Partial<Drafts>): void {
  if (patch.message !== undefined) {
    const format = patch.format ?? getSession(id)?.drafts.format ?? 'text';
    const attachment = typedAttachment(patch.message, format);
    if (attachment) {
      const { message: _tooLarge, ...rest } = patch;
      attach(id, attachment);
      if (Object.keys(rest).length) setDraft(id, rest);
      return;
    }
  }
  const area: keyof Problems =
    'url' in patch || 'subprotocols' in patch || 'protocol' in patch ? 'endpoint' : 'message' in patch || 'format' in patch ? 'composer' : 'close';
  patchSession(id, (s) => ({
    drafts: { ...s.drafts, ...patch },
    problems: s.problems[area] ? { ...s.problems, [area]: null } : s.problems,
    ...('url' in patch ? { warning: null } : {}),
  }));
}

/** Checks the URL and subprotocols and, only if both are valid, opens the connection. */
export function connect(id: string): void {
  const state = getSession(id);
  const session = findSession(id);
  if (!state || !session || state.readOnly) return;
  const { url: typedUrl, subprotocols } = state.drafts;
  const isSimulator = isSimulatorUrl(typedUrl);
  const viaAgent = state.agent.connectVia === 'agent';
  if (viaAgent && isSimulator) return setProblem(id, 'endpoint', 'The Simulator runs inside this page: choose Connect via Browser for it');
  const checked: UrlCheck = isSimulator
    ? ok({ url: typedUrl.trim() })
    // The agent is no browser: mixed content does not apply to what it opens.
    : checkUrl(typedUrl, viaAgent || typeof location === 'undefined' ? undefined : location.protocol);
  if (!checked.ok) return setProblem(id, 'endpoint', checked.error);
  const protocols = parseSubprotocols(subprotocols);
  if (!protocols.ok) return setProblem(id, 'endpoint', protocols.error);
  const via = viaAgent ? agentVia(state.agent) : undefined;
  if (via && !via.ok) return setProblem(id, 'endpoint', via.error);
  const protocolOptions = protocolOptionsOf(state.drafts.protocol, state.protocolDraft);
  if (!protocolOptions.ok) return setProblem(id, 'endpoint', protocolOptions.error);
  // MQTT brokers refuse a WebSocket that does not offer `mqtt`: offered for the user, and said so.
  const offerMqtt = state.drafts.protocol === 'mqtt' && protocols.value.length === 0 && !isSimulator;
  if (offerMqtt) {
    protocols.value.push('mqtt');
    setDraft(id, { subprotocols: 'mqtt' });
  }

  const { url, warning } = checked.value;
  recordEndpoint(url, protocols.value.join(', '));
  patchSession(id, (s) => ({
    openedUrl: url,
    warning: warning ?? null,
    problems: { ...s.problems, endpoint: null, close: null },
  }));
  applyKeepAlive(id);
  session.setProtocolChoice(state.drafts.protocol, protocolOptions.value);
  const refusal = session.connect(url, protocols.value, via?.value);
  if (refusal) return setProblem(id, 'endpoint', refusal);
  if (offerMqtt) session.note('MQTT: offered the subprotocol mqtt, which brokers require (Subprotocols was empty)');
  if (isSimulator) {
    const speaks = simulatedProtocol(url, protocols.value, state.drafts.protocol);
    session.note(
      speaks
        ? `Simulator: an endpoint inside this page, no network, speaking ${speaks === 'socketio' ? 'Socket.IO' : 'GraphQL over WebSocket (graphql-transport-ws)'}.`
        : 'Simulator: an endpoint inside this page, no network. It echoes what you send; send /help for its commands.',
    );
  }
  // NOTE: the log's new rows render with the rest of what Connect changed, in one pass, before the
  // socket opens. Left to the next frame, that frame also laid out what the click changed while a
  // firehose was already competing for the CPU: its longest task grew by about 10 ms (traced).
  session.flush();
}

/** The agent options of a tab: Headers checked (an error names the line), TLS and proxy fields as typed. */
function agentVia(agent: AgentDraft): ParseResult<ConnectVia> {
  const headers = parseHeaders(agent.headers);
  if (!headers.ok) return headers;
  const proxy = agent.proxyUrl.trim();
  if (proxy && !/^https?:\/\/[^\s]+$/i.test(proxy)) return { ok: false, error: `Proxy URL must start with http:// or https://, got "${proxy}"` };
  const optional = (value: string) => value.trim() || undefined;
  return ok({
    kind: 'agent',
    options: {
      headers: headers.value,
      answerPings: agent.answerPings,
      verify: agent.verifyCertificate,
      cert: optional(agent.clientCert),
      key: optional(agent.clientKey),
      pfx: optional(agent.pfxPath),
      passphrase: agent.pfxPassphrase || undefined,
      proxy: proxy || undefined,
    },
  });
}

/** Closes with the code and reason typed, if the browser would accept them; otherwise says why and stays open. */
export function disconnect(id: string): void {
  const state = getSession(id);
  const session = findSession(id);
  if (!state || !session) return;
  const code = checkCloseCode(state.drafts.closeCode);
  if (!code.ok) return setProblem(id, 'close', code.error);
  const reason = checkCloseReason(state.drafts.closeReason);
  if (!reason.ok) return setProblem(id, 'close', reason.error);
  if (reason.value && code.value === undefined) {
    return setProblem(id, 'close', 'A close reason needs a close code: enter 1000 or 3000-4999');
  }
  setProblem(id, 'close', null);
  session.disconnect(code.value, reason.value || undefined);
}

/** Sends the composer's message in its format; invalid input or a closed connection gets an alert and nothing is sent. */
export function send(id: string): void {
  const state = getSession(id);
  const session = findSession(id);
  if (!state || !session) return;
  if (session.state !== 'OPEN') {
    return setProblem(id, 'composer', `Not sent: the connection is ${session.state}. Connect first, then send.`);
  }
  const { attachment } = state;
  const { message } = state.drafts;
  const format = attachment ? attachment.format : state.drafts.format;
  if (needsBinaryCodecs(format) && !binaryCodecs()) {
    // The encoder's chunk loads on first use; send again once it is here.
    void loadBinaryCodecs().then(
      () => send(id),
      (error: unknown) => setProblem(id, 'composer', `Not sent: the ${formatLabel(format)} encoder could not be loaded (${messageOf(error)})`),
    );
    return;
  }
  const plan = repeatPlan(state.repeatSettings);
  if (!plan.ok) return setProblem(id, 'composer', `Not sent: ${plan.error}`);
  const { count, intervalMs } = plan.value;
  if (count === 0) return setProblem(id, 'composer', 'Not sent: Repeat count is 0');
  // Placeholders are expanded per send, so a repeat gets a fresh {{counter}}, {{uuid}}… each time.
  const nextPayload = (): ParseResult<Payload> => {
    if (attachment) return attachment.encoded ? { ok: true, value: attachment.data } : encodeMessage(attachment.data as string, attachment.format, state.drafts.url);
    const expanded = expandPlaceholders(message, livePlaceholderContext(session.counters.sent + 1));
    return expanded.ok ? encodeMessage(expanded.value, format, state.drafts.url) : { ok: false, error: `Not sent: ${expanded.error}` };
  };
  const encoded = nextPayload();
  if (!encoded.ok) return setProblem(id, 'composer', encoded.error);
  setProblem(id, 'composer', null);
  if (count > 1) {
    session.startRepeat(format, count, intervalMs, (first) => {
      // An attachment has no placeholders: encode it once, not per send.
      if (first || attachment) return encoded.value;
      const next = nextPayload();
      return next.ok ? next.value : encoded.value;
    });
    return;
  }
  const failure = session.send(encoded.value, format);
  if (failure) setProblem(id, 'composer', `Not sent: ${failure}`);
}

/**
 * Puts an entry back for sending: into the composer when it fits as text, otherwise as an
 * attachment that Send sends byte for byte. Returns what was done, for the details' status line.
 */
export function resend(id: string, entry: LogEntry): string {
  const attachment = resendAttachment(entry);
  if (attachment) {
    attach(id, attachment);
    return `Message #${entry.seq} (${formatBytes(attachment.size)}) is attached to the composer as it was; press Send to send the same bytes.`;
  }
  const url = getSession(id)?.drafts.url ?? '';
  const draft = resendDraft(entry, (bytes, format) => exactJsonFor(bytes, format, url));
  patchSession(id, { attachment: null });
  setDraft(id, draft);
  return `Put into the composer as ${formatLabel(draft.format)}; press Send to send it.`;
}

/** Holds a message too large for the textarea beside the composer; it replaces any alert there. */
function attach(id: string, attachment: ComposerAttachment): void {
  patchSession(id, (s) => ({ attachment, problems: { ...s.problems, composer: null } }));
}

/** Drops the attached message (from Resend or a big paste); the composer's own message is used again. */
export function discardAttachment(id: string): void {
  patchSession(id, { attachment: null });
}

/** Smallest and largest number of entries the log may be asked to keep. */
export const LOG_LIMIT_RANGE = { min: 100, max: 1_000_000 } as const;

/** Changes how many entries the log keeps (the newest ones); a bad number gets an alert and changes nothing. */
export function setLogLimit(id: string, input: string): boolean {
  const text = input.trim().replace(/[,_\s]/g, '');
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < LOG_LIMIT_RANGE.min || value > LOG_LIMIT_RANGE.max) {
    setProblem(id, 'log', `Log limit must be a whole number from ${LOG_LIMIT_RANGE.min} to ${formatCount(LOG_LIMIT_RANGE.max)}, got "${input}"`);
    return false;
  }
  const session = findSession(id);
  if (!session) return false;
  session.log.setLimits({ ...session.log.limit, maxEntries: value });
  setProblem(id, 'log', null);
  session.bumpLog();
  return true;
}

/** Empties the kept log; the counters keep counting every message. */
export function clearLog(id: string): void {
  const session = findSession(id);
  if (!session) return;
  session.log.clear();
  session.bumpLog();
}

/** Opens an entry in Message details (null closes it). */
export function selectEntry(id: string, seq: number | null): void {
  patchSession(id, { selectedSeq: seq });
}
