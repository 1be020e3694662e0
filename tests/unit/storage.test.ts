import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endpointKey, isSecretParamName } from '../../src/secrets/urlSecrets';
import { loadState, type StorageLike } from '../../src/persist/load';
import { BACKUP_KEY, emptyState, SCHEMA_VERSION, STORAGE_KEY, type PersistedState } from '../../src/persist/schema';
import { createSaver, RETRY_BASE_MS, stripSecretParams } from '../../src/persist/saver';
import { LIMITS } from '../../src/persist/bounds';
import { startPersistence } from '../../src/persist/persistStore';
import { FIRST_SESSION_ID, patchSession, useAppStore } from '../../src/store/appStore';
import { recordEndpoint, setRememberSecrets, useHistory } from '../../src/store/historyStore';
import { saveMessage, useSavedMessages } from '../../src/store/savedMessagesStore';
import { useStorageStatus } from '../../src/store/storageStatus';
import { createSessionState } from '../../src/store/sessionState';
import { MemoryStorage, quotaError } from './support/memoryStorage';

const throwing: StorageLike = {
  getItem() {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem() {
    throw quotaError();
  },
};

/** An hour ago: a plausible stored time. */
const T = Date.now() - 3_600_000;

function stored(storage: MemoryStorage): PersistedState {
  return JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as PersistedState;
}

function sampleState(): PersistedState {
  return {
    version: 2,
    tabs: [{ url: 'wss://example.com/socket', subprotocols: 'chat', message: '{"a":1}', format: 'json' }],
    saved: [{ id: 'm1', name: 'hello', folder: 'greetings', body: 'hello there', format: 'text', createdAt: T, updatedAt: T + 1 }],
    history: [{ url: 'wss://example.com/socket', subprotocols: 'chat', at: T + 2 }],
    deleted: { saved: [], history: [] },
    settings: { rememberSecretsFor: [] },
  };
}

function storedWith(value: unknown): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, typeof value === 'string' ? value : JSON.stringify(value));
  return storage;
}

