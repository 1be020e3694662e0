import type { LogFilter } from '../log/logFilter';
import { patchSession } from './appStore';

/** Changes a connection's log filter (query, Regex, Match case, kinds). */
export function setFilter(id: string, patch: Partial<LogFilter>): void {
  patchSession(id, (s) => ({ filter: { ...s.filter, ...patch } }));
}
