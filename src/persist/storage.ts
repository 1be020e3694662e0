/**
 * Secrets in stored URLs: which query parameters look secret, and the state as it may be stored.
 * (Loading, the format and saving live in load.ts, schema.ts and saver.ts.)
 */
import { sortEndpoints } from '../store/historyStore';
import type { PersistedState } from './schema';

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
