import { parseJson } from '../codecs/json';
import { findSession } from '../session/registry';
import type { GraphqlRuntime } from '../protocol/sessions/graphql/module';
import type { SocketIoRuntime } from '../protocol/sessions/socketio/module';
import type { StompRuntime } from '../protocol/sessions/stomp/module';
import type { SignalrRuntime } from '../protocol/sessions/signalr/module';
import { getSession, patchSession, setProblem } from './appStore';
import type { ProtocolDraft } from './protocolDraft';
import { fail, ok, type ParseResult } from '../codecs/result';
import { parseStompHeaders } from '../protocol/sessions/stomp/headers';
import type { AckMode } from '../protocol/sessions/stomp/headers';
import type { ProtocolChoice, ProtocolOptions, ProtocolRuntime } from '../protocol/sessions/types';

/**
 * The protocol verbs of the composer: each checks what was typed (an alert naming the problem,
 * nothing sent) and hands it to the running protocol.
 * NOTE: the runtimes are imported as types only, so their libraries stay in the on-demand chunks.
 */

/** The running runtime, or why there is none. */
export function runtimeOf(id: string): { runtime: ProtocolRuntime } | { error: string } {
  const session = findSession(id);
  const state = getSession(id);
  if (!session || !state) return { error: 'No such connection' };
  if (state.readyState !== 'OPEN') return { error: `The connection is ${state.readyState}` };
  const runtime = session.protocolRuntime;
  if (!runtime) return { error: 'No protocol is running: choose one in Protocol, then connect' };
  return { runtime };
}

/** Reads `Arguments`: empty, or a JSON array; null after saying what is wrong. */
function argumentsOf(id: string, argsText: string): unknown[] | null {
  if (!argsText.trim()) return [];
  const parsed = parseJson(argsText);
  if (!parsed.ok) return (setProblem(id, 'composer', `Arguments: ${parsed.error}`), null);
  if (!Array.isArray(parsed.value)) return (setProblem(id, 'composer', 'Arguments: must be a JSON array, e.g. ["hello", {"n": 1}]'), null);
  return parsed.value;
}

/** Changes what a tab typed for the protocol verbs (memory only). */
export function setProtocolDraft(id: string, patch: Partial<ProtocolDraft>): void {
  patchSession(id, (s) => ({ protocolDraft: { ...s.protocolDraft, ...patch } }));
}

/** Reads an optional JSON object field ('' is none); the error names the field. */
export function jsonObjectField(name: string, text: string): ParseResult<Record<string, unknown> | undefined> {
  if (!text.trim()) return ok(undefined);
  const parsed = parseJson(text);
  if (!parsed.ok) return fail(`${name}: ${parsed.error}`);
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return fail(`${name}: must be a JSON object, e.g. {"token": "…"}`);
  return ok(parsed.value as Record<string, unknown>);
}

/** A namespace as Socket.IO can carry it: empty or a path without commas or spaces. */
function namespaceField(text: string): ParseResult<string> {
  const nsp = text.trim();
  if (/[,\s]/.test(nsp)) return fail(`Namespace: "${nsp.slice(0, 40)}" may not contain a comma or a space`);
  return ok(nsp);
}

/** What the greeting of the chosen protocol carries, checked (an error names the field); Raw and the others carry nothing. */
export function protocolOptionsOf(choice: ProtocolChoice, draft: ProtocolDraft): ParseResult<ProtocolOptions> {
  const options: ProtocolOptions = {};
  if (choice === 'auto' || choice === 'socketio') {
    const nsp = namespaceField(draft.namespace);
    if (!nsp.ok) return nsp;
    const auth = jsonObjectField('Auth', draft.auth);
    if (!auth.ok) return auth;
    options.namespace = nsp.value;
    if (auth.value) options.auth = auth.value;
  }
  if (choice === 'auto' || choice === 'graphql') {
    const payload = jsonObjectField('Connection payload', draft.connectionPayload);
    if (!payload.ok) return payload;
    if (payload.value) options.connectionPayload = payload.value;
  }
  return ok(options);
}

/** Emits a Socket.IO event to the namespace typed (joined first if need be); `argsText` must be a JSON array. */
export function emitSocketIo(id: string, event: string, argsText: string, expectAck: boolean): void {
  const found = runtimeOf(id);
  if ('error' in found) return setProblem(id, 'composer', found.error);
  if (found.runtime.id !== 'socketio') return setProblem(id, 'composer', 'The running protocol is not Socket.IO');
  const runtime = found.runtime as SocketIoRuntime;
  if (!event.trim()) return setProblem(id, 'composer', 'Event: type the event name');
  const draft = getSession(id)!.protocolDraft;
  const nsp = namespaceField(draft.namespace);
  if (!nsp.ok) return setProblem(id, 'composer', nsp.error);
  const auth = jsonObjectField('Auth', draft.auth);
  if (!auth.ok) return setProblem(id, 'composer', auth.error);
  const args = argumentsOf(id, argsText);
  if (!args) return;
  setProblem(id, 'composer', null);
  runtime.emit(event, args, expectAck, nsp.value, auth.value);
}

