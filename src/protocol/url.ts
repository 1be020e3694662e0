import { ok, type ParseResult } from '../codecs/result';
import { messageOf } from '../format/thrown';
/** Result of checking a WebSocket URL: the normalised URL (maybe with a warning) or an error message. */
export type UrlCheck = ParseResult<{ url: string; warning?: string }>;

/** Whether a typed URL opens the in-page Simulator: the one rule (`simulator:` in any case, spaces around ignored). */
export function isSimulatorUrl(input: string): boolean {
  return input.trim().toLowerCase().startsWith('simulator:');
}

// NOTE: loopback hosts are exempt from the mixed-content warning; browsers treat them as potentially trustworthy.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Validates and normalises a WebSocket URL typed by the user (http(s):// is converted to ws(s)://). */
export function checkUrl(input: string, pageProtocol?: string): UrlCheck {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: 'Enter a URL, e.g. wss://example.com/socket' };

  const space = /\s/.exec(trimmed);
  if (space) {
    // NOTE: position refers to the original input (as the user sees it), not the trimmed string.
    const lead = input.length - input.trimStart().length;
    return { ok: false, error: `The URL contains a space at position ${lead + space.index + 1}` };
  }

  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  const rest = schemeMatch ? trimmed.slice(schemeMatch[0].length) : '';
  // NOTE: "localhost:8080" or "example.com:80/x" look like scheme:... but are really host:port without a scheme.
  const looksLikeHostPort = schemeMatch !== null && !rest.startsWith('//') &&
    (schemeMatch[1]!.includes('.') || /^\d/.test(rest));
  if (!schemeMatch || looksLikeHostPort) {
    const example = `ws://${trimmed.replace(/^\/+/, '')}`;
    return { ok: false, error: `The URL needs a scheme: ws:// or wss:// (for example ${example})` };
  }

  const scheme = schemeMatch[1]!.toLowerCase();
  const mapped = { ws: 'ws', wss: 'wss', http: 'ws', https: 'wss' }[scheme];
  if (mapped === undefined) {
    return { ok: false, error: `Unsupported scheme "${scheme}:": use ws:// or wss://` };
  }

  if (rest.includes('#')) return { ok: false, error: 'WebSocket URLs cannot have a fragment (#...)' };

  // NOTE: checked by hand because the URL parser skips extra slashes for special schemes:
  // new URL('ws:///path') silently becomes ws://path/.
  const authority = rest.replace(/^\/\//, '').split(/[/?]/, 1)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort);
  const host = portMatch?.[1] ?? '';
  const port = portMatch?.[2];
  if (rest.startsWith('///') || host === '') return { ok: false, error: 'The URL has no host' };
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port)) return { ok: false, error: `Port "${port}" is not a number (1-65535)` };
    const value = Number(port);
    if (value < 1 || value > 65535) return { ok: false, error: `Port ${port} is out of range (1-65535)` };
  }

  let url: URL;
  try {
    url = new URL(`${mapped}:${rest}`);
  } catch (e) {
    return { ok: false, error: `Not a valid URL: ${messageOf(e)}` };
  }
  if (url.hostname === '') return { ok: false, error: 'The URL has no host' };

  if (pageProtocol === 'https:' && url.protocol === 'ws:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return ok({
      url: url.href,
      warning: 'This page is served over https: the browser will block an insecure ws:// connection (mixed content). Use wss://.',
    });
  }
  return ok({ url: url.href });
}
