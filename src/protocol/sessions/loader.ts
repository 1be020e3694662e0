import type { ProtocolId, ProtocolModule } from './types';

/** Each protocol's module, loaded on demand so the first page load stays small. */
const IMPORTERS: Record<ProtocolId, (() => Promise<ProtocolModule>) | null> = {
  socketio: () => import('./socketio/module').then((m) => m.socketIoModule),
  graphql: () => import('./graphql/module').then((m) => m.graphqlModule),
  mqtt: () => import('./mqtt/module').then((m) => m.mqttModule),
  stomp: () => import('./stomp/module').then((m) => m.stompModule),
  signalr: () => import('./signalr/module').then((m) => m.signalrModule),
};

const loaded = new Map<ProtocolId, ProtocolModule>();
const loading = new Map<ProtocolId, Promise<ProtocolModule | null>>();

/** Whether the app can speak `id` (some protocols are decoded but not yet built). */
export function isSupported(id: ProtocolId): boolean {
  return IMPORTERS[id] !== null;
}

/** Loads a protocol's module (once); null when the protocol is not supported or its chunk failed to load. */
export function loadProtocol(id: ProtocolId): Promise<ProtocolModule | null> {
  const importer = IMPORTERS[id];
  if (!importer) return Promise.resolve(null);
  let pending = loading.get(id);
  if (!pending) {
    pending = importer().then(
      (module) => {
        loaded.set(id, module);
        return module;
      },
      () => {
        loading.delete(id);
        return null;
      },
    );
    loading.set(id, pending);
  }
  return pending;
}

/** The module if it has been loaded already (rows decode synchronously, only once it is here). */
export function loadedProtocol(id: ProtocolId | null): ProtocolModule | null {
  return id === null ? null : (loaded.get(id) ?? null);
}
