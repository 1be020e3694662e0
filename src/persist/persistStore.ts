/**
 * Connects the stores to browser storage: restores what was kept when the page opens, then saves
 * drafts, saved messages, recent endpoints and settings as they change, merging with other browser
 * tabs (sync.ts). Logs and counters are never saved. Trouble is said in the page (store/storageStatus).
 */
import { FIRST_SESSION_ID, patchSession, useAppStore, type AppState } from '../store/appStore';
import { type PersistedDrafts, type PersistedState, SCHEMA_VERSION, STORAGE_KEY } from './schema';
import { replaceEndpoints, useHistory, type RecentEndpoint } from '../store/historyStore';
import { replaceSavedMessages, useSavedMessages } from '../store/savedMessagesStore';
import { setLoadNotice, setSaveFailure } from '../store/storageStatus';
import { defaultPrefs, useLookPrefs } from '../look/prefs';
import { useProto } from '../store/protoStore';
import { newConnection } from '../store/tabsActions';
import { defaultStorage, loadState, type StorageLike } from './load';
import { deletionsBetween, mergeTombstones } from './merge';
import { createSaver } from './saver';
import { createSync, storedEndpointKey, windowChangeFeed, type ChangeFeed, type Deletions } from './sync';

/** What would be stored now (before the merge and the secrets rule, which the saver applies). */
export function snapshot(app: AppState = useAppStore.getState(), deleted: Deletions = { saved: [], history: [] }): PersistedState {
  const tabs = app.order.flatMap((id): PersistedDrafts[] => {
    const session = app.sessions[id];
    // Imported (read-only) logs are not tabs to reopen.
    if (!session || session.readOnly) return [];
    const { url, subprotocols, message, format } = session.drafts;
    return [{ url, subprotocols, message, format }];
  });
  const history = useHistory.getState();
  const look = useLookPrefs.getState();
  return {
    version: SCHEMA_VERSION,
    tabs,
    saved: useSavedMessages.getState().items,
    history: history.endpoints,
    deleted: { saved: deleted.saved, history: deleted.history },
    settings: { rememberSecretsFor: history.rememberSecretsFor, theme: look.theme, sections: look.sections, protoTypes: useProto.getState().typeByEndpoint },
  };
}

let stopCurrent: (() => void) | null = null;

export interface PersistenceOptions {
  /** Defaults to localStorage (null: no storage at all). */
  storage?: StorageLike | null;
  intervalMs?: number;
  /** Writes by other pages; defaults to the window's `storage` event. */
  changes?: ChangeFeed;
}

/**
 * Loads the stored state into the stores and keeps saving changes. Call once, before the first render.
 * Returns a function that stops saving (after writing what is pending).
 */
export function startPersistence(options: PersistenceOptions = {}): () => void {
  stopCurrent?.();
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const { state, notice } = loadState(storage);
  restore(state);
  setLoadNotice(notice ?? null);

  const deletions: Deletions = { saved: state.deleted.saved, history: state.deleted.history };
  let quietDepth = 0;
  const sync = createSync(deletions, (update) => {
    quietDepth++;
    try {
      update();
    } finally {
      quietDepth--;
    }
  });
  const saver = createSaver(storage, {
    intervalMs: options.intervalMs,
    prepare: (s) => sync.prepare(s, storage),
    onWritten: (raw) => sync.written(raw),
    onResult: setSaveFailure,
  });
  const save = () => saver.save(snapshot(useAppStore.getState(), deletions));

  // Save only when something persisted changed: drafts of any tab, tab order, saved messages, history, settings.
  let lastDrafts = draftsOf(useAppStore.getState());
  const unsubscribeApp = useAppStore.subscribe((app) => {
    const drafts = draftsOf(app);
    if (drafts.length === lastDrafts.length && drafts.every((d, i) => d === lastDrafts[i])) return;
    lastDrafts = drafts;
    save();
  });
  const unsubscribeSaved = useSavedMessages.subscribe((s, prev) => {
    if (s.items === prev.items || quietDepth) return;
    deletions.saved = mergeTombstones(deletions.saved, deletionsBetween(prev.items, s.items, (m) => m.id));
    save();
  });
  const unsubscribeHistory = useHistory.subscribe((s, prev) => {
    if ((s.endpoints === prev.endpoints && s.rememberSecretsFor === prev.rememberSecretsFor) || quietDepth) return;
    // Marks name endpoints as storage holds them (secrets stripped), so they match other tabs' copies.
    const key = (e: RecentEndpoint) => storedEndpointKey(e, s.rememberSecretsFor);
    deletions.history = mergeTombstones(deletions.history, deletionsBetween(prev.endpoints, s.endpoints, key));
    save();
  });
  const unsubscribeLook = useLookPrefs.subscribe((s, prev) => {
    if (s.theme !== prev.theme || s.sections !== prev.sections) save();
  });
  const unsubscribeProto = useProto.subscribe((s, prev) => {
    if (s.typeByEndpoint !== prev.typeByEndpoint) save();
  });
  const unsubscribeChanges = (options.changes ?? windowChangeFeed(storage))((key, newValue) => {
    if (key === STORAGE_KEY && newValue !== null) sync.receive(newValue);
  });

  const onPageHide = () => saver.flush();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') saver.flush();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
  }

  const stop = () => {
    unsubscribeApp();
    unsubscribeSaved();
    unsubscribeHistory();
    unsubscribeLook();
    unsubscribeProto();
    unsubscribeChanges();
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
    }
    saver.flush();
    saver.cancel();
    if (stopCurrent === stop) stopCurrent = null;
  };
  stopCurrent = stop;
  return stop;
}

/** Puts a loaded state into the stores: the first tab's drafts, the other tabs reopened, saved messages, history, settings. */
function restore(state: PersistedState): void {
  const [first, ...rest] = state.tabs;
  if (first) patchSession(FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, ...first } }));
  for (const drafts of rest) {
    const id = newConnection();
    patchSession(id, (s) => ({ drafts: { ...s.drafts, ...drafts } }));
  }
  if (rest.length) useAppStore.setState({ activeId: FIRST_SESSION_ID });
  replaceSavedMessages(state.saved);
  replaceEndpoints(state.history);
  useHistory.setState({ rememberSecretsFor: state.settings.rememberSecretsFor });
  const { theme, sections } = state.settings;
  const defaults = defaultPrefs();
  useLookPrefs.setState({ theme: theme ?? defaults.theme, sections: sections ?? defaults.sections });
  useProto.setState({ typeByEndpoint: state.settings.protoTypes ?? {} });
}

function draftsOf(app: AppState): unknown[] {
  return app.order.filter((id) => !app.sessions[id]?.readOnly).map((id) => app.sessions[id]?.drafts);
}
