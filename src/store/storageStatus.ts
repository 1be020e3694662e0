/**
 * Whether the page can keep its state in the browser: the last save's failure, and what loading
 * found (migrated, skipped, reset). Written by persist/, read by components/StorageStatus.
 */
import { create } from 'zustand';

export interface StorageStatusState {
  /** Why the last save failed (`storage is full`), or null while saving works. */
  saveFailure: string | null;
  /** What loading the stored state found, until the user dismisses it. */
  loadNotice: string | null;
}

/** Persistence status, shared by every connection tab. */
export const useStorageStatus = create<StorageStatusState>()(() => ({ saveFailure: null, loadNotice: null }));

/** Records the outcome of a save: null when it worked. */
export function setSaveFailure(failure: string | null): void {
  if (useStorageStatus.getState().saveFailure !== failure) useStorageStatus.setState({ saveFailure: failure });
}

/** Shows (or, with null, hides) what loading the stored state found. */
export function setLoadNotice(notice: string | null): void {
  useStorageStatus.setState({ loadNotice: notice });
}
