/**
 * Two browser tabs of the tester over one localStorage: each "page" is its own copy of the modules
 * (vi.resetModules), as two tabs each run their own bundle; the shared MemoryStorage tells the
 * other page of every write, as the browser's `storage` event does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './support/memoryStorage';
import { STORAGE_KEY, type PersistedState } from '../../src/persist/schema';

interface Page {
  stop: () => void;
  saved: typeof import('../../src/store/savedMessagesStore');
  history: typeof import('../../src/store/historyStore');
  app: typeof import('../../src/store/appStore');
  names: () => string[];
}

const pages: Page[] = [];
afterEach(() => {
  for (const p of pages.splice(0)) p.stop();
});

async function openPage(shared: MemoryStorage, n: number): Promise<Page> {
  vi.resetModules();
  const persist = await import('../../src/persist/persistStore');
  const saved = await import('../../src/store/savedMessagesStore');
  const history = await import('../../src/store/historyStore');
  const app = await import('../../src/store/appStore');
  const { storage, changes } = shared.asPage(n);
  const stop = persist.startPersistence({ storage, changes, intervalMs: 0 });
  const page = { stop, saved, history, app, names: () => saved.useSavedMessages.getState().items.map((m) => m.name).sort() };
  pages.push(page);
  return page;
}

/** Lets the throttled writes (0 ms) and the storage notifications run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 2));
};

const storedNames = (shared: MemoryStorage) =>
  (JSON.parse(shared.getItem(STORAGE_KEY) ?? '{"saved":[]}') as PersistedState).saved.map((m) => m.name).sort();

describe('two tabs over one localStorage', () => {
  it('save X in A, save Y in B, reload A: both are there (and each tab sees both live)', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    a.saved.saveMessage({ name: 'X', body: 'x', format: 'text' });
    b.saved.saveMessage({ name: 'Y', body: 'y', format: 'text' });
    await settle();
    expect(storedNames(shared)).toEqual(['X', 'Y']);
    expect(a.names()).toEqual(['X', 'Y']);
    expect(b.names()).toEqual(['X', 'Y']);
    a.stop();
    const reloaded = await openPage(shared, 1);
    expect(reloaded.names()).toEqual(['X', 'Y']);
  });

  it('writes racing before either tab hears of the other still keep both (re-read, merge, write)', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    // B types (a draft change) without having heard of A's save: its write must not drop X.
    a.saved.saveMessage({ name: 'X', body: 'x', format: 'text' });
    a.stop();
    b.app.patchSession(b.app.FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, message: 'typing in B' } }));
    await settle();
    expect(storedNames(shared)).toEqual(['X']);
    expect(b.names()).toEqual(['X']);
  });

  it('a delete in A disappears in B, and B\'s later writes do not bring it back', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    const x = a.saved.saveMessage({ name: 'X', body: 'x', format: 'text' });
    a.saved.saveMessage({ name: 'Z', body: 'z', format: 'text' });
    await settle();
    expect(b.names()).toEqual(['X', 'Z']);
    a.saved.deleteMessage(x.id);
    await settle();
    expect(b.names()).toEqual(['Z']);
    b.saved.saveMessage({ name: 'W', body: 'w', format: 'text' });
    await settle();
    expect(storedNames(shared)).toEqual(['W', 'Z']);
    expect(a.names()).toEqual(['W', 'Z']);
  });

  it('the newer edit of one record wins in both tabs', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    const x = a.saved.saveMessage({ name: 'X', body: 'x', format: 'text' });
    await settle();
    a.saved.renameMessage(x.id, 'renamed in A', Date.now() + 10);
    b.saved.renameMessage(x.id, 'renamed in B', Date.now() + 20);
    await settle();
    expect(a.names()).toEqual(['renamed in B']);
    expect(b.names()).toEqual(['renamed in B']);
  });

  it('recent endpoints merge too; a removed one stays removed', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    const now = Date.now();
    a.history.recordEndpoint('ws://a.example/', '', now - 20);
    b.history.recordEndpoint('ws://b.example/', 'chat', now - 10);
    await settle();
    const urls = (p: Page) => p.history.useHistory.getState().endpoints.map((e) => e.url);
    expect(urls(a)).toEqual(['ws://b.example/', 'ws://a.example/']);
    expect(urls(b)).toEqual(['ws://b.example/', 'ws://a.example/']);
    b.history.removeEndpoint('ws://a.example/', '');
    await settle();
    expect(urls(a)).toEqual(['ws://b.example/']);
  });

  it('drafts stay per tab: B hearing of A\'s write does not change B\'s composer', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    const first = (p: Page) => p.app.useAppStore.getState().sessions[p.app.FIRST_SESSION_ID]!.drafts.message;
    b.app.patchSession(b.app.FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, message: 'B draft' } }));
    await settle();
    a.app.patchSession(a.app.FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, message: 'A draft' } }));
    await settle();
    expect(first(b)).toBe('B draft');
    expect(first(a)).toBe('A draft');
  });

  it('an endpoint with a token stays as typed in its tab, once, and the other tab gets it without the token', async () => {
    const shared = new MemoryStorage();
    const a = await openPage(shared, 1);
    const b = await openPage(shared, 2);
    const urls = (p: Page) => p.history.useHistory.getState().endpoints.map((e) => e.url);
    a.history.recordEndpoint('wss://h.example/ws?token=SECRET', '', Date.now() - 5);
    await settle();
    // Another write re-reads storage (which holds the stripped URL): no second, stripped entry.
    a.saved.saveMessage({ name: 'X', body: 'x', format: 'text' });
    await settle();
    expect(urls(a)).toEqual(['wss://h.example/ws?token=SECRET']);
    expect(urls(b)).toEqual(['wss://h.example/ws']);
    expect(shared.getItem(STORAGE_KEY)).not.toContain('SECRET');
    a.history.removeEndpoint('wss://h.example/ws?token=SECRET', '');
    await settle();
    expect(urls(b)).toEqual([]);
    expect(urls(a)).toEqual([]);
  });
});