describe('loadState', () => {
  it('starts empty, without a notice, when nothing is stored', () => {
    expect(loadState(new MemoryStorage())).toEqual({ state: emptyState() });
    expect(emptyState().version).toBe(SCHEMA_VERSION);
  });

  it('reads back a schema-2 state as it was written', () => {
    expect(loadState(storedWith(sampleState()))).toEqual({ state: sampleState() });
  });

  it('migrates the unversioned v0 shape (a bare { url } object) with a notice', () => {
    const { state, notice } = loadState(storedWith({ url: 'ws://old.example/ws', protocols: ['a', 'b'], message: 'hi' }));
    expect(state.version).toBe(2);
    expect(state.tabs).toEqual([{ url: 'ws://old.example/ws', subprotocols: 'a, b', message: 'hi', format: 'text' }]);
    expect(state.saved).toEqual([]);
    expect(notice).toMatch(/older version.*migrated/i);
  });

  it('migrates schema 1: saved messages get updatedAt, and the createdAt 0 it wrote for unknown times is kept as the year 2000', () => {
    const v1 = {
      version: 1,
      tabs: [],
      saved: [
        { id: 'a', name: 'dated', folder: '', body: 'x', format: 'text', createdAt: T },
        { id: 'b', name: 'undated', folder: '', body: 'y', format: 'text', createdAt: 0 },
      ],
      history: [{ url: 'ws://h/', subprotocols: '', at: T }],
      settings: { rememberSecretsFor: ['ws://h/'] },
    };
    const { state, notice } = loadState(storedWith(v1));
    expect(state.saved.map((m) => [m.name, m.createdAt, m.updatedAt])).toEqual([
      ['dated', T, T],
      ['undated', Date.UTC(2000, 0, 1), Date.UTC(2000, 0, 1)],
    ]);
    expect(state.history).toHaveLength(1);
    expect(state.settings.rememberSecretsFor).toEqual(['ws://h/']);
    expect(notice).toMatch(/schema 1.*migrated to schema 2/);
  });

  it('resets corrupted JSON with a notice, keeping the unreadable text aside', () => {
    const storage = storedWith('{"version":2,"tabs":[');
    const { state, notice } = loadState(storage);
    expect(state).toEqual(emptyState());
    expect(notice).toMatch(/unreadable.*reset/i);
    expect(storage.getItem(BACKUP_KEY)).toBe('{"version":2,"tabs":[');
    // The reset is written back, so the next load is clean.
    expect(loadState(storage)).toEqual({ state: emptyState() });
  });

  it.each([
    ['a number', '42'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a bad version', '{"version":"one"}'],
    ['a newer schema', '{"version":99,"tabs":[]}'],
    ['a list that is not a list', '{"version":2,"saved":"oops"}'],
  ])('resets %s with a notice', (_what, raw) => {
    const { state, notice } = loadState(storedWith(raw));
    expect(state).toEqual(emptyState());
    expect(notice).toMatch(/reset/i);
  });

  it('skips one history entry with at: 1e20 (which used to blank the page) and keeps the others', () => {
    const state = sampleState();
    const damaged = { ...state, history: [{ url: 'wss://bad/', subprotocols: '', at: 1e20 }, ...state.history, { url: 'wss://old/', at: -5 }] };
    const loaded = loadState(storedWith(damaged));
    expect(loaded.state.history).toEqual(state.history);
    expect(loaded.state.saved).toEqual(state.saved);
    expect(loaded.notice).toMatch(/2 recent endpoints/);
    expect(loaded.notice).toMatch(/#1.*"at".*year 2000/);
  });

  it('keeps the valid records of a damaged state and says what it skipped', () => {
    const state = sampleState();
    const damaged = {
      ...state,
      saved: [...state.saved, { name: 3 }, null, { ...state.saved[0], id: 'long', body: 'x'.repeat(LIMITS.text + 1) }],
      tabs: [{ url: 5, format: 'weird' }, { url: 'ws://kept/' }],
    };
    const { state: loaded, notice } = loadState(storedWith(damaged));
    expect(loaded.saved).toEqual(state.saved);
    expect(loaded.tabs).toEqual([{ url: 'ws://kept/', subprotocols: '', message: '', format: 'text' }]);
    expect(notice).toMatch(/3 saved messages/);
    expect(notice).toMatch(/1 tab drafts/);
  });

  it('bounds counts: more saved messages than the limit are cut, and said', () => {
    const many = Array.from({ length: LIMITS.saved + 3 }, (_, i) => ({ id: `m${i}`, name: `n${i}`, body: '', createdAt: T, updatedAt: T }));
    const { state, notice } = loadState(storedWith({ ...sampleState(), saved: many }));
    expect(state.saved).toHaveLength(LIMITS.saved);
    expect(notice).toMatch(/3 saved messages \(more than 5000 items\)/);
  });

  it('never throws when storage throws or is missing', () => {
    const thrown = loadState(throwing);
    expect(thrown.state).toEqual(emptyState());
    expect(thrown.notice).toMatch(/could not be read.*insecure/i);
    const missing = loadState(null);
    expect(missing.state).toEqual(emptyState());
    expect(missing.notice).toMatch(/unavailable/i);
  });
});

describe('secrets in URLs', () => {
  it.each(['token', 'access_token', 'auth', 'key', 'password', 'secret', 'api_key', 'apiKey', 'X-Amz-Signature', 'client_secret', 'sessionid', 'jwt', 'authToken'])(
    '%s looks like a secret',
    (name) => expect(isSecretParamName(name)).toBe(true),
  );
  it.each(['room', 'user', 'channel', 'monkey', 'format', 'v', 'keyboard'])('%s does not', (name) => expect(isSecretParamName(name)).toBe(false));

  it('strips secret query parameters and user-info passwords, keeping everything else as typed', () => {
    expect(stripSecretParams('wss://h/p?room=1&token=abc&x=2#frag')).toBe('wss://h/p?room=1&x=2#frag');
    expect(stripSecretParams('wss://h/p?access_token=abc')).toBe('wss://h/p');
    expect(stripSecretParams('wss://h/p?room=1')).toBe('wss://h/p?room=1');
    expect(stripSecretParams('')).toBe('');
  });

  it('keeps them for an endpoint the user opted in', () => {
    expect(endpointKey('wss://user:pw@h/p?token=abc#x')).toBe('wss://h/p');
    expect(stripSecretParams('wss://h/p?token=abc', ['wss://h/p'])).toBe('wss://h/p?token=abc');
    expect(stripSecretParams('wss://h/other?token=abc', ['wss://h/p'])).toBe('wss://h/other');
  });
});

describe('createSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes at most once per interval, the latest state winning', () => {
    const storage = new MemoryStorage();
    const saver = createSaver(storage, { intervalMs: 500 });
    const a = sampleState();
    saver.save(a);
    saver.save({ ...a, tabs: [] });
    vi.advanceTimersByTime(0);
    expect(storage.writes).toBe(1);
    expect(stored(storage).tabs).toEqual([]);
    saver.save(a);
    vi.advanceTimersByTime(100);
    saver.save(a);
    expect(storage.writes).toBe(1);
    vi.advanceTimersByTime(400);
    expect(storage.writes).toBe(2);
  });

  it('flush writes a pending state at once (pagehide)', () => {
    const storage = new MemoryStorage();
    const saver = createSaver(storage, { intervalMs: 500 });
    saver.save(sampleState());
    saver.flush();
    expect(storage.writes).toBe(1);
    saver.flush();
    expect(storage.writes).toBe(1);
  });

  it('strips secrets on write unless the endpoint opted in', () => {
    const storage = new MemoryStorage();
    const saver = createSaver(storage);
    const state = sampleState();
    state.tabs[0]!.url = 'wss://h/p?token=abc';
    state.history = [{ url: 'wss://h/p?token=abc', subprotocols: '', at: T + 2 }, { url: 'wss://h/p?token=old', subprotocols: '', at: T + 1 }];
    saver.save(state);
    saver.flush();
    expect(stored(storage).tabs[0]?.url).toBe('wss://h/p');
    expect(stored(storage).history).toEqual([{ url: 'wss://h/p', subprotocols: '', at: T + 2 }]);
    expect(storage.getItem(STORAGE_KEY)).not.toContain('abc');

    saver.save({ ...state, settings: { rememberSecretsFor: ['wss://h/p'] } });
    saver.flush();
    expect(stored(storage).tabs[0]?.url).toBe('wss://h/p?token=abc');
  });

  it('leaves credential-carrying subprotocols out unless the endpoint opted in', () => {
    const storage = new MemoryStorage();
    const saver = createSaver(storage);
    const state = sampleState();
    state.tabs[0]!.subprotocols = 'base64url.bearer.authorization.k8s.io.SECRETTOKEN, channel.k8s.io';
    saver.save(state);
    saver.flush();
    expect(storage.getItem(STORAGE_KEY)).not.toContain('SECRETTOKEN');
    expect(stored(storage).tabs[0]?.subprotocols).toContain('channel.k8s.io');
    saver.save({ ...state, settings: { rememberSecretsFor: ['wss://example.com/socket'] } });
    saver.flush();
    expect(storage.getItem(STORAGE_KEY)).toContain('SECRETTOKEN');
  });

  it('on a full storage: reports why, keeps the state, retries with backoff, and reports when a write works again', () => {
    const storage = new MemoryStorage();
    storage.failWith = quotaError();
    const results: (string | null)[] = [];
    const saver = createSaver(storage, { intervalMs: 500, onResult: (r) => results.push(r) });
    expect(() => {
      saver.save(sampleState());
      vi.advanceTimersByTime(0);
    }).not.toThrow();
    expect(results).toEqual(['storage is full']);
    vi.advanceTimersByTime(RETRY_BASE_MS);
    expect(results).toEqual(['storage is full', 'storage is full']);
    // The second retry waits twice as long.
    vi.advanceTimersByTime(RETRY_BASE_MS);
    expect(results).toHaveLength(2);
    storage.failWith = null;
    vi.advanceTimersByTime(RETRY_BASE_MS);
    expect(results.at(-1)).toBeNull();
    expect(stored(storage)).toEqual(sampleState());
    // Nothing left to retry.
    vi.advanceTimersByTime(60_000);
    expect(storage.writes).toBe(1);
  });

  it('after a failure the next change retries at the usual pace, not after the backoff', () => {
    const storage = new MemoryStorage();
    storage.failWith = new DOMException('The operation is insecure.', 'SecurityError');
    const results: (string | null)[] = [];
    const saver = createSaver(storage, { intervalMs: 100, onResult: (r) => results.push(r) });
    saver.save(sampleState());
    vi.advanceTimersByTime(0);
    expect(results).toEqual(['storage is disabled']);
    storage.failWith = null;
    saver.save({ ...sampleState(), tabs: [] });
    vi.advanceTimersByTime(100);
    expect(results.at(-1)).toBeNull();
    expect(stored(storage).tabs).toEqual([]);
  });

  it('without any storage, says it is unavailable and never throws', () => {
    const results: (string | null)[] = [];
    const saver = createSaver(null, { onResult: (r) => results.push(r) });
    saver.save(sampleState());
    expect(() => saver.flush()).not.toThrow();
    expect(results).toEqual(['storage is unavailable']);
  });
});

