/** What the in-page Simulator is called and understands: pure data, shown by the UI and obeyed by the transport. */

/** The URL the Simulator preset fills in; any `simulator:` URL opens the Simulator. */
export const SIMULATOR_URL = 'simulator://local';

/** The commands the Simulator understands, shown in the UI. */
export const SIMULATOR_COMMANDS: readonly { command: string; effect: string }[] = [
  { command: '/push N', effect: 'pushes N numbered text messages (at most 1,000,000)' },
  { command: '/json', effect: 'pushes a sample JSON message' },
  { command: '/binary N', effect: 'pushes one binary message of N bytes (at most 64 MiB)' },
  { command: '/close CODE REASON', effect: 'closes cleanly with that code and reason' },
  { command: '/drop', effect: 'drops the connection without a close frame (1006)' },
  { command: '/help', effect: 'lists these commands' },
];

/** The protocols the Simulator speaks on top of WebSocket, and how to ask for each, shown in the UI. */
export const SIMULATOR_PROTOCOLS: readonly { protocol: string; how: string; speaks: string }[] = [
  {
    protocol: 'Socket.IO',
    how: 'Protocol Socket.IO, or a URL with /socket.io/ (simulator://local/socket.io/?EIO=4)',
    speaks: 'the Engine.IO open packet and pings, namespace CONNECT (any namespace; /private wants Auth {"token": "let-me-in"}), each event echoed and acked with its arguments, a tick every second',
  },
  {
    protocol: 'GraphQL',
    how: 'Protocol GraphQL, or subprotocol graphql-transport-ws',
    speaks: 'graphql-transport-ws with connection_ack; query hello(name), connectionParams, operationName; mutation echo(text); subscription count(to: N) yields 1…N then completes; an invalid document gets an error',
  },
];
