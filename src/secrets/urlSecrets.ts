/**
 * The one rule for what is secret in a URL and in a subprotocol list. Every path that writes a URL
 * somewhere (storage, export, share link, `Copy as`, Recent endpoints, tab labels, window title)
 * asks this module, each with its own policy: redact (replace the value by a placeholder) or strip
 * (leave the secret out).
 *
 * The name rule: a parameter name is percent-decoded and split into words at `_ - . [ ] space` and
 * lowerCamel boundaries (sessionKey → session key). It is secret when
 *   - one of its words is in SECRET_WORDS (api_key, X-Auth-Token, sessionKey, vncticket), or
 *   - the whole name is in SECRET_WHOLE_NAMES (`code` is OAuth's code alone; `country_code` is not), or
 *   - the whole name, words joined, ends with one of SECRET_ENDINGS (compounds written as one word:
 *     accesstoken, clientsecret, xamzsignature).
 * A secret word inside a longer word never counts: author, keyboard, monkey, passage, codec and
 * tokenizer are not secret. A parameter with an empty value hides nothing and is left alone.
 */

/** Words that make a parameter name secret wherever they appear as a word of it. */
export const SECRET_WORDS: readonly string[] = [
  'token', 'tokens', 'accesstoken', 'refreshtoken', 'idtoken', 'authtoken', 'sessiontoken',
  'auth', 'authorization', 'authentication', 'authcode', 'oauth',
  'ticket', 'vncticket',
  'key', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'sessionkey', 'authkey', 'subscriptionkey',
  'password', 'passwd', 'passphrase', 'pass', 'pwd',
  'secret', 'secrets', 'clientsecret',
  'signature', 'sig', 'hmac',
  'jwt', 'bearer',
  'credential', 'credentials', 'creds',
  'session', 'sessionid', 'sid',
  'cookie', 'cookies',
  'otp', 'totp', 'pin',
];

/** Names that are secret only as the whole name (common words elsewhere: country_code is not). */
export const SECRET_WHOLE_NAMES: readonly string[] = ['code', 'nonce'];

/** One-word compounds: a name whose joined words end so is secret (xamzsignature, clientsecret). */
export const SECRET_ENDINGS: readonly string[] = [
  'token', 'secret', 'password', 'passwd', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'sessionkey',
  'signature', 'credential', 'credentials', 'ticket', 'sessionid', 'authcode',
];

/**
 * Parameter names every path must treat as secret: the table the all-paths test runs over (each
 * also in upper case and with `-`/`_` variants there). Covers every name a leak was seen with.
 */
export const SECRET_PARAM_EXAMPLES: readonly string[] = [
  ...SECRET_WORDS, ...SECRET_WHOLE_NAMES,
  'access_token', 'auth_code', 'api_key', 'api-key', 'X-Api-Key', 'sessionKey', 'session_id', 'client_secret',
  'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'refresh_token', 'id_token', 'authToken',
];

/** Harmless names the rule must leave alone (they contain a secret word as a substring only). */
export const HARMLESS_PARAM_EXAMPLES: readonly string[] = [
  'author', 'keyboard', 'monkey', 'passage', 'codec', 'country_code', 'room', 'user', 'channel', 'format', 'v',
  'compass', 'tokenizer', 'signal', 'pinned', 'state', 'lang', 'sort', 'x',
];

/** What replaces a secret: a fixed text, or one made from the secret's name (`$TOKEN`). */
export type Placeholder = string | ((name: string) => string);

/** The default placeholder. */
export const REDACTED = '[redacted]';

/** The name reported (and given to a placeholder function) for URL user-info. */
export const USER_INFO_NAME = 'user-info';
/** The name reported (and given to a placeholder function) for a credential-carrying subprotocol. */
export const SUBPROTOCOL_NAME = 'subprotocol';

const WORDS = new Set(SECRET_WORDS);
const WHOLE = new Set(SECRET_WHOLE_NAMES);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text; // a malformed escape: judge the name as written
  }
}

function wordsOf(name: string): string[] {
  return decode(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True for a query or fragment parameter name that carries a secret (see the rule above). */
export function isSecretParamName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0) return false;
  if (words.some((w) => WORDS.has(w))) return true;
  const joined = words.join('');
  return WHOLE.has(joined) || SECRET_ENDINGS.some((ending) => joined.endsWith(ending));
}