describe('startPersistence', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => {
    useAppStore.setState({ sessions: { [FIRST_SESSION_ID]: createSessionState(FIRST_SESSION_ID) }, order: [FIRST_SESSION_ID], activeId: FIRST_SESSION_ID });
    useSavedMessages.setState({ items: [] });
    useHistory.setState({ endpoints: [], rememberSecretsFor: [] });
    useStorageStatus.setState({ saveFailure: null, loadNotice: null });
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  it('restores the first tab drafts, saved messages and history', () => {
    stop = startPersistence({ storage: storedWith(sampleState()), intervalMs: 0, changes: () => () => {} });
    const drafts = useAppStore.getState().sessions[FIRST_SESSION_ID]!.drafts;
    expect(drafts).toMatchObject({ url: 'wss://example.com/socket', subprotocols: 'chat', message: '{"a":1}', format: 'json' });
    expect(useSavedMessages.getState().items.map((m) => m.name)).toEqual(['hello']);
    expect(useHistory.getState().endpoints).toHaveLength(1);
    expect(useStorageStatus.getState().loadNotice).toBeNull();
  });

  it('puts the notice of a reset state in the page status (not a tab log), and the page still starts', () => {
    expect(() => (stop = startPersistence({ storage: storedWith('not json at all'), intervalMs: 0, changes: () => () => {} }))).not.toThrow();
    expect(useStorageStatus.getState().loadNotice).toMatch(/unreadable.*reset/i);
  });

  it('saves drafts, saved messages, history and settings as they change, never logs or counters', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    stop = startPersistence({ storage, intervalMs: 500, changes: () => () => {} });
    patchSession(FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, url: 'wss://h/p?token=SECRET1', message: 'draft body' } }));
    saveMessage({ name: 'greet', body: 'hi', format: 'text' });
    recordEndpoint('wss://h/p?token=SECRET1', 'chat', T);
    patchSession(FIRST_SESSION_ID, { counters: { sent: 9, received: 99, bytesSent: 1, bytesReceived: 2 } });
    await vi.advanceTimersByTimeAsync(600);
    const raw = storage.getItem(STORAGE_KEY) ?? '';
    const state = JSON.parse(raw) as PersistedState;
    expect(state.version).toBe(2);
    expect(state.tabs[0]).toEqual({ url: 'wss://h/p', subprotocols: '', message: 'draft body', format: 'text' });
    expect(state.saved.map((m) => m.name)).toEqual(['greet']);
    expect(state.history).toEqual([{ url: 'wss://h/p', subprotocols: 'chat', at: T }]);
    expect(raw).not.toContain('SECRET1');
    expect(raw).not.toMatch(/counters|"received"/);

    // A counters-only change writes nothing.
    const writes = storage.writes;
    patchSession(FIRST_SESSION_ID, { counters: { sent: 10, received: 100, bytesSent: 1, bytesReceived: 2 } });
    await vi.advanceTimersByTimeAsync(600);
    expect(storage.writes).toBe(writes);

    // Opting in keeps the token for that endpoint.
    setRememberSecrets('wss://h/p', true);
    await vi.advanceTimersByTimeAsync(600);
    expect(stored(storage).tabs[0]?.url).toBe('wss://h/p?token=SECRET1');
    expect(stored(storage).settings.rememberSecretsFor).toEqual(['wss://h/p']);
  });

  it('a full storage is said in the page status; the stores keep working; the status clears once a save works', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    stop = startPersistence({ storage, intervalMs: 100, changes: () => () => {} });
    storage.failWith = quotaError();
    saveMessage({ name: 'kept in memory', body: 'x', format: 'text' });
    await vi.advanceTimersByTimeAsync(100);
    expect(useStorageStatus.getState().saveFailure).toBe('storage is full');
    expect(useSavedMessages.getState().items.map((m) => m.name)).toEqual(['kept in memory']);
    storage.failWith = null;
    await vi.advanceTimersByTimeAsync(RETRY_BASE_MS);
    expect(useStorageStatus.getState().saveFailure).toBeNull();
    expect(stored(storage).saved.map((m) => m.name)).toEqual(['kept in memory']);
  });
});
