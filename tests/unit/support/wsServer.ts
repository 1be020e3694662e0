import { ws } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';

type Handler = Parameters<typeof setupServer>[number];

/** ws://localhost/echo: sends every message back. */
export function echoHandler(): Handler {
  return ws.link('ws://localhost/echo').addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => client.send(event.data));
  });
}

/** ws://localhost/push: "push N" makes the server send N numbered messages. */
export function pushHandler(): Handler {
  return ws.link('ws://localhost/push').addEventListener('connection', ({ client }) => {
    client.addEventListener('message', (event) => {
      const n = Number(String(event.data).split(' ')[1]);
      for (let i = 1; i <= n; i++) client.send(`server message ${i}`);
    });
  });
}

/** An msw server with these handlers, listening for the whole test file; unhandled requests are errors. */
export function useWsServer(...handlers: Handler[]): SetupServer {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  return server;
}
