import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadState } from '../../../src/persist/load';
import { startPersistence } from '../../../src/persist/persistStore';
import { STORAGE_KEY, type PersistedState } from '../../../src/persist/schema';
import { setMessageType, useProto } from '../../../src/store/protoStore';
import { MemoryStorage } from '../support/memoryStorage';

const base = { version: 2, tabs: [], saved: [], history: [], deleted: { saved: [], history: [] } };

function storedWith(settings: unknown): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, JSON.stringify({ ...base, settings }));
  return storage;
}

describe('the Protobuf Message type per endpoint in storage', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
    useProto.setState({ schema: null, typeByEndpoint: {} });
  });

  it('is saved as it changes, keyed by the endpoint without its query, and restored on the next load', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    stop = startPersistence({ storage, intervalMs: 100, changes: () => () => {} });
    setMessageType('wss://h.example/feed?token=SECRET', 'chat.Hello');
    await vi.advanceTimersByTimeAsync(200);
    const raw = storage.getItem(STORAGE_KEY) ?? '';
    expect((JSON.parse(raw) as PersistedState).settings.protoTypes).toEqual({ 'wss://h.example/feed': 'chat.Hello' });
    expect(raw).not.toContain('SECRET');
    stop();
    useProto.setState({ typeByEndpoint: {} });
    stop = startPersistence({ storage, intervalMs: 100, changes: () => () => {} });
    expect(useProto.getState().typeByEndpoint).toEqual({ 'wss://h.example/feed': 'chat.Hello' });
  });

  it('bad stored entries are dropped and said, the good ones kept', () => {
    const { state, notice } = loadState(
      storedWith({ rememberSecretsFor: [], protoTypes: { 'ws://a/x': 'pkg.Msg', 'ws://b/y': '<img src=x>', 'ws://c/z': 42, 'ws://d/w': '' } }),
    );
    expect(state.settings.protoTypes).toEqual({ 'ws://a/x': 'pkg.Msg', 'ws://d/w': '' });
    expect(notice).toMatch(/2 Protobuf message types/);
    expect(loadState(storedWith({ rememberSecretsFor: [], protoTypes: ['x'] })).state.settings.protoTypes).toBeUndefined();
  });
});
