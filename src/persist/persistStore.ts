import { newConnection } from '../store/tabsActions';
/**
 * Connects the stores to browser storage: restores what was kept when the page opens, then saves
 * drafts, saved messages, recent endpoints and settings as they change. Logs and counters are never saved.
 */
import { FIRST_SESSION_ID, patchSession, useAppStore, type AppState } from '../store/appStore';
import { replaceEndpoints, useHistory } from '../store/historyStore';
import { findSession } from '../session/registry';
import { replaceSavedMessages, useSavedMessages } from '../store/savedMessagesStore';
import { createSaver, defaultStorage, loadState, saveState, type PersistedDrafts, type PersistedState, type Saver, type StorageLike } from './storage';

function notify(text: string): void {
  findSession(FIRST_SESSION_ID)?.note(text);
}

/** What would be stored now (before secrets are stripped, which the saver does). */
export function snapshot(app: AppState = useAppStore.getState()): PersistedState {
  const tabs = app.order.flatMap((id): PersistedDrafts[] => {
    const drafts = app.sessions[id]?.drafts;
    return drafts ? [{ url: drafts.url, subprotocols: drafts.subprotocols, message: drafts.message, format: drafts.format }] : [];
  });
  const history = useHistory.getState();
  return {
    version: 1,
    tabs,
    saved: useSavedMessages.getState().items,
    history: history.endpoints,
    settings: { rememberSecretsFor: history.rememberSecretsFor },
  };
}

let stopCurrent: (() => void) | null = null;

/**
 * Loads the stored state into the stores and keeps saving changes. Call once, before the first render.
 * Returns a function that stops saving (tests). `storage` defaults to localStorage.
 */
export function startPersistence(options: { storage?: StorageLike | null; intervalMs?: number } = {}): () => void {
  stopCurrent?.();
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const { state, notice } = loadState(storage);

  const [first, ...rest] = state.tabs;
  if (first) patchSession(FIRST_SESSION_ID, (s) => ({ drafts: { ...s.drafts, ...first } }));
  // Reopen the other tabs (closed, drafts filled) and show the first again.
  for (const drafts of rest) {
    const id = newConnection();
    patchSession(id, (s) => ({ drafts: { ...s.drafts, ...drafts } }));
  }
  if (rest.length) useAppStore.setState({ activeId: FIRST_SESSION_ID });
  replaceSavedMessages(state.saved);
  replaceEndpoints(state.history);
  useHistory.setState({ rememberSecretsFor: state.settings.rememberSecretsFor });
  if (notice) notify(notice);

  // The default storage uses the shared, pagehide-flushed saver; an explicit one (tests) gets its own.
  let saver: Saver | null = null;
  const save = (s: PersistedState) => {
    if (options.storage === undefined && options.intervalMs === undefined) saveState(s, notify);
    else (saver ??= createSaver(storage, { intervalMs: options.intervalMs ?? 500, onError: notify })).save(s);
  };

  // Save only when something persisted changed: drafts of any tab, tab order, saved messages, history, settings.
  let lastDrafts = draftsOf(useAppStore.getState());
  const unsubscribeApp = useAppStore.subscribe((app) => {
    const drafts = draftsOf(app);
    if (drafts.length === lastDrafts.length && drafts.every((d, i) => d === lastDrafts[i])) return;
    lastDrafts = drafts;
    save(snapshot(app));
  });
  const unsubscribeSaved = useSavedMessages.subscribe((s, prev) => {
    if (s.items !== prev.items) save(snapshot());
  });
  const unsubscribeHistory = useHistory.subscribe((s, prev) => {
    if (s.endpoints !== prev.endpoints || s.rememberSecretsFor !== prev.rememberSecretsFor) save(snapshot());
  });

  const stop = () => {
    unsubscribeApp();
    unsubscribeSaved();
    unsubscribeHistory();
    saver?.flush();
    if (stopCurrent === stop) stopCurrent = null;
  };
  stopCurrent = stop;
  return stop;
}

function draftsOf(app: AppState): unknown[] {
  // Imported (read-only) logs are not tabs to reopen.
  return app.order.filter((id) => !app.sessions[id]?.readOnly).map((id) => app.sessions[id]?.drafts);
}