// Subprotocols that carry a credential after a known prefix (Kubernetes sends the bearer token so).
const SUBPROTOCOL_PREFIXES = ['base64url.bearer.authorization.k8s.io.'];
const SUBPROTOCOL_WORDS = new Set(['bearer', 'token', 'accesstoken', 'authtoken', 'jwt', 'authorization', 'apikey', 'secret', 'password', 'ticket']);
const SUBPROTOCOL_SEPARATOR = /[._:~-]/g;
// A JSON Web Token: three base64url parts, the header starting with `{"` (eyJ).
const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Where a subprotocol's secret part starts, or -1 when it carries none. */
function subprotocolSecretStart(token: string): number {
  const lower = token.toLowerCase();
  for (const prefix of SUBPROTOCOL_PREFIXES) {
    if (lower.startsWith(prefix) && token.length > prefix.length) return prefix.length;
  }
  if (JWT.test(token)) return 0;
  // A secret word followed by a separator and something more: bearer.XYZ, token-XYZ, access_token.XYZ.
  const segments = lower.split(SUBPROTOCOL_SEPARATOR);
  let end = 0;
  for (let k = 0; k < segments.length - 1; k++) {
    end += segments[k]!.length + 1;
    const pair = k > 0 ? segments[k - 1]! + segments[k]! : '';
    if ((SUBPROTOCOL_WORDS.has(segments[k]!) || SUBPROTOCOL_WORDS.has(pair)) && end < token.length) return end;
  }
  return -1;
}

/** True for a subprotocol token that carries a credential (a bearer token, a JWT, `token.XYZ`). */
export function isSecretSubprotocol(token: string): boolean {
  return subprotocolSecretStart(token.trim()) >= 0;
}

const fill = (placeholder: Placeholder, name: string) => (typeof placeholder === 'string' ? placeholder : placeholder(name));

/**
 * The subprotocols field (comma-separated, as typed) with the secret part of each credential-carrying
 * token replaced by the placeholder (`base64url.bearer.authorization.k8s.io.[redacted]`); the rest
 * is left exactly as written.
 */
export function redactSubprotocols(protocols: string, placeholder: Placeholder = REDACTED): string {
  return protocols
    .split(',')
    .map((part) => {
      const token = part.trim();
      const start = subprotocolSecretStart(token);
      if (start < 0) return part;
      const lead = part.slice(0, part.indexOf(token));
      return `${lead}${token.slice(0, start)}${fill(placeholder, SUBPROTOCOL_NAME)}${part.slice(lead.length + token.length)}`;
    })
    .join(',');
}

/** The subprotocols field with every credential-carrying token left out. */
export function stripSubprotocols(protocols: string): string {
  const parts = protocols.split(',');
  const kept = parts.filter((part) => !isSecretSubprotocol(part));
  return kept.length === parts.length ? protocols : kept.map((p) => p.trim()).filter(Boolean).join(', ');
}

/** A URL cut into the parts that matter here; joining them gives the text back exactly. */
interface UrlParts {
  /** `scheme://` (empty when the text has none). */
  scheme: string;
  /** The user-info without its `@`, or null when there is none. */
  userInfo: string | null;
  /** Host, port and path. */
  rest: string;
  /** The query without `?`, or null. */
  query: string | null;
  /** The fragment without `#`, or null. */
  fragment: string | null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function splitUrl(url: string): UrlParts {
  const scheme = SCHEME.exec(url)?.[0] ?? '';
  let tail = url.slice(scheme.length);
  const hashAt = tail.indexOf('#');
  const fragment = hashAt >= 0 ? tail.slice(hashAt + 1) : null;
  if (hashAt >= 0) tail = tail.slice(0, hashAt);
  const queryAt = tail.indexOf('?');
  const query = queryAt >= 0 ? tail.slice(queryAt + 1) : null;
  if (queryAt >= 0) tail = tail.slice(0, queryAt);
  let userInfo: string | null = null;
  if (scheme) {
    // As the browser does: the authority ends at the first `/` (or `\`), and the LAST `@` in it ends the user-info.
    const slash = tail.search(/[/\\]/);
    const authority = slash >= 0 ? tail.slice(0, slash) : tail;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.slice(0, at);
      tail = tail.slice(at + 1);
    }
  }
  return { scheme, userInfo, rest: tail, query, fragment };
}

