import { isSimulatorUrl } from '../protocol/url';
import { openNativeConnection } from './nativeConnection';
import { openSimulatorConnection } from './simulator';
import type { ConnectionFactory } from './types';

/** Picks the transport for a URL: `simulator:` runs in the page, anything else is a real WebSocket. */
export const openConnection: ConnectionFactory = (url, protocols, listener) =>
  isSimulatorUrl(url)
    ? openSimulatorConnection(url, protocols, listener)
    : openNativeConnection(url, protocols, listener);
