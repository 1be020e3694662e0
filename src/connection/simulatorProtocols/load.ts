import type { SimulatedProtocol, SimulatedServer, SimulatorIo } from './types';

/** Loads a simulated server on demand (it carries the protocol's libraries), so the first page load stays small. */
export function loadSimulatedServer(protocol: SimulatedProtocol, io: SimulatorIo): Promise<SimulatedServer> {
  return protocol === 'socketio'
    ? import('./socketio').then((m) => m.createSocketIoServer(io))
    : import('./graphql').then((m) => m.createGraphqlServer(io));
}
