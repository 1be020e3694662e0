import { describe, expect, it } from 'vitest';
import { buildShareLink, readShareLink, stripSecrets, type SharedDrafts } from '../../src/share/shareLink';
import fc from 'fast-check';
import { isSecretParamName as isSecretName, urlSecrets } from '../../src/secrets/urlSecrets';

const drafts: SharedDrafts = {
  url: 'wss://api.example.com/socket?room=7&token=abc&Access_Token=def&apiKey=k&x=1',
  subprotocols: 'chat, v2',
  format: 'json',
  message: '{"hello": "wörld 👋", "q": "it\'s"}\nline 2',
};
const PAGE = 'https://tester.example/app/?theme=dark';

function fragmentOf(link: string): string {
  return link.slice(link.indexOf('#'));
}

describe('buildShareLink / readShareLink', () => {
  it('puts everything in the fragment of the page URL', () => {
    const link = buildShareLink(`${PAGE}#old`, drafts);
    expect(link.startsWith(`${PAGE}#share=`)).toBe(true);
    expect(link).not.toContain('#old');
    expect(fragmentOf(link)).toMatch(/^#share=[A-Za-z0-9_-]+$/);
  });

  it('round-trips the fields (secrets removed by default)', () => {
    const read = readShareLink(fragmentOf(buildShareLink(PAGE, drafts)));
    expect(read).toEqual({ ...drafts, url: 'wss://api.example.com/socket?room=7&x=1' });
  });

  it('keeps the secrets when the user opts in', () => {
    const read = readShareLink(fragmentOf(buildShareLink(PAGE, drafts, { includeSecrets: true })));
    expect(read).toEqual(drafts);
  });

  it('survives a link whose fragment went through URL parsing', () => {
    const link = buildShareLink(PAGE, drafts, { includeSecrets: true });
    expect(readShareLink(new URL(link).hash)).toEqual(drafts);
  });

  it('ignores a fragment that is not a share link', () => {
    expect(readShareLink('')).toBeNull();
    expect(readShareLink('#')).toBeNull();
    expect(readShareLink('#section-2')).toBeNull();
  });

  it('reports a damaged or unknown link', () => {
    expect(readShareLink('#share=!!!not-base64')).toEqual({ error: expect.stringMatching(/damaged/) });
    expect(readShareLink('#share=')).toEqual({ error: expect.stringMatching(/damaged/) });
    const encode = (value: unknown) => `#share=${btoa(JSON.stringify(value)).replace(/=+$/, '')}`;
    expect(readShareLink(encode([1, 2]))).toEqual({ error: expect.stringMatching(/damaged/) });
    expect(readShareLink(encode({ v: 2, url: 'wss://x' }))).toEqual({ error: expect.stringMatching(/unknown version \(2\)/) });
    expect(readShareLink(encode({ url: 'wss://x' }))).toEqual({ error: expect.stringMatching(/unknown version/) });
    expect(readShareLink(encode({ v: 1, url: 5 }))).toEqual({ error: expect.stringMatching(/url is not text/) });
    expect(readShareLink(encode({ v: 1, format: 'xml' }))).toEqual({ error: expect.stringMatching(/unknown format/) });
  });

  it('fills only the fields the link carries, ignoring unknown ones', () => {
    const encode = (value: unknown) => `#share=${btoa(JSON.stringify(value))}`;
    expect(readShareLink(encode({ v: 1, url: 'wss://x', extra: true }))).toEqual({ url: 'wss://x' });
  });
});

describe('stripSecrets', () => {
  it('removes secret-looking parameters, case-insensitively, and names them', () => {
    expect(stripSecrets(drafts.url)).toEqual({
      url: 'wss://api.example.com/socket?room=7&x=1',
      subprotocols: '',
      removed: ['token', 'Access_Token', 'apiKey'],
    });
  });

  it.each(['token', 'TOKEN', 'access_token', 'auth', 'key', 'password', 'secret', 'api_key', 'apikey', 'API-Key', 'jwt', 'session', 'signature', 'X-Amz-Signature', 'client_secret', 'sessionId', 'authToken'])(
    '%s is a secret',
    (name) => {
      expect(isSecretName(name)).toBe(true);
    },
  );

  it.each(['room', 'author', 'keyboard', 'channel', 'v', 'format', 'sessions_list'])('%s is not a secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('drops the ? when nothing is left, and leaves a URL without secrets untouched', () => {
    expect(stripSecrets('wss://h/p?token=a&secret=b')).toEqual({ url: 'wss://h/p', subprotocols: '', removed: ['token', 'secret'] });
    expect(stripSecrets('wss://h/p?a=%20x&b')).toEqual({ url: 'wss://h/p?a=%20x&b', subprotocols: '', removed: [] });
    expect(stripSecrets('wss://h/p')).toEqual({ url: 'wss://h/p', subprotocols: '', removed: [] });
    expect(stripSecrets('not a url ?token=1')).toEqual({ url: 'not a url ', subprotocols: '', removed: ['token'] });
  });

  it('matches percent-encoded names and reports a repeated name once', () => {
    expect(stripSecrets('wss://h/?%74oken=a&token=b&keep=1')).toEqual({ url: 'wss://h/?keep=1', subprotocols: '', removed: ['token'] });
  });

  it('removes the whole user info (a user name can be a token too), up to the last @', () => {
    expect(stripSecrets('wss://bob:hunter2@h/p?x=1')).toEqual({ url: 'wss://h/p?x=1', subprotocols: '', removed: ['user-info'] });
    expect(stripSecrets('wss://TOKEN@h/p')).toEqual({ url: 'wss://h/p', subprotocols: '', removed: ['user-info'] });
    expect(stripSecrets('wss://user:p@ss@h/p')).toEqual({ url: 'wss://h/p', subprotocols: '', removed: ['user-info'] });
  });

  it('removes credential-carrying subprotocols and keeps the others', () => {
    expect(stripSecrets('wss://h/p', 'base64url.bearer.authorization.k8s.io.c2VjcmV0, v4.channel.k8s.io')).toEqual({
      url: 'wss://h/p',
      subprotocols: 'v4.channel.k8s.io',
      removed: ['subprotocol'],
    });
  });

  it.each(['ticket', 'auth_code', 'sessionKey', 'vncticket', 'code', 'cookie', 'sid', 'otp'])('leaves out %s (seen leaking before)', (name) => {
    expect(stripSecrets(`wss://h/p?${name}=abc123&x=1`)).toEqual({ url: 'wss://h/p?x=1', subprotocols: '', removed: [name] });
  });
});

