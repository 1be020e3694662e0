import { isSimulatorUrl } from '../protocol/url';
import { displayUrl } from './urlSecrets';

// Long enough for a host and a short path; a tab or a title bar shows no more anyway.
const MAX_LABEL = 60;

/** A connection's short name for a tab label or the window title: `host/path`, secrets never included. */
export function connectionLabel(url: string): string {
  if (isSimulatorUrl(url)) return 'Simulator';
  const shown = displayUrl(url);
  return shown.length > MAX_LABEL ? `${shown.slice(0, MAX_LABEL - 1)}…` : shown;
}