/** Invokes a SignalR hub method; `argsText` must be a JSON array. */
export function invokeSignalr(id: string, target: string, argsText: string): void {
  const found = runtimeOf(id);
  if ('error' in found) return setProblem(id, 'composer', found.error);
  if (found.runtime.id !== 'signalr') return setProblem(id, 'composer', 'The running protocol is not SignalR');
  if (!target.trim()) return setProblem(id, 'composer', 'Target: type the hub method to invoke');
  const args = argumentsOf(id, argsText);
  if (!args) return;
  setProblem(id, 'composer', null);
  (found.runtime as SignalrRuntime).invoke(target.trim(), args);
}

/** Starts a GraphQL operation; `variablesText` is empty or a JSON object; an empty operation name is left out. */
export function subscribeGraphql(id: string, query: string, variablesText: string, operationName = ''): void {
  const found = runtimeOf(id);
  if ('error' in found) return setProblem(id, 'composer', found.error);
  if (found.runtime.id !== 'graphql') return setProblem(id, 'composer', 'The running protocol is not GraphQL');
  const runtime = found.runtime as GraphqlRuntime;
  if (!query.trim()) return setProblem(id, 'composer', 'Query: type a GraphQL query, mutation or subscription');
  let variables: Record<string, unknown> | undefined;
  if (variablesText.trim()) {
    const parsed = parseJson(variablesText);
    if (!parsed.ok) return setProblem(id, 'composer', `Variables: ${parsed.error}`);
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return setProblem(id, 'composer', 'Variables: must be a JSON object');
    variables = parsed.value as Record<string, unknown>;
  }
  setProblem(id, 'composer', null);
  runtime.subscribe(query, variables, operationName.trim() || undefined);
}

/** Completes (stops) the GraphQL operation `operationId`. */
export function completeGraphql(id: string, operationId: string): void {
  const found = runtimeOf(id);
  if ('error' in found) return setProblem(id, 'composer', found.error);
  if (found.runtime.id === 'graphql') (found.runtime as GraphqlRuntime).complete(operationId);
}

/** The STOMP runtime with a destination typed, or null after saying what is wrong. */
function stompWith(id: string, destination: string): StompRuntime | null {
  const found = runtimeOf(id);
  if ('error' in found) return (setProblem(id, 'composer', found.error), null);
  if (found.runtime.id !== 'stomp') return (setProblem(id, 'composer', 'The running protocol is not STOMP'), null);
  if (!destination.trim()) return (setProblem(id, 'composer', 'Destination: type a destination, e.g. /topic/chat'), null);
  setProblem(id, 'composer', null);
  return found.runtime as StompRuntime;
}

/** Subscribes to a STOMP destination with an ack mode. */
export function subscribeStomp(id: string, destination: string, ack: AckMode = 'auto'): void {
  stompWith(id, destination)?.subscribe(destination.trim(), ack);
}

/** Sends the composer's Message as the body of a STOMP SEND to `destination` with `STOMP headers` (the NUL terminator added). */
export function sendStomp(id: string, destination: string): void {
  const state = getSession(id);
  const headers = parseStompHeaders(state?.protocolDraft.stompHeaders ?? '');
  if (!headers.ok) return setProblem(id, 'composer', headers.error);
  stompWith(id, destination)?.send(destination.trim(), state?.drafts.message ?? '', headers.value);
}

/** The running STOMP runtime, or null after saying why there is none. */
function stompRuntime(id: string): StompRuntime | null {
  const found = runtimeOf(id);
  if ('error' in found) return (setProblem(id, 'composer', found.error), null);
  if (found.runtime.id !== 'stomp') return (setProblem(id, 'composer', 'The running protocol is not STOMP'), null);
  return found.runtime as StompRuntime;
}

/** Ends a STOMP subscription. */
export function unsubscribeStomp(id: string, subscription: string): void {
  stompRuntime(id)?.unsubscribe(subscription);
}

/** ACKs (or NACKs) the oldest received STOMP message still waiting for one. */
export function acknowledgeStomp(id: string, positive: boolean): void {
  const runtime = stompRuntime(id);
  if (!runtime) return;
  if (runtime.waiting === 0) return setProblem(id, 'composer', 'No message waits for an ack: subscribe with Ack mode client or client-individual first');
  setProblem(id, 'composer', null);
  runtime.acknowledge(positive);
}
