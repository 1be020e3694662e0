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
