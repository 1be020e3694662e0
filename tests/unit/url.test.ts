import { describe, it, expect } from 'vitest';
import { checkUrl } from '../../src/protocol/url';

const MIXED =
  'This page is served over https: the browser will block an insecure ws:// connection (mixed content). Use wss://.';

describe('checkUrl', () => {
  it('accepts ws:// and wss:// and normalises with URL.href', () => {
    expect(checkUrl('ws://example.com/socket')).toEqual({ ok: true, value: { url: 'ws://example.com/socket' } });
    expect(checkUrl('wss://Example.COM:8443')).toEqual({ ok: true, value: { url: 'wss://example.com:8443/' } });
    expect(checkUrl('ws://localhost:8080/?q=1')).toEqual({ ok: true, value: { url: 'ws://localhost:8080/?q=1' } });
    expect(checkUrl('ws://[::1]:9000/x')).toEqual({ ok: true, value: { url: 'ws://[::1]:9000/x' } });
  });

  it('trims surrounding whitespace', () => {
    expect(checkUrl('  wss://example.com/a \n')).toEqual({ ok: true, value: { url: 'wss://example.com/a' } });
  });

  it('converts http to ws and https to wss, case-insensitively', () => {
    expect(checkUrl('http://example.com/x')).toEqual({ ok: true, value: { url: 'ws://example.com/x' } });
    expect(checkUrl('https://example.com/x')).toEqual({ ok: true, value: { url: 'wss://example.com/x' } });
    expect(checkUrl('HTTPS://example.com')).toEqual({ ok: true, value: { url: 'wss://example.com/' } });
    expect(checkUrl('WS://example.com')).toEqual({ ok: true, value: { url: 'ws://example.com/' } });
  });

  it('asks for a URL when empty', () => {
    expect(checkUrl('')).toEqual({ ok: false, error: 'Enter a URL, e.g. wss://example.com/socket' });
    expect(checkUrl('   ')).toEqual({ ok: false, error: 'Enter a URL, e.g. wss://example.com/socket' });
  });

  it('asks for a scheme when there is none', () => {
    expect(checkUrl('example.com/x')).toEqual({
      ok: false,
      error: 'The URL needs a scheme: ws:// or wss:// (for example ws://example.com/x)',
    });
    expect(checkUrl('localhost:8080')).toEqual({
      ok: false,
      error: 'The URL needs a scheme: ws:// or wss:// (for example ws://localhost:8080)',
    });
    expect(checkUrl('example.com:443/x')).toEqual({
      ok: false,
      error: 'The URL needs a scheme: ws:// or wss:// (for example ws://example.com:443/x)',
    });
    expect(checkUrl('//example.com')).toEqual({
      ok: false,
      error: 'The URL needs a scheme: ws:// or wss:// (for example ws://example.com)',
    });
  });

  it('rejects other schemes', () => {
    expect(checkUrl('ftp://example.com')).toEqual({ ok: false, error: 'Unsupported scheme "ftp:": use ws:// or wss://' });
    expect(checkUrl('file:///etc/passwd')).toEqual({ ok: false, error: 'Unsupported scheme "file:": use ws:// or wss://' });
    expect(checkUrl('javascript:alert(1)')).toEqual({
      ok: false,
      error: 'Unsupported scheme "javascript:": use ws:// or wss://',
    });
  });

  it('reports a space with its position in the input', () => {
    expect(checkUrl('ws://exa mple.com')).toEqual({ ok: false, error: 'The URL contains a space at position 9' });
    expect(checkUrl('  ws://a b')).toEqual({ ok: false, error: 'The URL contains a space at position 9' });
  });

  it('rejects a fragment', () => {
    expect(checkUrl('ws://example.com/#top')).toEqual({
      ok: false,
      error: 'WebSocket URLs cannot have a fragment (#...)',
    });
    expect(checkUrl('wss://example.com#')).toEqual({ ok: false, error: 'WebSocket URLs cannot have a fragment (#...)' });
  });

  it.each(['ws://', 'ws:///path', 'ws://:80', 'wss://user@:443/x', 'https:///x'])('rejects %j: no host', (input) => {
    expect(checkUrl(input)).toEqual({ ok: false, error: 'The URL has no host' });
  });

  it('rejects ports out of range or not numeric', () => {
    expect(checkUrl('ws://example.com:70000')).toEqual({ ok: false, error: 'Port 70000 is out of range (1-65535)' });
    expect(checkUrl('ws://example.com:0/')).toEqual({ ok: false, error: 'Port 0 is out of range (1-65535)' });
    expect(checkUrl('ws://example.com:65536')).toEqual({ ok: false, error: 'Port 65536 is out of range (1-65535)' });
    expect(checkUrl('ws://example.com:http')).toEqual({ ok: false, error: 'Port "http" is not a number (1-65535)' });
  });

  it('accepts the port range bounds and drops default ports', () => {
    expect(checkUrl('ws://example.com:1')).toEqual({ ok: true, value: { url: 'ws://example.com:1/' } });
    expect(checkUrl('ws://example.com:65535')).toEqual({ ok: true, value: { url: 'ws://example.com:65535/' } });
    expect(checkUrl('wss://example.com:443/')).toEqual({ ok: true, value: { url: 'wss://example.com/' } });
  });

  it('reports other parse failures as invalid URLs', () => {
    const r = checkUrl('ws://exa[mple.com');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^Not a valid URL: /);
  });

  it('warns about ws:// from an https page', () => {
    expect(checkUrl('ws://example.com/', 'https:')).toEqual({ ok: true, value: { url: 'ws://example.com/', warning: MIXED } });
    expect(checkUrl('http://example.com/', 'https:')).toEqual({ ok: true, value: { url: 'ws://example.com/', warning: MIXED } });
  });

  it('does not warn for wss://, loopback hosts or http pages', () => {
    expect(checkUrl('wss://example.com/', 'https:')).toEqual({ ok: true, value: { url: 'wss://example.com/' } });
    expect(checkUrl('ws://localhost:1/', 'https:')).toEqual({ ok: true, value: { url: 'ws://localhost:1/' } });
    expect(checkUrl('ws://127.0.0.1:1/', 'https:')).toEqual({ ok: true, value: { url: 'ws://127.0.0.1:1/' } });
    expect(checkUrl('ws://[::1]:1/', 'https:')).toEqual({ ok: true, value: { url: 'ws://[::1]:1/' } });
    expect(checkUrl('ws://example.com/', 'http:')).toEqual({ ok: true, value: { url: 'ws://example.com/' } });
    expect(checkUrl('ws://example.com/')).toEqual({ ok: true, value: { url: 'ws://example.com/' } });
  });
});
