import { formatCount } from '../format/count';
import { checkCloseCode, checkCloseReason } from '../protocol/closeCodes';
import { openConnection } from '../connection/openConnection';
import type { ConnectionListener, Payload } from '../connection/types';
import { payloadSize } from '../codecs/payload';
import { checkUrl, isSimulatorUrl } from '../protocol/url';
import { parseSubprotocols } from '../protocol/subprotocols';
import { payloadKey } from '../stats/rttMatcher';
import { getSession, patchSession, setProblem } from './appStore';
import { expandPlaceholders, livePlaceholderContext } from '../compose/placeholders';
import { encodeMessage } from './encodeMessage';
import { recordEndpoint } from './historySlice';
import { cancelReconnect, keepAliveOnClose, keepAliveOnOpen, keepAliveOnUserClose, repeatPlan, startRepeatedSend } from './keepAlive';
import { getRuntime, record, recordNote, recordSent, type SessionRuntime } from './sessionRuntime';
import type { ParseResult } from '../codecs/result';
import type { Drafts, Problems } from './sessionState';

/** Changes what the user typed; editing a field clears the alert of its area. */
export function setDraft(id: string, patch: Partial<Drafts>): void {
  const area: keyof Problems =
    'url' in patch || 'subprotocols' in patch ? 'endpoint' : 'message' in patch || 'format' in patch ? 'composer' : 'close';
  patchSession(id, (s) => ({
    drafts: { ...s.drafts, ...patch },
    problems: s.problems[area] ? { ...s.problems, [area]: null } : s.problems,
    ...('url' in patch ? { warning: null } : {}),
  }));
}



/** Checks the URL and subprotocols and, only if both are valid, opens the connection. */
export function connect(id: string): void {
  const session = getSession(id);
  if (!session) return;
  const { url: typedUrl, subprotocols } = session.drafts;
  const isSimulator = isSimulatorUrl(typedUrl);
  const checked = isSimulator
    ? ({ ok: true, url: typedUrl.trim() } as const)
    : checkUrl(typedUrl, typeof location === 'undefined' ? undefined : location.protocol);
  if (!checked.ok) return setProblem(id, 'endpoint', checked.error);
  const protocols = parseSubprotocols(subprotocols);
  if (!protocols.ok) return setProblem(id, 'endpoint', protocols.error);

  cancelReconnect(id);
  recordEndpoint(checked.url, protocols.value.join(', '));
  const runtime = getRuntime(id);
  runtime.connection?.dispose();
  runtime.connection = null;
  // A new connection: uptime and round trips start afresh (rates are a plain last minute).
  runtime.stats.openedAt = runtime.stats.closedAt = null;
  runtime.stats.rtt.reset();
  patchSession(id, (s) => ({
    openedUrl: checked.url,
    negotiated: null,
    lastClose: null,
    warning: 'warning' in checked && checked.warning ? checked.warning : null,
    problems: { ...s.problems, endpoint: null, close: null },
  }));
  const offer = protocols.value.length ? ` offering subprotocols ${protocols.value.join(', ')}` : '';
  recordNote(runtime, `Connecting to ${checked.url}${offer}`);
  if (isSimulator) recordNote(runtime, 'Simulator: an endpoint inside this page, no network. It echoes what you send; send /help for its commands.');

  try {
    const connection = openConnection(checked.url, protocols.value, listenerFor(id, runtime));
    runtime.connection = connection;
    patchSession(id, { transport: connection.transport });
  } catch (error) {
    // e.g. a SecurityError for ws:// from an https page, or a port the browser blocks.
    const message = `The browser refused to open ${checked.url}: ${error instanceof Error ? error.message : String(error)}`;
    recordNote(runtime, message, 'error');
    patchSession(id, (s) => ({ readyState: 'CLOSED', problems: { ...s.problems, endpoint: message } }));
  }
}

