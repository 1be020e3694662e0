/**
 * Sharing saved messages and recent endpoints between browser tabs of this page: merging what
 * another tab stored into the stores, and re-reading storage before each write (see merge.ts for
 * the rule). Drafts are per tab and never merged: each page writes its own tabs' drafts.
 */
import { replaceEndpoints, useHistory } from '../store/historyStore';
import { replaceSavedMessages, useSavedMessages } from '../store/savedMessagesStore';
import { parseStoredText, type StorageLike } from './load';
import { mergeShared, sameRecords, type SharedRecords } from './merge';
import { STORAGE_KEY, type PersistedState, type Tombstone } from './schema';

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

/** The shared part of what is stored now, or null when nothing readable is. */
export function readStoredState(storage: StorageLike): PersistedState | null {
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  const parsed = parseStoredText(raw);
  return parsed.ok ? parsed.value.state : null;
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
  const local = (): SharedRecords => ({ saved: useSavedMessages.getState().items, history: useHistory.getState().endpoints, deleted: deletions });

  function adopt(merged: SharedRecords): void {
    deletions.saved = merged.deleted.saved;
    deletions.history = merged.deleted.history;
    quiet(() => {
      if (!sameRecords(useSavedMessages.getState().items, merged.saved)) replaceSavedMessages(merged.saved);
      if (!sameRecords(useHistory.getState().endpoints, merged.history)) replaceEndpoints(merged.history);
    });
  }

  return {
    /** Merges what another tab stored into this page (a `storage` event). */
    receive(stored: PersistedState): void {
      adopt(mergeShared(local(), stored));
      const remember = stored.settings.rememberSecretsFor;
      if (!sameRecords(useHistory.getState().rememberSecretsFor, remember)) quiet(() => useHistory.setState({ rememberSecretsFor: remember }));
    },
    /** What to write instead of `state`: merged with what storage holds now, so no other tab's record is lost. */
    prepare(state: PersistedState, storage: StorageLike | null): PersistedState {
      const stored = storage ? readStoredState(storage) : null;
      const mine: SharedRecords = { saved: state.saved, history: state.history, deleted: { saved: [...state.deleted.saved], history: [...state.deleted.history] } };
      const merged = stored ? mergeShared(mine, stored) : mergeShared(mine, mine);
      adopt(mergeShared(local(), merged));
      return { ...state, ...merged };
    },
  };
}
