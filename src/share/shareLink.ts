import { isMessageFormat } from '../compose/formats';
import type { MessageFormat } from '../store/logEntry';
import type { Drafts } from '../store/sessionState';
import { stripSubprotocols, stripUrlSecrets, SUBPROTOCOL_NAME, urlSecrets } from '../secrets/urlSecrets';

/** What a share link carries: the endpoint and the composer, never the log or anything received. */
export type SharedDrafts = Pick<Drafts, 'url' | 'subprotocols' | 'format' | 'message'>;

const VERSION = 1;

/**
 * The drafts with every secret left out (see src/secrets/urlSecrets.ts): secret query and fragment
 * parameters, the user-info and credential-carrying subprotocols. `removed` names what was taken
 * out, once each (`user-info`, `subprotocol` or the parameter's name).
 */
export function stripSecrets(url: string, subprotocols = ''): { url: string; subprotocols: string; removed: string[] } {
  const removed = urlSecrets(url);
  const keptProtocols = stripSubprotocols(subprotocols);
  if (keptProtocols !== subprotocols) removed.push(SUBPROTOCOL_NAME);
  return { url: stripUrlSecrets(url), subprotocols: keptProtocols, removed };
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
 * (`#share=…`), which browsers never send to a server. Secrets (see stripSecrets) are left out
 * unless `includeSecrets`.
 */
export function buildShareLink(pageHref: string, drafts: SharedDrafts, { includeSecrets = false } = {}): string {
  const hashAt = pageHref.indexOf('#');
  const page = hashAt >= 0 ? pageHref.slice(0, hashAt) : pageHref;
  const { url, subprotocols } = includeSecrets ? drafts : stripSecrets(drafts.url, drafts.subprotocols);
  const payload = { v: VERSION, url, subprotocols, format: drafts.format, message: drafts.message };
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
