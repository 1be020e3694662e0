import { describe, expect, it } from 'vitest';
import { isSecretHeader, parseHeaders, redactHeaders, REFUSED_HEADERS } from '../../src/agent/headers';
import { REFUSED_HEADERS as AGENT_REFUSED, headerRefusal } from '../../server/agent/headerRules.js';

describe('parseHeaders', () => {
  it('reads Name: value lines in order, values as typed (trimmed), skipping empty lines', () => {
    const result = parseHeaders('Authorization: Bearer a:b\n\nX-Trace:  one two \r\nOrigin: https://o.example');
    expect(result).toEqual({ ok: true, value: [['Authorization', 'Bearer a:b'], ['X-Trace', 'one two'], ['Origin', 'https://o.example']] });
  });

  it('an empty field is no headers', () => {
    expect(parseHeaders('')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['X-Ok: 1\nno colon here', 'Headers line 2', 'expected "Name: value"'],
    [': value', 'Headers line 1', 'expected'],
    ['Bad Name: 1', 'Headers line 1', 'not a valid header name'],
    ['Sec-WebSocket-Key: abc', 'Headers line 1', 'set by the WebSocket handshake'],
    ['sec-websocket-protocol: x', 'Headers line 1', 'set by the WebSocket handshake'],
    ['X: 1\nConnection: close', 'Headers line 2', 'hop-by-hop'],
    ['Upgrade: h2c', 'Headers line 1', 'hop-by-hop'],
    ['Transfer-Encoding: chunked', 'Headers line 1', 'hop-by-hop'],
    ['X: a\u0001b', 'Headers line 1', 'control character'],
  ])('refuses %j naming the line', (text, where, why) => {
    const result = parseHeaders(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(where);
      expect(result.error).toContain(why);
    }
  });

  it('the page refuses exactly what the agent refuses', () => {
    expect([...REFUSED_HEADERS].sort()).toEqual([...AGENT_REFUSED].sort());
    for (const name of ['Cookie', 'Authorization', 'Origin', 'X-Anything', 'Host']) expect(headerRefusal(name)).toBeNull();
    for (const name of ['Sec-WebSocket-Extensions', 'Keep-Alive', 'TE']) expect(headerRefusal(name)).not.toBeNull();
  });
});

describe('secret headers', () => {
  it('Authorization, Cookie and token-like names are secret; others are not', () => {
    for (const name of ['Authorization', 'cookie', 'X-Api-Key', 'X-Auth-Token', 'X-Session-Id']) expect(isSecretHeader(name)).toBe(true);
    for (const name of ['Origin', 'X-Trace', 'Accept-Language', 'User-Agent']) expect(isSecretHeader(name)).toBe(false);
  });

  it('redactHeaders hides secret values and keeps the rest', () => {
    expect(redactHeaders('Authorization: Bearer abc\nX-Trace: 1\nCookie: a=b')).toBe('Authorization: [redacted]\nX-Trace: 1\nCookie: [redacted]');
  });
});
