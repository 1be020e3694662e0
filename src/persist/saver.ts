/**
 * Writing the stored state: throttled (one write per interval, the latest state wins), with secrets
 * stripped by the one rule of src/secrets/urlSecrets.ts unless the user opted in for an endpoint.
 * A failed write (quota, private mode, storage disabled) keeps the state pending and is
 * retried on the next change and on a timer with backoff; every outcome is reported, so the page
 * can say when saving fails and when it works again.
 */
import { endpointKey, stripSubprotocols, stripUrlSecrets } from '../secrets/urlSecrets';
import { sortEndpoints } from '../store/historyStore';
import { messageOf } from '../format/thrown';
import type { StorageLike } from './load';
import { STORAGE_KEY, type PersistedState } from './schema';

/**
 * The URL as it may be stored: secret query and fragment parameters and the user-info are left
 * out, unless the endpoint is in `rememberFor`. Works on any text (a half-typed URL too).
 */
export function stripSecretParams(url: string, rememberFor: readonly string[] = []): string {
  if (!url || rememberFor.includes(endpointKey(url))) return url;
  return stripUrlSecrets(url);
}

/** The subprotocols field as it may be stored: credential-carrying tokens left out unless opted in for `url`'s endpoint. */
export function storedSubprotocols(protocols: string, url: string, rememberFor: readonly string[] = []): string {
  return rememberFor.includes(endpointKey(url)) ? protocols : stripSubprotocols(protocols);
}

/** Applies the secrets rule to everything in a state that holds a URL. */
export function withoutSecrets(state: PersistedState): PersistedState {
  const remember = state.settings.rememberSecretsFor;
  return {
    ...state,
    tabs: state.tabs.map((t) => ({ ...t, url: stripSecretParams(t.url, remember), subprotocols: storedSubprotocols(t.subprotocols, t.url, remember) })),
    // Stripping can make two entries the same: keep the newest.
    history: sortEndpoints(state.history.map((e) => ({ ...e, url: stripSecretParams(e.url, remember), subprotocols: storedSubprotocols(e.subprotocols, e.url, remember) }))),
  };
}

/** Retry delays after a failed write: 1 s, 2 s, 4 s… up to 30 s. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

export interface Saver {
  /** Schedules a write of this state: at most one write per interval, the latest state wins. */
  save(state: PersistedState): void;
  /** Writes a pending state now (on pagehide). */
  flush(): void;
  cancel(): void;
}

export interface SaverOptions {
  intervalMs?: number;
  /**
   * Turns the state (secrets stripped) into what is written, just before writing: the cross-tab
   * merge re-reads storage here.
   */
  prepare?: (state: PersistedState) => PersistedState;
  /** After a write that worked: the text written. */
  onWritten?: (raw: string) => void;
  /** After each write: null when it worked, else why it failed (`storage is full`). */
  onResult?: (failure: string | null) => void;
}

/** Why a write failed, in a few words for the page. */
export function describeStorageFailure(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014) return 'storage is full';
  if (name === 'SecurityError') return 'storage is disabled';
  return `storage refused the write: ${messageOf(error)}`;
}

/** A throttled, retrying writer of the state into `storage` (null: nothing can be written, and that is reported). */
export function createSaver(storage: StorageLike | null, options: SaverOptions = {}): Saver {
  const intervalMs = options.intervalMs ?? 500;
  let pending: PersistedState | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  let failures = 0;

  function clear(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function write(): void {
    clear();
    if (!pending) return;
    const state = pending;
    lastWrite = Date.now();
    try {
      if (!storage) throw new Error('browser storage is unavailable');
      const stripped = withoutSecrets(state);
      const raw = JSON.stringify(options.prepare ? options.prepare(stripped) : stripped);
      storage.setItem(STORAGE_KEY, raw);
      options.onWritten?.(raw);
    } catch (error) {
      // Keep the state: it is written by the next change or by the retry timer.
      failures++;
      options.onResult?.(storage ? describeStorageFailure(error) : 'storage is unavailable');
      if (storage) timer = setTimeout(write, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1)));
      return;
    }
    if (pending === state) pending = null;
    failures = 0;
    options.onResult?.(null);
  }

  return {
    save(state) {
      pending = state;
      // After a failure a change retries at the usual pace rather than waiting for the backoff.
      if (timer !== undefined && failures === 0) return;
      clear();
      timer = setTimeout(write, Math.max(0, lastWrite + intervalMs - Date.now()));
    },
    flush: write,
    cancel() {
      clear();
      pending = null;
    },
  };
}
