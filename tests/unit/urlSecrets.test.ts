import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  endpointKey, HARMLESS_PARAM_EXAMPLES, hasSecrets, isSecretParamName, isSecretSubprotocol, REDACTED, redactSubprotocols, redactUrl,
  SECRET_PARAM_EXAMPLES, stripSubprotocols, stripUrlSecrets, urlSecrets,
} from '../../src/secrets/urlSecrets';
import { connectionLabel } from '../../src/secrets/connectionLabel';

describe('isSecretParamName', () => {
  it.each([...SECRET_PARAM_EXAMPLES, 'TOKEN', 'Access-Token', 'auth_code', 'AuthCode', 'sessionKey', 'session-key', 'vncticket', '%74oken'])('%s is secret', (name) => {
    expect(isSecretParamName(name)).toBe(true);
  });

  it.each(HARMLESS_PARAM_EXAMPLES)('%s is not (a secret word inside another word never counts)', (name) => {
    expect(isSecretParamName(name)).toBe(false);
  });

  it('treats `code` as secret only as the whole name', () => {
    expect(isSecretParamName('code')).toBe(true);
    expect(isSecretParamName('CODE')).toBe(true);
    expect(isSecretParamName('country_code')).toBe(false);
    expect(isSecretParamName('auth_code')).toBe(true);
  });
});

describe('redactUrl', () => {
  it('redacts query and fragment values, keeping the rest as written', () => {
    expect(redactUrl('wss://h/p?token=abc&x=1#access_token=def&state=2')).toBe(`wss://h/p?token=${REDACTED}&x=1#access_token=${REDACTED}&state=2`);
    expect(redactUrl('https://h/#/route?ticket=abc')).toBe(`https://h/#/route?ticket=${REDACTED}`);
    expect(redactUrl('https://h/#section')).toBe('https://h/#section');
  });

  it('redacts the whole user-info, which ends at the LAST @ before the path', () => {
    expect(redactUrl('wss://user:p@ss@host/x?y=1')).toBe(`wss://${REDACTED}@host/x?y=1`);
    expect(redactUrl('wss://TOKEN@host')).toBe(`wss://${REDACTED}@host`);
    expect(redactUrl('wss://host/a@b')).toBe('wss://host/a@b');
  });

  it('takes a placeholder made from the name', () => {
    expect(redactUrl('wss://u:p@h/?token=abc', (name) => `<${name}>`)).toBe('wss://<user-info>@h/?token=<token>');
  });

  it('never throws, is idempotent, and leaves a URL without secrets unchanged', () => {
    const name = fc.oneof(fc.constantFrom(...SECRET_PARAM_EXAMPLES, ...HARMLESS_PARAM_EXAMPLES), fc.string());
    const url = fc.tuple(
      fc.constantFrom('wss://', 'ws://', 'https://', ''),
      fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      fc.webUrl().map((u) => u.replace(/^[a-z]+:\/\//, '')),
      fc.array(fc.tuple(name, fc.string({ maxLength: 8 })), { maxLength: 4 }),
      fc.option(fc.string(), { nil: undefined }),
    ).map(([scheme, user, host, params, frag]) =>
      `${scheme}${user === undefined ? '' : `${user}@`}${host}${params.length ? `?${params.map(([n, v]) => `${n}=${v}`).join('&')}` : ''}${frag === undefined ? '' : `#${frag}`}`);
    fc.assert(fc.property(fc.oneof(url, fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (u) => {
      const once = redactUrl(u);
      expect(redactUrl(once)).toBe(once);
      if (urlSecrets(u).length === 0) expect(once).toBe(u);
      stripUrlSecrets(u);
      expect(urlSecrets(stripUrlSecrets(u))).toEqual([]);
    }), { numRuns: 500 });
  });

  it('leaves harmless URLs exactly as written', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true }), fc.constantFrom(...HARMLESS_PARAM_EXAMPLES), (u, name) => {
      const plain = `${u.replace(/^https?:\/\/[^/]*@/, 'https://')}${u.includes('?') ? '&' : '?'}${name}=1`;
      if (urlSecrets(plain).length === 0) expect(redactUrl(plain)).toBe(plain);
    }));
    expect(redactUrl('wss://h/p?author=me&keyboard=us&monkey=1')).toBe('wss://h/p?author=me&keyboard=us&monkey=1');
  });
});

describe('stripUrlSecrets and urlSecrets', () => {
  it('removes secrets, names them once each', () => {
    expect(stripUrlSecrets('wss://a:b@h/p?token=1&x=2&token=3#code=4')).toBe('wss://h/p?x=2');
    expect(urlSecrets('wss://a:b@h/p?token=1&x=2&token=3#code=4')).toEqual(['user-info', 'token', 'code']);
    expect(urlSecrets('wss://h/p?x=1')).toEqual([]);
  });

  it('drops a fragment `?` left with nothing after it, unless what is before it would then read as parameters', () => {
    expect(stripUrlSecrets('wss://h/#/route?token=abc')).toBe('wss://h/#/route');
    // Found by the property above: without its `?`, "=&token= " would read as parameters holding a token.
    const stripped = stripUrlSecrets('wss://a.aa?#=&token= ?&token=#');
    expect(stripped).toBe('wss://a.aa?#=&token= ?');
    expect(urlSecrets(stripped)).toEqual([]);
  });

  it('gives the endpoint without secrets', () => {
    expect(endpointKey(' wss://user:p@ss@h/p?token=abc#x ')).toBe('wss://h/p');
  });
});

describe('subprotocols', () => {
  it.each(['base64url.bearer.authorization.k8s.io.c2VjcmV0', 'bearer.abc', 'Bearer-abc', 'token.abc', 'access_token.abc', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig'])('%s carries a credential', (p) => {
    expect(isSecretSubprotocol(p)).toBe(true);
  });

  it.each(['chat', 'graphql-transport-ws', 'v4.channel.k8s.io', 'base64.channel.k8s.io', 'wamp.2.json', 'mqtt', 'bearer', 'token'])('%s does not', (p) => {
    expect(isSecretSubprotocol(p)).toBe(false);
  });

  it('redacts the secret part and strips the whole token', () => {
    expect(redactSubprotocols('chat, base64url.bearer.authorization.k8s.io.c2VjcmV0')).toBe(`chat, base64url.bearer.authorization.k8s.io.${REDACTED}`);
    expect(stripSubprotocols('chat, bearer.abc, v2')).toBe('chat, v2');
    expect(stripSubprotocols('chat, v2')).toBe('chat, v2');
    expect(hasSecrets('wss://h/', 'chat, bearer.abc')).toBe(true);
    expect(hasSecrets('wss://h/', ['chat'])).toBe(false);
  });

  it('never throws and is idempotent', () => {
    fc.assert(fc.property(fc.string(), (p) => {
      const once = redactSubprotocols(p);
      expect(redactSubprotocols(once)).toBe(once);
      stripSubprotocols(p);
    }));
  });
});

describe('connectionLabel', () => {
  it('shows host and path only', () => {
    expect(connectionLabel('wss://user:pw@echo.example:8443/ws/?token=abc#x')).toBe('echo.example:8443/ws');
    expect(connectionLabel('simulator://local')).toBe('Simulator');
    expect(connectionLabel('')).toBe('');
    expect(connectionLabel(`wss://${'a'.repeat(100)}`)).toHaveLength(60);
  });
});
