/**
 * Whether a new version of the app is installed and waiting: written by pwa/registerServiceWorker.ts,
 * read by components/UpdatePrompt. The waiting version takes over only when the user asks.
 */
import { create } from 'zustand';

export interface AppUpdateState {
  /** Hands control to the waiting version, which then reloads the page; null while none waits. */
  activate: (() => void) | null;
}

/** The waiting new version, if any. */
export const useAppUpdate = create<AppUpdateState>()(() => ({ activate: null }));

/** Records that a new version waits, with the function that switches to it. */
export function setUpdateWaiting(activate: () => void): void {
  useAppUpdate.setState({ activate });
}

/** Switches to the waiting version (the page reloads once it controls the page); nothing if none waits. */
export function applyUpdate(): void {
  useAppUpdate.getState().activate?.();
}
