/**
 * What the page remembers between visits, in localStorage under one versioned key:
 * each tab's drafts (URL, subprotocols, message, format), saved messages, recent endpoints and settings.
 * Never logs or counters. Loading never throws: old shapes are migrated, unreadable ones reset.
 */
import type { MessageFormat } from '../store/logEntry';
import { sortEndpoints, type RecentEndpoint } from '../store/historyStore';
import { isMessageFormat } from '../compose/formats';
import type { SavedMessage } from '../store/savedMessagesStore';

export const STORAGE_KEY = 'websocket-tester:state';
/** Where an unreadable stored value is kept when it is reset, so nothing is silently lost. */
export const BACKUP_KEY = `${STORAGE_KEY}:unreadable`;
export const SCHEMA_VERSION = 1;

export interface PersistedDrafts {
  url: string;
  subprotocols: string;
  message: string;
  format: MessageFormat;
}

export interface PersistedSettings {
  /** Endpoints (see endpointKey) whose secret-looking query parameters are stored. */
  rememberSecretsFor: string[];
}

export interface PersistedState {
  version: typeof SCHEMA_VERSION;
  /** Drafts of each connection tab, in tab order. */
  tabs: PersistedDrafts[];
  saved: SavedMessage[];
  history: RecentEndpoint[];
  settings: PersistedSettings;
}

/** The part of the Storage interface used here (tests pass a stand-in). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface LoadResult {
  state: PersistedState;
  /** Set when something was migrated, dropped or reset: shown to the user as an `info` entry. */
  notice?: string;
}

export function emptyState(): PersistedState {
  return { version: SCHEMA_VERSION, tabs: [], saved: [], history: [], settings: { rememberSecretsFor: [] } };
}

