import type { Payload } from '../../../connection/types';
import type { ProtocolContext, ProtocolIo, ProtocolModule, ProtocolRuntime } from '../types';
import { completeFrame, decodeGraphql, dialectOf, initFrame, MessageType, parseGraphqlFrame, pongFrame, subscribeFrame, type GraphqlDialect } from './codec';

/** Types that end an operation, in either dialect. */
const ENDS_OPERATION = new Set<string>(['complete', 'error']);
/** Housekeeping messages from the server, in either dialect. */
const HOUSEKEEPING = new Set<string>([MessageType.ConnectionAck, MessageType.Pong, 'ka']);

/**
 * A result frame (`next`, or the legacy `data`) as graphql-ws and most servers write it: id first or
 * type first. Such frames neither end an operation nor are housekeeping, so they are not parsed on
 * the hot path; the anchored, bounded pattern reads only the frame's first few dozen characters.
 */
const RESULT_FRAME = /^\{\s*(?:"id"\s*:\s*"[^"\\]{0,64}"\s*,\s*)?"type"\s*:\s*"(?:next|data)"/;

/** Whether a frame is an operation's result, told from its first characters (see RESULT_FRAME). */
export function isResultFrame(data: Payload): boolean {
  return typeof data === 'string' && RESULT_FRAME.test(data);
}

/** GraphQL over WebSocket: connection_init/ack, pings answered, operations started and completed by id. */
export class GraphqlRuntime implements ProtocolRuntime {
  readonly id = 'graphql' as const;
  readonly dialect: GraphqlDialect;
  private nextId = 1;
  private readonly operations = new Set<string>();

  constructor(
    private readonly io: ProtocolIo,
    context: ProtocolContext,
    private readonly initPayload?: Record<string, unknown>,
  ) {
    this.dialect = dialectOf(context.subprotocol);
  }

  start(): void {
    this.io.send(initFrame(this.initPayload), true);
  }

  received(data: Payload): boolean {
    if (isResultFrame(data)) return false;
    let message;
    try {
      message = parseGraphqlFrame(data, this.dialect);
    } catch {
      return false;
    }
    if (message.type === MessageType.Ping && this.dialect === 'transport') {
      this.io.send(pongFrame(), true);
      return true;
    }
    if (message.type === 'connection_error') this.io.note(`GraphQL: the server refused connection_init: ${JSON.stringify(message.payload)}`, 'error');
    const id = 'id' in message ? message.id : undefined;
    if (id !== undefined && ENDS_OPERATION.has(message.type) && this.operations.delete(id)) this.changed();
    return HOUSEKEEPING.has(message.type);
  }

  /** Starts an operation (query, mutation or subscription); returns its id. */
  subscribe(query: string, variables?: Record<string, unknown>, operationName?: string): string {
    const id = String(this.nextId++);
    this.operations.add(id);
    this.io.send(subscribeFrame(this.dialect, id, query, variables, operationName), false);
    this.changed();
    return id;
  }

  /** Stops the operation `id`. */
  complete(id: string): void {
    if (!this.operations.delete(id)) return;
    this.io.send(completeFrame(this.dialect, id), false);
    this.changed();
  }

  dispose(): void {
    this.operations.clear();
  }

  private changed(): void {
    this.io.changed({ operations: [...this.operations] });
  }
}

/** GraphQL over WebSocket, both dialects, for the protocol framework. */
export const graphqlModule: ProtocolModule = {
  id: 'graphql',
  decode: (data, context) => decodeGraphql(data, dialectOf(context.subprotocol)),
  createRuntime: (io, context) => new GraphqlRuntime(io, context, context.options?.connectionPayload),
};
