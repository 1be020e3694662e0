import { MessageType, parseMessage, stringifyMessage, type Message } from 'graphql-ws';
import type { Payload } from '../../../connection/types';
import type { DecodedFrame } from '../types';
import { messageOf } from '../../../format/thrown';

/** Which GraphQL-over-WebSocket protocol: the current one, or the legacy subscriptions-transport-ws (subprotocol `graphql-ws`). */
export type GraphqlDialect = 'transport' | 'legacy';

/** The legacy protocol's message types (subscriptions-transport-ws; graphql-ws has no types for it). */
export const LEGACY_TYPES = ['connection_init', 'connection_ack', 'connection_error', 'connection_terminate', 'ka', 'start', 'data', 'error', 'complete', 'stop'] as const;
type LegacyType = (typeof LEGACY_TYPES)[number];

/** A legacy message, validated by hand (the library dropped this protocol). */
export interface LegacyMessage {
  type: LegacyType;
  id?: string;
  payload?: unknown;
}

/** The dialect a negotiated subprotocol means: confusingly, `graphql-ws` is the legacy one. */
export function dialectOf(subprotocol: string): GraphqlDialect {
  return subprotocol.trim().toLowerCase() === 'graphql-ws' ? 'legacy' : 'transport';
}

/** Parses one frame in the dialect; throws with the reason when it is not a valid message. */
export function parseGraphqlFrame(data: Payload, dialect: GraphqlDialect): Message | LegacyMessage {
  if (typeof data !== 'string') throw new Error('a binary frame (GraphQL over WebSocket uses text frames)');
  if (dialect === 'transport') return parseMessage(data);
  const value = JSON.parse(data) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the message is not a JSON object');
  const { type, id } = value as { type?: unknown; id?: unknown };
  if (typeof type !== 'string' || !(LEGACY_TYPES as readonly string[]).includes(type)) throw new Error(`unknown message type ${JSON.stringify(type)}`);
  if (id !== undefined && typeof id !== 'string') throw new Error('"id" is not a string');
  return value as LegacyMessage;
}

/** Decodes a frame for display: type, operation id and data. */
export function decodeGraphql(data: Payload, dialect: GraphqlDialect): DecodedFrame {
  try {
    const message = parseGraphqlFrame(data, dialect);
    const id = 'id' in message && message.id !== undefined ? ` #${message.id}` : '';
    const payload = 'payload' in message && message.payload !== undefined && message.payload !== null ? ` ${JSON.stringify(message.payload)}` : '';
    return { summary: `${message.type}${id}${payload}`, tree: message, error: null };
  } catch (error) {
    return { summary: '', tree: null, error: `Not GraphQL over WebSocket (${dialect === 'legacy' ? 'graphql-ws, legacy' : 'graphql-transport-ws'}): ${messageOf(error)}` };
  }
}

/** The connection_init message, with the optional payload (for auth). */
export function initFrame(payload?: Record<string, unknown>): string {
  return payload === undefined ? stringifyMessage({ type: MessageType.ConnectionInit }) : stringifyMessage({ type: MessageType.ConnectionInit, payload });
}

/** The message that starts an operation. */
export function subscribeFrame(dialect: GraphqlDialect, id: string, query: string, variables?: Record<string, unknown>, operationName?: string): string {
  const payload = { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) };
  if (dialect === 'legacy') return JSON.stringify({ id, type: 'start', payload });
  return stringifyMessage({ id, type: MessageType.Subscribe, payload });
}

/** The message that stops an operation. */
export function completeFrame(dialect: GraphqlDialect, id: string): string {
  return dialect === 'legacy' ? JSON.stringify({ id, type: 'stop' }) : stringifyMessage({ id, type: MessageType.Complete });
}

/** The pong that answers a ping (graphql-transport-ws only). */
export function pongFrame(): string {
  return stringifyMessage({ type: MessageType.Pong });
}

export { MessageType };
