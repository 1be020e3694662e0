// @vitest-environment node
// The request checks every upgrade and HTTP request goes through before anything acts on it.
import fc from 'fast-check';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTarget, upgradeRefusal } from '../../server/requestGuard.js';

describe('parseTarget', () => {
  it.each([
    ['/echo?x=1', '/echo', '?x=1'],
    ['//', '//', ''],
    ['//evil.example:99999/x', '//evil.example:99999/x', ''],
    ['/@x', '/@x', ''],
    ['http://other:8080/echo?a', '/echo', '?a'],
    ['ws://h/proto', '/proto', ''],
  ])('reads %s as the path %s on a fixed origin', (target, pathname, search) => {
    const result = parseTarget(target);
    expect(result.ok && { origin: result.value.origin, pathname: result.value.pathname, search: result.value.search })
      .toEqual({ origin: 'http://localhost', pathname, search });
  });

  it.each(['', '*', '@x:99999', 'echo', 'http://a:99999/echo', 'ws://[::1/echo', '/a b', '/\u0000', `/${'a'.repeat(9000)}`])(
    'refuses %j with a reason', (target) => {
      const result = parseTarget(target);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(/\w/);
    },
  );

  it('never throws, and what it accepts is a path on the fixed origin', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.webPath(), fc.webUrl(), fc.anything()), (target) => {
      const result = parseTarget(target);
      if (result.ok) {
        expect(result.value.origin).toBe('http://localhost');
        expect(result.value.pathname.startsWith('/')).toBe(true);
      }
    }));
  });
});

describe('upgradeRefusal', () => {
  const request = (headers: Record<string, string>, method = 'GET', httpVersion = '1.1') => ({
    method, httpVersion,
    headers: { upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
  }) as unknown as IncomingMessage;

  it('lets a well-formed handshake through', () => {
    expect(upgradeRefusal(request({}))).toBeNull();
    expect(upgradeRefusal(request({ upgrade: 'WebSocket' }))).toBeNull();
  });

  it.each([
    ['POST', request({}, 'POST'), 405],
    ['HTTP/1.0', request({}, 'GET', '1.0'), 400],
    ['Upgrade: h2c', request({ upgrade: 'h2c' }), 426],
    ['version 8', request({ 'sec-websocket-version': '8' }), 426],
    ['a short key', request({ 'sec-websocket-key': 'abc' }), 400],
  ])('refuses %s with %i', (_name, req, status) => {
    expect(upgradeRefusal(req)?.status).toBe(status);
  });

  it('names the version it speaks when refusing another', () => {
    expect(upgradeRefusal(request({ 'sec-websocket-version': '8' }))?.headers).toEqual({ 'Sec-WebSocket-Version': '13' });
  });
});
