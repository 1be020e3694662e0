import { describe, it, expect } from 'vitest';
import { parseSubprotocols } from '../../src/protocol/subprotocols';

describe('parseSubprotocols', () => {
  it('returns no protocols for empty or separator-only input', () => {
    expect(parseSubprotocols('')).toEqual({ ok: true, value: [] });
    expect(parseSubprotocols(' , \n ')).toEqual({ ok: true, value: [] });
  });

  it('splits on commas and/or whitespace', () => {
    expect(parseSubprotocols('chat')).toEqual({ ok: true, value: ['chat'] });
    expect(parseSubprotocols('chat, superchat')).toEqual({ ok: true, value: ['chat', 'superchat'] });
    expect(parseSubprotocols('a b\tc\nd,e,,f')).toEqual({ ok: true, value: ['a', 'b', 'c', 'd', 'e', 'f'] });
  });

  it('accepts every RFC 7230 token character', () => {
    const token = "!#$%&'*+-.^_`|~09azAZ";
    expect(parseSubprotocols(token)).toEqual({ ok: true, value: [token] });
    expect(parseSubprotocols('graphql-transport-ws v1.json.api')).toEqual({
      ok: true,
      value: ['graphql-transport-ws', 'v1.json.api'],
    });
  });

  it.each([
    ['a/b', '/'],
    ['x;y', ';'],
    ['"chat"', '"'],
    ['chät', 'ä'],
    ['a(b)', '('],
    ['k=v', '='],
  ])('rejects %j', (input, ch) => {
    expect(parseSubprotocols(input)).toEqual({
      ok: false,
      error: `Invalid subprotocol "${input}": "${ch}" is not allowed in a token`,
    });
  });

  it('rejects duplicates, comparing case-sensitively', () => {
    expect(parseSubprotocols('chat, json, chat')).toEqual({ ok: false, error: 'Duplicate subprotocol "chat"' });
    expect(parseSubprotocols('chat Chat')).toEqual({ ok: true, value: ['chat', 'Chat'] });
  });
});
