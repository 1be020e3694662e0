import { parseJson } from '../codecs/json';
import { findSession } from '../session/registry';
import type { GraphqlRuntime } from '../protocol/sessions/graphql/module';
import type { SocketIoRuntime } from '../protocol/sessions/socketio/module';
import type { StompRuntime } from '../protocol/sessions/stomp/module';
import type { SignalrRuntime } from '../protocol/sessions/signalr/module';
import { getSession, setProblem } from './appStore';
import type { ProtocolRuntime } from '../protocol/sessions/types';

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

/** Emits a Socket.IO event; `argsText` must be a JSON array. */
export function emitSocketIo(id: string, event: string, argsText: string, expectAck: boolean): void {
  const found = runtimeOf(id);
  if ('error' in found) return setProblem(id, 'composer', found.error);
  if (found.runtime.id !== 'socketio') return setProblem(id, 'composer', 'The running protocol is not Socket.IO');
  const runtime = found.runtime as SocketIoRuntime;
  if (!event.trim()) return setProblem(id, 'composer', 'Event: type the event name');
  const args = argumentsOf(id, argsText);
  if (!args) return;
  setProblem(id, 'composer', null);
  runtime.emit(event, args, expectAck);
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

/** Starts a GraphQL operation; `variablesText` is empty or a JSON object. */
export function subscribeGraphql(id: string, query: string, variablesText: string): void {
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
  runtime.subscribe(query, variables);
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

/** Subscribes to a STOMP destination. */
export function subscribeStomp(id: string, destination: string): void {
  stompWith(id, destination)?.subscribe(destination.trim());
}

/** Sends the composer's Message as the body of a STOMP SEND to `destination` (the NUL terminator added). */
export function sendStomp(id: string, destination: string): void {
  const body = getSession(id)?.drafts.message ?? '';
  stompWith(id, destination)?.send(destination.trim(), body);
}
