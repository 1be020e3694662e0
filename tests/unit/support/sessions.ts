import { addSession, useAppStore } from '../../../src/store/appStore';
import type { SessionState } from '../../../src/store/sessionState';

/** Adds a connection (slice and session) and makes it the only tab shown, as a fresh page would. */
export function showOnlySession(slice: SessionState): void {
  addSession(slice);
  useAppStore.setState({ order: [slice.id], activeId: slice.id });
}
