import { describe, it, expect } from 'vitest';
import { redactProtocols, redactText, redactUrl, REDACTED } from '../../src/export/redact';

describe('redactUrl', () => {
  it('redacts secret query values and leaves the rest exactly as written', () => {
    expect(redactUrl('wss://h.example/ws?token=abc&room=1')).toBe(`wss://h.example/ws?token=${REDACTED}&room=1`);
    expect(redactUrl('ws://h/?access_token=a.b.c&x=%20y')).toBe(`ws://h/?access_token=${REDACTED}&x=%20y`);
  });

  it('knows the usual names, in any case, anywhere in the name', () => {
    for (const name of ['token', 'access_token', 'auth', 'key', 'api_key', 'apiKey', 'X-Api-Key', 'password', 'passwd', 'secret', 'client_secret', 'sig', 'signature', 'session_id', 'jwt', 'AUTH']) {
      expect(redactUrl(`ws://h/?${name}=v1&keep=v2`), name).toBe(`ws://h/?${name}=${REDACTED}&keep=v2`);
    }
  });

  it('leaves harmless parameters, empty values and URLs without a query alone', () => {
    expect(redactUrl('wss://echo.example/raw')).toBe('wss://echo.example/raw');
    expect(redactUrl('ws://h/?room=1&user=bob')).toBe('ws://h/?room=1&user=bob');
    expect(redactUrl('ws://h/?token=&x=1')).toBe('ws://h/?token=&x=1');
    expect(redactUrl('ws://h/?token')).toBe('ws://h/?token');
  });

  it('redacts the password of user info and secrets in the fragment', () => {
    // The whole user info: a user name alone can be a token (wss://TOKEN@host), and the LAST @ ends it.
    expect(redactUrl('wss://bob:hunter2@h/ws')).toBe(`wss://${REDACTED}@h/ws`);
    expect(redactUrl('wss://TOKEN@h/ws')).toBe(`wss://${REDACTED}@h/ws`);
    expect(redactUrl('wss://user:p@ss@h/ws')).toBe(`wss://${REDACTED}@h/ws`);
    expect(redactUrl('https://h/cb#access_token=xyz&state=1')).toBe(`https://h/cb#access_token=${REDACTED}&state=1`);
    expect(redactUrl('https://h/page#section')).toBe('https://h/page#section');
  });

  it('keep=true returns the URL unchanged', () => {
    expect(redactUrl('wss://h/?token=abc', true)).toBe('wss://h/?token=abc');
  });

  it('handles names written with escapes', () => {
    expect(redactUrl('ws://h/?%74oken=abc')).toBe(`ws://h/?%74oken=${REDACTED}`);
  });
});

describe('redactProtocols', () => {
  it('redacts credential-carrying subprotocols and keeps the others', () => {
    expect(redactProtocols('base64url.bearer.authorization.k8s.io.c2VjcmV0, v4.channel.k8s.io')).toBe(
      `base64url.bearer.authorization.k8s.io.${REDACTED}, v4.channel.k8s.io`,
    );
    expect(redactProtocols('chat, bearer.abc123')).toBe(`chat, bearer.${REDACTED}`);
    expect(redactProtocols('bearer.abc123', true)).toBe('bearer.abc123');
  });
});

describe('redactText', () => {
  it('redacts credential-carrying subprotocols in free text', () => {
    expect(redactText('Connecting offering subprotocols base64url.bearer.authorization.k8s.io.c2VjcmV0, chat')).toBe(
      `Connecting offering subprotocols base64url.bearer.authorization.k8s.io.${REDACTED}, chat`,
    );
  });

  it('redacts every URL in free text', () => {
    expect(redactText('Connecting to ws://h/?token=abc offering subprotocols chat')).toBe(
      `Connecting to ws://h/?token=${REDACTED} offering subprotocols chat`,
    );
    expect(redactText('no url here, token=abc')).toBe('no url here, token=abc');
    expect(redactText('ws://h/?token=abc', true)).toBe('ws://h/?token=abc');
  });
});