function joinUrl(p: UrlParts): string {
  return `${p.scheme}${p.userInfo === null ? '' : `${p.userInfo}@`}${p.rest}${p.query === null ? '' : `?${p.query}`}${p.fragment === null ? '' : `#${p.fragment}`}`;
}

/** A fragment holds parameters when it reads `#a=1&b=2` or `#/route?a=1`: the offset where they start, or -1. */
function fragmentParamsAt(fragment: string): number {
  const q = fragment.indexOf('?');
  if (q >= 0) return q + 1;
  return fragment.includes('=') ? 0 : -1;
}

type ParamAction = (name: string, part: string) => string | null;

function mapParams(params: string, action: ParamAction): string {
  const parts = params.split('&');
  const out: string[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq >= 0 ? part.slice(0, eq) : part;
    // A name with no value hides nothing.
    const mapped = eq >= 0 && eq + 1 < part.length && isSecretParamName(name) ? action(decode(name), part) : part;
    if (mapped !== null) out.push(mapped);
  }
  return out.join('&');
}

function mapUrl(url: string, action: ParamAction, userInfo: (info: string) => string | null): string {
  if (!url) return url;
  const p = splitUrl(url);
  if (p.userInfo !== null) p.userInfo = userInfo(p.userInfo);
  if (p.query !== null) {
    const q = mapParams(p.query, action);
    p.query = q === '' && p.query !== '' ? null : q;
  }
  if (p.fragment !== null) {
    const at = fragmentParamsAt(p.fragment);
    if (at >= 0) {
      const mapped = mapParams(p.fragment.slice(at), action);
      const head = p.fragment.slice(0, at);
      // A `?` left with nothing after it goes too, unless what is before it would then read as parameters.
      const bare = head.endsWith('?') && !head.includes('=') ? head.slice(0, -1) : head;
      p.fragment = mapped === '' && p.fragment.length > at ? bare : head + mapped;
      if (p.fragment === '') p.fragment = null;
    }
  }
  return joinUrl(p);
}

/**
 * The URL (or any text, a half-typed URL too) with every secret value replaced by the placeholder:
 * secret query and fragment parameter values, and the whole user-info (a user name can be a token
 * too: `wss://TOKEN@host`). Everything else is left exactly as written.
 */
export function redactUrl(url: string, placeholder: Placeholder = REDACTED): string {
  return mapUrl(
    url,
    (name, part) => `${part.slice(0, part.indexOf('='))}=${fill(placeholder, name)}`,
    () => fill(placeholder, USER_INFO_NAME),
  );
}

/** The URL with every secret left out: secret parameters removed, the user-info dropped. */
export function stripUrlSecrets(url: string): string {
  return mapUrl(url, () => null, () => null);
}

/** The names of the secrets in a URL, once each (`user-info` for credentials before the host). */
export function urlSecrets(url: string): string[] {
  const found: string[] = [];
  mapUrl(
    url,
    (name, part) => {
      if (!found.includes(name)) found.push(name);
      return part;
    },
    (info) => {
      if (!found.includes(USER_INFO_NAME)) found.unshift(USER_INFO_NAME);
      return info;
    },
  );
  return found;
}

/** True when the URL or the subprotocols field (comma-separated) holds any secret. */
export function hasSecrets(url: string, protocols: string | readonly string[] = ''): boolean {
  const list = typeof protocols === 'string' ? protocols.split(',') : protocols;
  return urlSecrets(url).length > 0 || list.some(isSecretSubprotocol);
}

/** The endpoint a URL names, for the per-endpoint secrets opt-in: no user-info, query or fragment. */
export function endpointKey(url: string): string {
  const p = splitUrl(url.trim());
  return `${p.scheme}${p.rest}`;
}

/** A short, secret-free name for a URL: `host/path` with no user-info, query or fragment. */
export function displayUrl(url: string): string {
  return splitUrl(url.trim()).rest.replace(/\/$/, '');
}
