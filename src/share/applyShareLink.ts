import { getSession, setProblem, useAppStore } from '../store/appStore';
import { setDraft } from '../store/connectionActions';
import { newConnection } from '../store/tabsActions';
import { readShareLink } from './shareLink';

/** Whether a tab is as a fresh page leaves it: nothing typed, never connected, not an imported log. */
function isUntouched(id: string): boolean {
  const s = getSession(id);
  return Boolean(s && !s.readOnly && s.openedUrl === null && !s.drafts.url && !s.drafts.subprotocols && !s.drafts.message);
}

/**
 * Opens a share link in `location.hash`, once, at startup: its fields go into the only tab when
 * nothing was ever typed there, otherwise into a NEW connection tab, so no tab's drafts
 * (persisted or not) are overwritten. It never connects. A damaged link is
 * reported in the active tab's endpoint alert. The fragment is then removed, so a reload does not
 * open it again. Returns the new tab's id, or null when there was no usable link.
 */
export function applyShareLinkFromLocation(): string | null {
  if (typeof location === 'undefined') return null;
  const shared = readShareLink(location.hash);
  if (shared === null) return null;
  let opened: string | null = null;
  if ('error' in shared) setProblem(useAppStore.getState().activeId, 'endpoint', shared.error);
  else {
    const { order } = useAppStore.getState();
    opened = order.length === 1 && isUntouched(order[0]!) ? order[0]! : newConnection();
    setDraft(opened, shared);
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return opened;
}
