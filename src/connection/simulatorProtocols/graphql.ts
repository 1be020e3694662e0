import { buildSchema } from 'graphql';
import { CloseCode, makeServer } from 'graphql-ws';
import { ROOT, SCHEMA_SDL } from '../../../server/graphqlSchema.js';
import type { SimulatedServer, SimulatorIo } from './types';

const schema = buildSchema(SCHEMA_SDL);

/**
 * GraphQL over WebSocket inside the page: graphql-ws's own server (makeServer, the one Local
 * Echo runs over `ws`) with Local Echo's schema, speaking graphql-transport-ws: connection_init
 * gets connection_ack, `count(to: N)` yields N values then completes, a query or mutation one
 * result then complete, an invalid document an error.
 */
export function createGraphqlServer(io: SimulatorIo): SimulatedServer {
  const server = makeServer({ schema, roots: { query: ROOT, mutation: ROOT, subscription: ROOT }, context: (ctx) => ({ connectionParams: ctx.connectionParams }) });
  let onMessage: ((data: string) => Promise<void>) | null = null;
  let closed: ((code?: number, reason?: string) => Promise<void>) | null = null;
  return {
    subprotocol: 'graphql-transport-ws',
    opened() {
      closed = server.opened(
        {
          protocol: 'graphql-transport-ws',
          send: (data) => io.push(data),
          close: (code, reason) => io.close(code ?? 1000, reason ?? ''),
          onMessage: (cb) => {
            onMessage = cb;
          },
        },
        {},
      );
    },
    received(data) {
      if (typeof data !== 'string') return io.close(CloseCode.BadRequest, 'Binary frames are not GraphQL over WebSocket');
      void onMessage?.(data).catch((error: unknown) => io.close(CloseCode.InternalServerError, error instanceof Error ? error.message.slice(0, 100) : 'Internal error'));
    },
    dispose() {
      void closed?.(1000, 'Normal Closure');
      closed = null;
      onMessage = null;
    },
  };
}