function listenerFor(id: string, runtime: SessionRuntime): ConnectionListener {
  const counters = runtime.counters;
  const log = runtime.log;
  const flusher = runtime.flusher;
  const stats = runtime.stats;
  const rateIn = stats.rateIn;
  const rtt = stats.rtt;
  return {
    onMessage(data, at) {
      // NOTE: the hot path: one O(1) append, three additions, one (coalesced) schedule; echo
      // matching (a map lookup, then a key) only while something sent is waiting for its echo.
      const size = payloadSize(data);
      counters.received++;
      counters.bytesReceived += size;
      rateIn.add(at);
      if (rtt.pending !== 0) rtt.receivedPayload(data, performance.now());
      log.append(at, 'received', data, size, null, null);
      flusher.schedule();
    },
    onEvent(event) {
      switch (event.type) {
        case 'state':
          patchSession(id, { readyState: event.state });
          record(runtime, { at: event.at, kind: 'state', data: event.state, size: 0, close: null, format: null });
          if (event.state === 'CLOSED') runtime.connection = null;
          break;
        case 'open': {
          const { protocol, extensions, handshakeMs } = event.negotiated;
          patchSession(id, { negotiated: event.negotiated });
          stats.openedAt = event.at;
          stats.closedAt = null;
          recordNote(runtime, `Handshake took ${handshakeMs} ms; subprotocol: ${protocol || 'none'}; extensions: ${extensions || 'none'}`);
          keepAliveOnOpen(id);
          break;
        }
        case 'error':
          record(runtime, { at: event.at, kind: 'error', data: event.message, size: 0, close: null, format: null });
          break;
        case 'close':
          if (stats.openedAt !== null && stats.closedAt === null) stats.closedAt = event.at;
          patchSession(id, { lastClose: event.close });
          record(runtime, { at: event.at, kind: 'close', data: event.close.reason, size: 0, close: event.close, format: null });
          keepAliveOnClose(id, event.close, () => connect(id));
          runtime.flusher.flush();
          break;
      }
    },
  };
}

/** Closes with the code and reason typed, if the browser would accept them; otherwise says why and stays open. */
export function disconnect(id: string): void {
  const session = getSession(id);
  const runtime = getRuntime(id);
  const connection = runtime.connection;
  if (!session || !connection) return;
  const code = checkCloseCode(session.drafts.closeCode);
  if (!code.ok) return setProblem(id, 'close', code.error);
  const reason = checkCloseReason(session.drafts.closeReason);
  if (!reason.ok) return setProblem(id, 'close', reason.error);
  if (reason.value && code.value === undefined) {
    return setProblem(id, 'close', 'A close reason needs a close code: enter 1000 or 3000-4999');
  }
  setProblem(id, 'close', null);
  keepAliveOnUserClose(id);
  if (connection.readyState === 'CONNECTING') {
    recordNote(runtime, 'Connection attempt cancelled before it opened');
    connection.close();
    return;
  }
  connection.close(code.value, reason.value || undefined);
}

/** Sends the composer's message in its format; invalid input or a closed connection gets an alert and nothing is sent. */
export function send(id: string): void {
  const session = getSession(id);
  if (!session) return;
  const runtime = getRuntime(id);
  const connection = runtime.connection;
  if (!connection || connection.readyState !== 'OPEN') {
    const state = connection?.readyState ?? 'CLOSED';
    return setProblem(id, 'composer', `Not sent: the connection is ${state}. Connect first, then send.`);
  }
  const { message, format } = session.drafts;
  const plan = repeatPlan(session.keepAlive);
  if (typeof plan === 'string') return setProblem(id, 'composer', `Not sent: ${plan}`);
  if (plan.count === 0) return setProblem(id, 'composer', 'Not sent: Repeat count is 0');
  // Placeholders are expanded per send, so a repeat gets a fresh {{counter}}, {{uuid}}… each time.
  const nextPayload = (): ParseResult<Payload> => {
    const expanded = expandPlaceholders(message, livePlaceholderContext(runtime.counters.sent + 1));
    return expanded.ok ? encodeMessage(expanded.text, format) : { ok: false, error: `Not sent: ${expanded.error}` };
  };
  const encoded = nextPayload();
  if (!encoded.ok) return setProblem(id, 'composer', encoded.error);
  if (plan.count > 1) {
    setProblem(id, 'composer', null);
    startRepeatedSend(id, format, plan.count, plan.intervalMs, (first) => {
      if (first) return encoded.value;
      const next = nextPayload();
      return next.ok ? next.value : encoded.value;
    });
    return;
  }
  const data: Payload = encoded.value;
  const { rtt } = runtime.stats;
  // NOTE: remembered before sending: an in-page endpoint may echo before send() returns.
  rtt.sentPayload(data, performance.now());
  try {
    connection.send(data);
  } catch (error) {
    rtt.unsend(payloadKey(data));
    return setProblem(id, 'composer', `Not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
  setProblem(id, 'composer', null);
  recordSent(runtime, data, format);
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
  const runtime = getRuntime(id);
  runtime.log.setLimits({ ...runtime.log.limit, maxEntries: value });
  setProblem(id, 'log', null);
  runtime.flusher.schedule();
  return true;
}

/** Empties the kept log; the counters keep counting every message. */
export function clearLog(id: string): void {
  const runtime = getRuntime(id);
  runtime.log.clear();
  runtime.flusher.schedule();
}

/** Opens an entry in Message details (null closes it). */
export function selectEntry(id: string, seq: number | null): void {
  patchSession(id, { selectedSeq: seq });
}