describe('share link properties', () => {
  const format = fc.constantFrom('text', 'json', 'hex', 'base64') as fc.Arbitrary<SharedDrafts['format']>;
  const anyDrafts = fc.record({ url: fc.string(), subprotocols: fc.string(), format, message: fc.string({ unit: 'grapheme' }) });

  it('round-trips any valid input with Include secrets in link', () => {
    fc.assert(fc.property(anyDrafts, (d) => {
      expect(readShareLink(fragmentOf(buildShareLink(PAGE, d, { includeSecrets: true })))).toEqual(d);
    }));
  });

  it('round-trips without secrets, and then carries none', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), anyDrafts, (url, d) => {
      const read = readShareLink(fragmentOf(buildShareLink(PAGE, { ...d, url })));
      const { url: kept, subprotocols } = stripSecrets(url, d.subprotocols);
      expect(read).toEqual({ ...d, url: kept, subprotocols });
      expect(urlSecrets(kept)).toEqual([]);
    }));
  });

  it('never throws on a random fragment', () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.string().map((s) => `#share=${s}`),
      fc.base64String().map((s) => `#share=${s.replace(/\+/g, '-').replace(/\//g, '_')}`),
      fc.json().map((j) => `#share=${Buffer.from(j).toString('base64url')}`),
    );
    fc.assert(fc.property(fragment, (hash) => {
      const read = readShareLink(hash);
      expect(read === null || typeof read === 'object').toBe(true);
    }), { numRuns: 500 });
  });
});
