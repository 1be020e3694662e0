import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_KEY, createSaver, emptyState, endpointKey, isSecretParamName, loadState, SCHEMA_VERSION, STORAGE_KEY, stripSecretParams,
  type PersistedState, type StorageLike,
} from '../../src/persist/storage';
import { startPersistence } from '../../src/persist/persistStore';
import { FIRST_SESSION_ID, patchSession, useAppStore } from '../../src/store/appStore';
import { recordEndpoint, setRememberSecrets, useHistory } from '../../src/store/historyStore';
import { getLog } from '../../src/store/sessionReads';
import { findSession } from '../../src/session/registry';
import { saveMessage, useSavedMessages } from '../../src/store/savedMessagesStore';
import { createSessionState } from '../../src/store/sessionState';

class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  writes = 0;
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes++;
    this.data.set(key, value);
  }
}

const throwing: StorageLike = {
  getItem() {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem() {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
};

function stored(storage: MemoryStorage): PersistedState {
  return JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as PersistedState;
}

function sampleState(): PersistedState {
  return {
    version: 1,
    tabs: [{ url: 'wss://example.com/socket', subprotocols: 'chat', message: '{"a":1}', format: 'json' }],
    saved: [{ id: 'm1', name: 'hello', folder: 'greetings', body: 'hello there', format: 'text', createdAt: 5 }],
    history: [{ url: 'wss://example.com/socket', subprotocols: 'chat', at: 10 }],
    settings: { rememberSecretsFor: [] },
  };
}

describe('loadState', () => {
  it('starts empty, without a notice, when nothing is stored', () => {
    expect(loadState(new MemoryStorage())).toEqual({ state: emptyState() });
    expect(emptyState().version).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(1);
  });

  it('reads back a schema-1 state as it was written', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify(sampleState()));
    expect(loadState(storage)).toEqual({ state: sampleState() });
  });

  it('migrates the unversioned v0 shape (a bare { url } object) with a notice', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify({ url: 'ws://old.example/ws', protocols: ['a', 'b'], message: 'hi' }));
    const { state, notice } = loadState(storage);
    expect(state.version).toBe(1);
    expect(state.tabs).toEqual([{ url: 'ws://old.example/ws', subprotocols: 'a, b', message: 'hi', format: 'text' }]);
    expect(state.saved).toEqual([]);
    expect(notice).toMatch(/older version.*migrated/i);
  });

  it('resets corrupted JSON with a notice, keeping the unreadable text aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"version":1,"tabs":[');
    const { state, notice } = loadState(storage);
    expect(state).toEqual(emptyState());
    expect(notice).toMatch(/unreadable.*reset/i);
    expect(storage.getItem(BACKUP_KEY)).toBe('{"version":1,"tabs":[');
    // The reset is written back, so the next load is clean.
    expect(loadState(storage)).toEqual({ state: emptyState() });
  });

  it.each([
    ['a number', '42'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a bad version', '{"version":"one"}'],
    ['a newer schema', '{"version":99,"tabs":[]}'],
  ])('resets %s with a notice', (_what, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, raw);
    const { state, notice } = loadState(storage);
    expect(state).toEqual(emptyState());
    expect(notice).toMatch(/reset/i);
  });

  it('keeps the valid parts of a damaged schema-1 state and says what it dropped', () => {
    const storage = new MemoryStorage();
    const damaged = { ...sampleState(), saved: [...sampleState().saved, { name: 3 }, null], history: 'oops', tabs: [{ url: 5, format: 'weird' }] };
    storage.setItem(STORAGE_KEY, JSON.stringify(damaged));
    const { state, notice } = loadState(storage);
    expect(state.saved).toEqual(sampleState().saved);
    expect(state.history).toEqual([]);
    expect(state.tabs).toEqual([{ url: '', subprotocols: '', message: '', format: 'text' }]);
    expect(notice).toMatch(/2 saved messages/);
    expect(notice).toMatch(/history/);
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
    expect(stripSecretParams('wss://user:pa55@h/p?k=1')).toBe('wss://user@h/p?k=1');
    expect(stripSecretParams('wss://h/p?room=1')).toBe('wss://h/p?room=1');
    expect(stripSecretParams('not a url ?password=x')).toBe('not a url ');
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
    state.history = [{ url: 'wss://h/p?token=abc', subprotocols: '', at: 2 }, { url: 'wss://h/p?token=old', subprotocols: '', at: 1 }];
    saver.save(state);
    saver.flush();
    expect(stored(storage).tabs[0]?.url).toBe('wss://h/p');
    expect(stored(storage).history).toEqual([{ url: 'wss://h/p', subprotocols: '', at: 2 }]);
    expect(storage.getItem(STORAGE_KEY)).not.toContain('abc');

    saver.save({ ...state, settings: { rememberSecretsFor: ['wss://h/p'] } });
    saver.flush();
    expect(stored(storage).tabs[0]?.url).toBe('wss://h/p?token=abc');
  });

  it('reports a failing storage once, never throwing', () => {
    const errors: string[] = [];
    const saver = createSaver(throwing, { onError: (m) => errors.push(m) });
    saver.save(sampleState());
    expect(() => saver.flush()).not.toThrow();
    saver.save(sampleState());
    saver.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/quota/i);
  });
});

