/**
 * Sharing saved messages and recent endpoints between browser tabs of this page: merging what
 * another tab stored into the stores, and re-reading storage before each write (see merge.ts for
 * the rule). Drafts are per tab and never merged: each page writes its own tabs' drafts.
 *
 * NOTE: storage holds endpoints with their secrets stripped, while this page's store keeps the URL
 * as typed. Endpoints are therefore matched by their stored form (storedEndpointKey), and this
 * page's own records are kept as typed; only records new to this page are taken from storage.
 */
import { replaceEndpoints, sortEndpoints, useHistory, type RecentEndpoint } from '../store/historyStore';
import { replaceSavedMessages, useSavedMessages } from '../store/savedMessagesStore';
import { parseStoredText, type StorageLike } from './load';
import { mergeShared, sameRecords, type SharedRecords } from './merge';
import { emptyState, endpointRecordKey, STORAGE_KEY, type PersistedState, type Tombstone } from './schema';
import { withoutSecrets } from './saver';

/** Tells `listener` about every value another page writes under a key; returns the unsubscribe. */
export type ChangeFeed = (listener: (key: string | null, newValue: string | null) => void) => () => void;

/** The browser's `storage` event (fired in every other page of the origin on a write) as a ChangeFeed. */
export function windowChangeFeed(storage: StorageLike | null): ChangeFeed {
  return (listener) => {
    if (typeof window === 'undefined') return () => {};
    const onStorage = (event: StorageEvent) => {
      if (event.storageArea === storage) listener(event.key, event.newValue);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  };
}

/** An endpoint's identity as storage holds it: its URL after the secrets rule. */
export function storedEndpointKey(endpoint: RecentEndpoint, rememberSecretsFor: readonly string[]): string {
  const [stored] = withoutSecrets({ ...emptyState(), history: [endpoint], settings: { rememberSecretsFor: [...rememberSecretsFor] } }).history;
  return endpointRecordKey(stored ?? endpoint);
}

/** The deletions this page knows of, kept beside the stores (they hold only live records). */
export interface Deletions {
  saved: Tombstone[];
  history: Tombstone[];
}

/**
 * Keeps the stores and the deletion marks in step with another tab's records. `quiet` runs the
 * store updates without them being taken for this page's own edits.
 */
export function createSync(deletions: Deletions, quiet: (update: () => void) => void) {
  let lastRaw: string | null = null;

  /** This page's records, endpoints in their stored form. */
  const local = (): SharedRecords => ({ saved: useSavedMessages.getState().items, history: withoutSecrets(historyOnly()).history, deleted: deletions });
  const historyOnly = (): PersistedState => {
    const h = useHistory.getState();
    return { ...emptyState(), history: h.endpoints, settings: { rememberSecretsFor: h.rememberSecretsFor } };
  };

  function adopt(merged: SharedRecords): void {
    deletions.saved = merged.deleted.saved;
    deletions.history = merged.deleted.history;
    const { endpoints, rememberSecretsFor } = useHistory.getState();
    const mergedKeys = new Set(merged.history.map(endpointRecordKey));
    const localKeys = new Set(endpoints.map((e) => storedEndpointKey(e, rememberSecretsFor)));
    const history = sortEndpoints([
      ...endpoints.filter((e) => mergedKeys.has(storedEndpointKey(e, rememberSecretsFor))),
      ...merged.history.filter((e) => !localKeys.has(endpointRecordKey(e))),
    ]);
    quiet(() => {
      if (!sameRecords(useSavedMessages.getState().items, merged.saved)) replaceSavedMessages(merged.saved);
      if (!sameRecords(endpoints, history)) replaceEndpoints(history);
    });
  }

  /** What storage holds now, unless it is what this page last read or wrote (nothing new). */
  function readNew(storage: StorageLike): PersistedState | null {
    let raw: string | null;
    try {
      raw = storage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
    if (raw === null || raw === lastRaw) return null;
    lastRaw = raw;
    const parsed = parseStoredText(raw);
    return parsed.ok ? parsed.value.state : null;
  }

  return {
    /** Merges what another tab stored into this page (a `storage` event). */
    receive(raw: string): void {
      lastRaw = raw;
      const parsed = parseStoredText(raw);
      // Another page's unreadable or newer value is not ours to reset; our next write merges over it.
      if (!parsed.ok) return;
      const stored = parsed.value.state;
      adopt(mergeShared(local(), stored));
      const remember = stored.settings.rememberSecretsFor;
      if (!sameRecords(useHistory.getState().rememberSecretsFor, remember)) quiet(() => useHistory.setState({ rememberSecretsFor: remember }));
    },
    /**
     * What to write for `state` (secrets already stripped): merged with what storage holds now, so
     * no other tab's record is lost. `written` is then told the text actually written.
     */
    prepare(state: PersistedState, storage: StorageLike | null): PersistedState {
      const stored = storage ? readNew(storage) : null;
      // The stores may hold more than `state` by now (another tab's records merged since it was taken).
      const mine = mergeShared({ saved: state.saved, history: state.history, deleted: state.deleted }, local());
      const merged = stored ? mergeShared(mine, stored) : mine;
      adopt(merged);
      return { ...state, ...merged };
    },
    /** Records the text this page wrote, so the next write need not read it back. */
    written(raw: string): void {
      lastRaw = raw;
    },
  };
}
