/**
 * Secrets in stored URLs: which query parameters look secret, and the state as it may be stored.
 * (Loading, the format and saving live in load.ts, schema.ts and saver.ts.)
 */
import { sortEndpoints } from '../store/historyStore';
import type { PersistedState } from './schema';
import { endpointKey, stripSubprotocols, stripUrlSecrets } from '../secrets/urlSecrets';

// ---------------------------------------------------------------------------
// Secrets in URLs
// ---------------------------------------------------------------------------

// The rule itself lives in src/secrets/urlSecrets.ts (one rule for every path that writes a URL).
export { endpointKey, isSecretParamName } from '../secrets/urlSecrets';

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
