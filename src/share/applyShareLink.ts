import { setProblem } from '../store/appStore';
import { setDraft } from '../store/connectionActions';
import { readShareLink } from './shareLink';

/**
 * Fills connection `id`'s fields from a share link in `location.hash`, once, at startup. It never
 * connects. A damaged link is reported in the endpoint alert. The fragment is then removed, so a
 * reload does not fill the fields again.
 */
export function applyShareLinkFromLocation(id: string): void {
  if (typeof location === 'undefined') return;
  const shared = readShareLink(location.hash);
  if (shared === null) return;
  if ('error' in shared) {
    const message = shared.error;
    setProblem(id, 'endpoint', message);
  } else {
    setDraft(id, shared);
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}
