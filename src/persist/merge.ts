/**
 * Merging what several browser tabs keep: saved messages and recent endpoints, record by record.
 *
 * NOTE: why tombstones. Each tab re-reads storage before it writes and merges, and merges what
 * another tab wrote (the `storage` event). A plain union would bring a deleted record back from
 * the other tab's copy, so a deletion is kept as a mark { id, at } for TOMBSTONE_TTL_MS. Per
 * record, the newest write wins (`updatedAt`, or `at` for an endpoint); a mark wins over a record
 * not newer than it. The merge is commutative and idempotent, so tabs agree whatever the order.
 */
import { sortEndpoints, type RecentEndpoint } from '../store/historyStore';
import type { SavedMessage } from '../store/savedMessagesStore';
import { LIMITS } from './bounds';
import { endpointRecordKey, type Tombstone } from './schema';

/** How long a deletion is remembered: any tab open meanwhile has merged it long before. */
export const TOMBSTONE_TTL_MS = 30 * 86_400_000;

/** What browser tabs share. */
export interface SharedRecords {
  saved: SavedMessage[];
  history: RecentEndpoint[];
  deleted: { saved: Tombstone[]; history: Tombstone[] };
}

/** Union of marks, newest per id, younger than the TTL, at most LIMITS.tombstones (newest kept). */
export function mergeTombstones(a: readonly Tombstone[], b: readonly Tombstone[], now = Date.now()): Tombstone[] {
  const byId = new Map<string, number>();
  for (const t of [...a, ...b]) {
    if (now - t.at > TOMBSTONE_TTL_MS) continue;
    const seen = byId.get(t.id);
    if (seen === undefined || t.at > seen) byId.set(t.id, t.at);
  }
  return [...byId.entries()]
    .map(([id, at]) => ({ id, at }))
    .sort((x, y) => y.at - x.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .slice(0, LIMITS.tombstones);
}

/** Per key, the record with the newest time; equal times are broken by content, so every tab picks the same. */
function newestPerKey<T>(records: readonly T[], key: (r: T) => string, time: (r: T) => number): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of records) {
    const k = key(r);
    const other = out.get(k);
    if (!other || time(r) > time(other) || (time(r) === time(other) && JSON.stringify(r) > JSON.stringify(other))) out.set(k, r);
  }
  return out;
}

function mergeRecords<T>(a: readonly T[], b: readonly T[], marks: readonly Tombstone[], key: (r: T) => string, time: (r: T) => number): T[] {
  const deletedAt = new Map(marks.map((t) => [t.id, t.at]));
  return [...newestPerKey([...a, ...b], key, time).entries()]
    .filter(([k, r]) => {
      const at = deletedAt.get(k);
      return at === undefined || time(r) > at;
    })
    .map(([, r]) => r);
}

const byCreation = (x: SavedMessage, y: SavedMessage) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** Merges two tabs' records; the result is the same whichever is `a`. */
export function mergeShared(a: SharedRecords, b: SharedRecords, now = Date.now()): SharedRecords {
  const deleted = {
    saved: mergeTombstones(a.deleted.saved, b.deleted.saved, now),
    history: mergeTombstones(a.deleted.history, b.deleted.history, now),
  };
  const saved = mergeRecords(a.saved, b.saved, deleted.saved, (m) => m.id, (m) => m.updatedAt).sort(byCreation).slice(0, LIMITS.saved);
  const history = sortEndpoints(mergeRecords(a.history, b.history, deleted.history, endpointRecordKey, (e) => e.at));
  return { saved, history, deleted };
}

/** Marks for the records in `before` that are not in `after` (deleted here), at `now`. */
export function deletionsBetween<T>(before: readonly T[], after: readonly T[], key: (r: T) => string, now = Date.now()): Tombstone[] {
  if (before.length === 0) return [];
  const kept = new Set(after.map(key));
  return before.filter((r) => !kept.has(key(r))).map((r) => ({ id: key(r), at: now }));
}

/** Whether two lists hold the same records in the same order (to skip a no-op store update). */
export function sameRecords<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i] || JSON.stringify(r) === JSON.stringify(b[i]));
}