describe('startPersistence', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => {
    useAppStore.setState({ sessions: { [FIRST_SESSION_ID]: createSessionState(FIRST_SESSION_ID) }, order: [FIRST_SESSION_ID], activeId: FIRST_SESSION_ID });
    useSavedMessages.setState({ items: [] });
    useHistory.setState({ endpoints: [], rememberSecretsFor: [] });
    getLog(FIRST_SESSION_ID).clear();
  });
  afterEach(() => stop?.());

  const infoTexts = () => {
    const log = getLog(FIRST_SESSION_ID);
    const texts: string[] = [];
    for (let i = 0; i < log.length; i++) {
      const e = log.at(i);
      if (e?.kind === 'info') texts.push(String(e.data));
    }
    return texts;
  };

  it('restores the first tab drafts, saved messages and history', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify(sampleState()));
    stop = startPersistence({ storage, intervalMs: 0 });
    const drafts = useAppStore.getState().sessions[FIRST_SESSION_ID]!.drafts;
    expect(drafts).toMatchObject({ url: 'wss://example.com/socket', subprotocols: 'chat', message: '{"a":1}', format: 'json' });
    expect(useSavedMessages.getState().items.map((m) => m.name)).toEqual(['hello']);
    expect(useHistory.getState().endpoints).toHaveLength(1);
  });

  it('records an info entry when the stored state was reset, and the page still starts', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, 'not json at all');
    expect(() => (stop = startPersistence({ storage, intervalMs: 0 }))).not.toThrow();
    expect(infoTexts().some((t) => /reset/i.test(t))).toBe(true);
  });

  it('saves drafts, saved messages, history and settings as they change, never logs or counters', async () => {
    vi.useFakeTimers();
    try {
      const storage = new MemoryStorage();
      stop = startPersistence({ storage, intervalMs: 500 });
      patchSession(FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, url: 'wss://h/p?token=SECRET1', message: 'draft body' } }));
      saveMessage({ name: 'greet', body: 'hi', format: 'text' });
      recordEndpoint('wss://h/p?token=SECRET1', 'chat', 123);
      findSession(FIRST_SESSION_ID)!.record({ at: 1, kind: 'received', data: 'LOG-PAYLOAD-XYZ', size: 15, close: null, format: null });
      patchSession(FIRST_SESSION_ID, { counters: { sent: 9, received: 99, bytesSent: 1, bytesReceived: 2 } });
      await vi.advanceTimersByTimeAsync(600);
      const raw = storage.getItem(STORAGE_KEY) ?? '';
      const state = JSON.parse(raw) as PersistedState;
      expect(state.version).toBe(1);
      expect(state.tabs[0]).toEqual({ url: 'wss://h/p', subprotocols: '', message: 'draft body', format: 'text' });
      expect(state.saved.map((m) => m.name)).toEqual(['greet']);
      expect(state.history).toEqual([{ url: 'wss://h/p', subprotocols: 'chat', at: 123 }]);
      expect(raw).not.toContain('LOG-PAYLOAD-XYZ');
      expect(raw).not.toContain('SECRET1');
      expect(raw).not.toMatch(/counters|logVersion|"received"/);

      // A counters-only change writes nothing.
      const writes = storage.writes;
      patchSession(FIRST_SESSION_ID, { counters: { sent: 10, received: 100, bytesSent: 1, bytesReceived: 2 } });
      await vi.advanceTimersByTimeAsync(600);
      expect(storage.writes).toBe(writes);

      // Opting in keeps the token for that endpoint.
      setRememberSecrets('wss://h/p', true);
      await vi.advanceTimersByTimeAsync(600);
      const after = JSON.parse(storage.getItem(STORAGE_KEY) ?? '') as PersistedState;
      expect(after.tabs[0]?.url).toBe('wss://h/p?token=SECRET1');
      expect(after.settings.rememberSecretsFor).toEqual(['wss://h/p']);
    } finally {
      vi.useRealTimers();
    }
  });
});
