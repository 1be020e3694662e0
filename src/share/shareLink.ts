import { isMessageFormat } from '../compose/formats';
import type { MessageFormat } from '../store/logEntry';
import type { Drafts } from '../store/sessionState';

/** What a share link carries: the endpoint and the composer, never the log or anything received. */
export type SharedDrafts = Pick<Drafts, 'url' | 'subprotocols' | 'format' | 'message'>;

const VERSION = 1;

// Parameter names compared lowercased with '-', '_', '.', '[' and ']' removed (so api_key, API-Key and apiKey match).
const SECRET_NAMES = new Set([
  'token', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'bearer',
  'auth', 'authorization', 'authkey',
  'key', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'subscriptionkey',
  'password', 'passwd', 'pwd', 'pass', 'passphrase',
  'secret', 'clientsecret',
  'jwt', 'session', 'sessionid', 'sid', 'sessiontoken',
  'signature', 'sig', 'credential', 'credentials', 'otp',
  'xamzsignature', 'xamzcredential', 'xamzsecuritytoken', 'xgoogsignature', 'xgoogcredential',
]);
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'signature', 'apikey', 'sessionid'];

/** True for a query parameter name that looks like it carries a credential (case-insensitive). */
export function isSecretName(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[-_.[\]]/g, '');
  return SECRET_NAMES.has(normalised) || SECRET_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Removes secret-looking query parameters (and a password in the user info) from a URL as typed,
 * leaving the rest of the text exactly as it was. `removed` names what was taken out, once each.
 */
export function stripSecrets(url: string): { url: string; removed: string[] } {
  const removed: string[] = [];
  const note = (name: string) => {
    if (!removed.includes(name)) removed.push(name);
  };
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  let rest = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = rest.indexOf('?');
  const query = queryAt >= 0 ? rest.slice(queryAt + 1) : null;
  rest = queryAt >= 0 ? rest.slice(0, queryAt) : rest;

  // scheme://user:password@host → scheme://user@host
  const userInfo = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#@]*)@/.exec(rest);
  if (userInfo && userInfo[2]!.includes(':')) {
    rest = `${userInfo[1]}${userInfo[2]!.slice(0, userInfo[2]!.indexOf(':'))}@${rest.slice(userInfo[0].length)}`;
    note('password (in the user info)');
  }

  if (query === null) return { url: rest + fragment, removed };
  const parts = query.split('&');
  const kept = parts.filter((part) => {
    if (part === '') return true;
    const name = decodeName(part.split('=', 1)[0]!);
    if (!isSecretName(name)) return true;
    note(name);
    return false;
  });
  if (kept.length === parts.length) return { url: `${rest}?${query}${fragment}`, removed };
  const keptQuery = kept.filter((part) => part !== '').join('&');
  return { url: `${rest}${keptQuery === '' ? '' : `?${keptQuery}`}${fragment}`, removed };
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * A link that opens the app with these fields filled in. Everything travels in the fragment
 * (`#share=…`), which browsers never send to a server. Secret-looking query parameters are left
 * out of the URL unless `includeSecrets`.
 */
export function buildShareLink(pageHref: string, drafts: SharedDrafts, { includeSecrets = false } = {}): string {
  const hashAt = pageHref.indexOf('#');
  const page = hashAt >= 0 ? pageHref.slice(0, hashAt) : pageHref;
  const url = includeSecrets ? drafts.url : stripSecrets(drafts.url).url;
  const payload = { v: VERSION, url, subprotocols: drafts.subprotocols, format: drafts.format, message: drafts.message };
  return `${page}#share=${toBase64Url(JSON.stringify(payload))}`;
}

/** The `share` value of a fragment such as `#share=…`, or null when the fragment has none. */
function shareParam(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return null;
  return new URLSearchParams(body).get('share');
}

/**
 * Reads the fields a share link carries from `location.hash`: null when the fragment is not a share
 * link, the fields it sets, or an error when the link is damaged or from an unknown version.
 */
export function readShareLink(hash: string): Partial<SharedDrafts> | { error: string } | null {
  const value = shareParam(hash);
  if (value === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(value.trim()));
  } catch {
    return { error: 'This share link is damaged (it may have been cut short when copied): nothing was filled in.' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { error: 'This share link is damaged: nothing was filled in.' };
  }
  const record = data as Record<string, unknown>;
  if (record.v !== VERSION) {
    return { error: `This share link has an unknown version (${JSON.stringify(record.v ?? null)}): nothing was filled in.` };
  }
  const drafts: Partial<SharedDrafts> = {};
  for (const key of ['url', 'subprotocols', 'message'] as const) {
    const field = record[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return { error: `This share link is damaged (${key} is not text): nothing was filled in.` };
    drafts[key] = field;
  }
  if (record.format !== undefined) {
    if (!isMessageFormat(record.format)) {
      return { error: `This share link has an unknown format (${JSON.stringify(record.format)}): nothing was filled in.` };
    }
    drafts.format = record.format as MessageFormat;
  }
  return drafts;
}
