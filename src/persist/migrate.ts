/**
 * Migrations of the stored format, each from schema N to N+1. They only reshape; validateState
 * checks the result, so a migration may pass odd values through.
 */
import { isMessageFormat } from '../compose/formats';
import { isPlausibleTime, TIME_MIN } from './bounds';
import { SCHEMA_VERSION } from './schema';

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const time = (value: unknown) => (typeof value === 'number' && isPlausibleTime(value) ? value : TIME_MIN);

const MIGRATIONS: Record<number, Migration> = {
  // Schema 0 (before versioning) was one bare object of the first tab's fields: { url, subprotocols | protocols, message, format }.
  0: (o) => {
    const protocols = Array.isArray(o.protocols) ? o.protocols.filter((p) => typeof p === 'string').join(', ') : str(o.protocols);
    const tab = { url: str(o.url), subprotocols: str(o.subprotocols) || protocols, message: str(o.message), format: isMessageFormat(o.format) ? o.format : 'text' };
    const hasTab = tab.url || tab.subprotocols || tab.message;
    return { version: 1, tabs: hasTab ? [tab] : [], saved: [], history: [], settings: { rememberSecretsFor: [] } };
  },
  // Schema 2 adds updatedAt to saved messages and deletion marks, for merging between browser tabs.
  // Schema 1 wrote createdAt 0 for a message restored without one: it becomes the oldest possible time.
  1: (o) => ({
    ...o,
    version: 2,
    saved: Array.isArray(o.saved)
      ? o.saved.map((m: unknown) => {
          if (!m || typeof m !== 'object') return m;
          const createdAt = time((m as Record<string, unknown>).createdAt);
          return { ...m, createdAt, updatedAt: createdAt };
        })
      : o.saved,
    deleted: { saved: [], history: [] },
  }),
};

/** Brings a stored object of schema `from` to the current schema; throws when a step is missing. */
export function migrate(data: Record<string, unknown>, from: number): Record<string, unknown> {
  let current = data;
  for (let version = from; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from schema ${version}`);
    current = step(current);
  }
  return current;
}