/** localStorage, or null where reading it throws (sandboxed frames, blocked cookies) or it does not exist. */
export function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const explain = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/** Reads the stored state; never throws. */
export function loadState(storage: StorageLike | null = defaultStorage()): LoadResult {
  if (!storage) return { state: emptyState(), notice: 'Browser storage is unavailable: drafts, saved messages and history will not be kept after this page closes.' };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (error) {
    return { state: emptyState(), notice: `Browser storage could not be read (${explain(error)}): starting with empty drafts, saved messages and history.` };
  }
  if (raw === null) return { state: emptyState() };

  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return reset(storage, raw, `Stored settings were unreadable (${explain(error)}) and have been reset.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return reset(storage, raw, 'Stored settings had an unknown shape and have been reset.');
  }

  const record = data as Record<string, unknown>;
  let version: number;
  if (!('version' in record)) version = 0;
  else if (typeof record.version === 'number' && Number.isInteger(record.version) && record.version >= 0) version = record.version;
  else return reset(storage, raw, `Stored settings had an invalid version (${JSON.stringify(record.version)}) and have been reset.`);

  if (version > SCHEMA_VERSION) {
    return reset(storage, raw, `Stored settings were written by a newer version of this page (schema ${version}; this page reads ${SCHEMA_VERSION}) and have been reset.`);
  }

  let current: unknown = data;
  const notices: string[] = [];
  try {
    for (let v = version; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) throw new Error(`no migration from schema ${v}`);
      current = step(current);
    }
  } catch (error) {
    return reset(storage, raw, `Stored settings from an older version could not be migrated (${explain(error)}) and have been reset.`);
  }
  if (version < SCHEMA_VERSION) notices.push(`Stored settings from an older version of this page (schema ${version}) were migrated to schema ${SCHEMA_VERSION}.`);

  const { state, dropped } = sanitize(current as Record<string, unknown>);
  if (dropped.length) notices.push(`Some stored data was invalid and was dropped: ${dropped.join(', ')}.`);
  return notices.length ? { state, notice: notices.join(' ') } : { state };
}

function reset(storage: StorageLike, raw: string, notice: string): LoadResult {
  const state = emptyState();
  try {
    storage.setItem(BACKUP_KEY, raw);
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Nothing more to do: the page starts empty either way.
  }
  return { state, notice };
}

/**
 * Migrations, each from schema N to N+1. Schema 0 (before versioning) was one bare object of the
 * first tab's fields: { url, subprotocols | protocols, message, format }.
 */
const MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  0: (old) => {
    const o = old as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const protocols = Array.isArray(o.protocols) ? o.protocols.filter((p) => typeof p === 'string').join(', ') : str(o.protocols);
    const tab = { url: str(o.url), subprotocols: str(o.subprotocols) || protocols, message: str(o.message), format: isMessageFormat(o.format) ? o.format : 'text' };
    const hasTab = tab.url || tab.subprotocols || tab.message;
    return { version: 1, tabs: hasTab ? [tab] : [], saved: [], history: [], settings: { rememberSecretsFor: [] } };
  },
};

const isString = (v: unknown): v is string => typeof v === 'string';

/** Keeps what is well-formed in a schema-1 object, and lists what was not. */
function sanitize(data: Record<string, unknown>): { state: PersistedState; dropped: string[] } {
  const dropped: string[] = [];
  const listOf = (key: string): unknown[] => {
    const value = data[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      dropped.push(key);
      return [];
    }
    return value;
  };
  const count = (what: string, before: number, after: number) => {
    if (after < before) dropped.push(`${before - after} ${what}`);
  };

  const rawTabs = listOf('tabs');
  const tabs = rawTabs.flatMap((t): PersistedDrafts[] => {
    if (!t || typeof t !== 'object') return [];
    const o = t as Record<string, unknown>;
    return [{
      url: isString(o.url) ? o.url : '',
      subprotocols: isString(o.subprotocols) ? o.subprotocols : '',
      message: isString(o.message) ? o.message : '',
      format: isMessageFormat(o.format) ? o.format : 'text',
    }];
  });
  count('tab drafts', rawTabs.length, tabs.length);

  const rawSaved = listOf('saved');
  const ids = new Set<string>();
  const saved = rawSaved.flatMap((m, index): SavedMessage[] => {
    if (!m || typeof m !== 'object') return [];
    const o = m as Record<string, unknown>;
    if (!isString(o.name) || !o.name.trim() || !isString(o.body)) return [];
    let id = isString(o.id) && o.id ? o.id : `restored-${index}`;
    while (ids.has(id)) id = `${id}-${index}`;
    ids.add(id);
    return [{
      id,
      name: o.name,
      folder: isString(o.folder) ? o.folder : '',
      body: o.body,
      format: isMessageFormat(o.format) ? o.format : 'text',
      createdAt: typeof o.createdAt === 'number' && Number.isFinite(o.createdAt) ? o.createdAt : 0,
    }];
  });
  count('saved messages', rawSaved.length, saved.length);

  const rawHistory = listOf('history');
  const history = rawHistory.flatMap((e): RecentEndpoint[] => {
    if (!e || typeof e !== 'object') return [];
    const o = e as Record<string, unknown>;
    if (!isString(o.url) || !o.url.trim() || typeof o.at !== 'number' || !Number.isFinite(o.at)) return [];
    return [{ url: o.url, subprotocols: isString(o.subprotocols) ? o.subprotocols : '', at: o.at }];
  });
  count('recent endpoints', rawHistory.length, history.length);

  const settingsRaw = data.settings;
  let rememberSecretsFor: string[] = [];
  if (settingsRaw !== undefined) {
    if (settingsRaw && typeof settingsRaw === 'object' && !Array.isArray(settingsRaw)) {
      const list = (settingsRaw as Record<string, unknown>).rememberSecretsFor;
      if (Array.isArray(list)) rememberSecretsFor = list.filter(isString);
      else if (list !== undefined) dropped.push('settings.rememberSecretsFor');
    } else dropped.push('settings');
  }

  return { state: { version: SCHEMA_VERSION, tabs, saved, history: sortEndpoints(history), settings: { rememberSecretsFor } }, dropped };
}

// ---------------------------------------------------------------------------
// Secrets in URLs
// ---------------------------------------------------------------------------

const SECRET_WORDS = new Set([
  'token', 'tokens', 'auth', 'authorization', 'authentication', 'key', 'apikey', 'password', 'passwd', 'pwd', 'pass', 'passphrase',
  'secret', 'secrets', 'signature', 'sig', 'jwt', 'credential', 'credentials', 'session', 'sessionid', 'sid', 'bearer', 'otp', 'ticket',
]);
const SECRET_ENDINGS = ['token', 'secret', 'password', 'passwd', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'signature', 'credential', 'credentials'];

/** True for query parameter names that look like they carry a secret: token, access_token, auth, key, password, secret, X-Amz-Signature... */
export function isSecretParamName(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // Keep the raw name.
  }
  const words = decoded
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  const compact = words.join('');
  return compact.startsWith('auth') || SECRET_ENDINGS.some((ending) => compact.endsWith(ending));
}

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/** The endpoint a URL names, for the secrets opt-in: without credentials, query or fragment. */
export function endpointKey(url: string): string {
  return url.trim().replace(USERINFO, '$1').split(/[?#]/, 1)[0] ?? '';
}

/**
 * The URL as it may be stored: secret-looking query parameters and a password in the user info are
 * removed, unless the endpoint is in `rememberFor`. Works on any text (a half-typed URL too).
 */
export function stripSecretParams(url: string, rememberFor: readonly string[] = []): string {
  if (!url || rememberFor.includes(endpointKey(url))) return url;
  let out = url.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon === -1 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}@`;
  });
  const hashAt = out.indexOf('#');
  const fragment = hashAt === -1 ? '' : out.slice(hashAt);
  const beforeHash = hashAt === -1 ? out : out.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return out;
  const base = beforeHash.slice(0, queryAt);
  const params = beforeHash.slice(queryAt + 1).split('&');
  const kept = params.filter((p) => !isSecretParamName(p.split('=', 1)[0] ?? ''));
  if (kept.length === params.length) return out;
  out = `${base}${kept.some(Boolean) ? `?${kept.join('&')}` : ''}${fragment}`;
  return out;
}

