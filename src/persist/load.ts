/**
 * Reading the stored state: JSON, version, migration, then the schema. Never throws: what cannot be
 * read is reset (the unreadable text kept under BACKUP_KEY) and said in a notice.
 */
import { fail, ok, type ParseResult } from '../codecs/result';
import { migrate } from './migrate';
import { BACKUP_KEY, emptyState, SCHEMA_VERSION, STORAGE_KEY, validateState, type PersistedState } from './schema';
import { messageOf } from '../format/thrown';

/** The part of the Storage interface used here (tests pass a stand-in). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface LoadResult {
  state: PersistedState;
  /** Set when something was migrated, dropped or reset: shown to the user. */
  notice?: string;
}

/** localStorage, or null where reading it throws (sandboxed frames, blocked cookies) or it does not exist. */
export function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A stored text, read: the state and notes on what was migrated or dropped; or why it cannot be read. */
export function parseStoredText(raw: string): ParseResult<{ state: PersistedState; notes: string[] }> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return fail(`Stored settings were unreadable (${messageOf(error)}) and have been reset.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('Stored settings had an unknown shape and have been reset.');
  const record = data as Record<string, unknown>;
  let version: number;
  if (!('version' in record)) version = 0;
  else if (typeof record.version === 'number' && Number.isInteger(record.version) && record.version >= 0) version = record.version;
  else return fail(`Stored settings had an invalid version (${JSON.stringify(record.version)?.slice(0, 40)}) and have been reset.`);
  if (version > SCHEMA_VERSION) {
    return fail(`Stored settings were written by a newer version of this page (schema ${version}; this page reads ${SCHEMA_VERSION}) and have been reset.`);
  }
  const notes: string[] = [];
  let current: Record<string, unknown>;
  try {
    current = migrate(record, version);
  } catch (error) {
    return fail(`Stored settings from an older version could not be migrated (${messageOf(error)}) and have been reset.`);
  }
  if (version < SCHEMA_VERSION) notes.push(`Stored settings from an older version of this page (schema ${version}) were migrated to schema ${SCHEMA_VERSION}.`);
  const checked = validateState(current);
  if (!checked.ok) return fail(`Stored settings had an unknown shape (${checked.error}) and have been reset.`);
  const { state, dropped } = checked.value;
  if (dropped.length) notes.push(`Some stored data was invalid and was skipped: ${dropped.join(', ')}.`);
  return ok({ state, notes });
}

/** Reads the stored state; never throws. */
export function loadState(storage: StorageLike | null = defaultStorage()): LoadResult {
  if (!storage) return { state: emptyState(), notice: 'Browser storage is unavailable: drafts, saved messages and history will not be kept after this page closes.' };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (error) {
    return { state: emptyState(), notice: `Browser storage could not be read (${messageOf(error)}): starting with empty drafts, saved messages and history.` };
  }
  if (raw === null) return { state: emptyState() };
  const parsed = parseStoredText(raw);
  if (!parsed.ok) return reset(storage, raw, parsed.error);
  const { state, notes } = parsed.value;
  return notes.length ? { state, notice: notes.join(' ') } : { state };
}

function reset(storage: StorageLike, raw: string, notice: string): LoadResult {
  const state = emptyState();
  try {
    storage.setItem(BACKUP_KEY, raw);
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // No room for the backup (an oversized value): leave the value for the next save to replace,
    // and start empty either way; the saver reports a failing storage.
  }
  return { state, notice };
}
