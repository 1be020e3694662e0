import { SIMULATOR_URL } from '../protocol/simulatorCommands';

/** A named endpoint the Preset box fills into URL. */
export interface Preset {
  name: string;
  url: string;
  /** Why the preset cannot be used here, when it cannot. */
  unavailable?: string;
}

/** The meta tag by which the bundled server announces its Local Echo endpoint in the page it serves. */
export const LOCAL_ECHO_META = 'ws-tester-local-echo';

/**
 * The Local Echo URL, if the server that served this page announced it; null on a plain static host.
 * NOTE: the server says so in the HTML instead of the page probing /echo, so the page makes no
 * request the user did not ask for.
 */
export function localEchoUrl(doc: Document = document): string | null {
  const path = doc.querySelector<HTMLMetaElement>(`meta[name="${LOCAL_ECHO_META}"]`)?.content;
  if (!path) return null;
  const { protocol, host } = doc.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

/** Every preset, in the order shown. */
export function presets(doc: Document = document): Preset[] {
  const local = localEchoUrl(doc);
  return [
    { name: 'Echo Test', url: 'wss://ws.postman-echo.com/raw' },
    { name: 'Public Echo', url: 'wss://echo.websocket.org' },
    local
      ? { name: 'Local Echo', url: local }
      : {
          name: 'Local Echo',
          url: '',
          unavailable: 'No Local Echo server on this host: run `npm start` from the project to get one at /echo.',
        },
    { name: 'Simulator', url: SIMULATOR_URL },
  ];
}