/** Applies the secrets rule to everything in a state that holds a URL. */
export function withoutSecrets(state: PersistedState): PersistedState {
  const remember = state.settings.rememberSecretsFor;
  return {
    ...state,
    tabs: state.tabs.map((t) => ({ ...t, url: stripSecretParams(t.url, remember) })),
    // Stripping can make two entries the same: keep the newest.
    history: sortEndpoints(state.history.map((e) => ({ ...e, url: stripSecretParams(e.url, remember) }))),
  };
}

// ---------------------------------------------------------------------------
// Saving (throttled)
// ---------------------------------------------------------------------------

export interface Saver {
  /** Schedules a write of this state: at most one write per interval, the latest state wins. */
  save(state: PersistedState): void;
  /** Writes a pending state now (on pagehide). */
  flush(): void;
  cancel(): void;
}

export function createSaver(storage: StorageLike | null, options: { intervalMs?: number; onError?: (message: string) => void } = {}): Saver {
  const intervalMs = options.intervalMs ?? 500;
  let pending: PersistedState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  let failed = false;

  function write(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!pending || !storage) return;
    const state = withoutSecrets(pending);
    pending = null;
    lastWrite = Date.now();
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(state));
      failed = false;
    } catch (error) {
      // Report once per run of failures (e.g. quota exceeded), not on every keystroke.
      if (!failed) options.onError?.(`Could not save drafts, saved messages and history in browser storage: ${explain(error)}`);
      failed = true;
    }
  }

  return {
    save(state) {
      pending = state;
      if (timer !== undefined) return;
      timer = setTimeout(write, Math.max(0, lastWrite + intervalMs - Date.now()));
    },
    flush: write,
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = null;
    },
  };
}

let defaultSaver: Saver | null = null;

/** Saves to localStorage, throttled to one write per 500 ms, and flushed when the page is hidden or left. */
export function saveState(state: PersistedState, onError?: (message: string) => void): void {
  if (!defaultSaver) {
    const saver = createSaver(defaultStorage(), { onError: (m) => onError?.(m) });
    defaultSaver = saver;
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', () => saver.flush());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') saver.flush();
      });
    }
  }
  defaultSaver.save(state);
}

/** Writes a pending save now. */
export function flushSaveState(): void {
  defaultSaver?.flush();
}
