import { isSimulatorUrl } from '../protocol/url';
import { openAgentConnection } from './agentConnection';
import { openWorkerConnection } from './workerConnection';
import { openSimulatorConnection } from './simulator';
import type { ConnectionFactory } from './types';

/** Picks the transport: the local agent when asked; else `simulator:` runs in the page, anything else is a real WebSocket (in the socket worker). */
export const openConnection: ConnectionFactory = (url, protocols, listener, via, protocol) =>
  via?.kind === 'agent'
    ? openAgentConnection(url, protocols, listener, via.options)
    : isSimulatorUrl(url)
    ? openSimulatorConnection(url, protocols, listener, protocol)
    : openWorkerConnection(url, protocols, listener);
