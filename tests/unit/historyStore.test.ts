import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearEndpoints, MAX_RECENT_ENDPOINTS, normalizeSubprotocols, recordEndpoint, removeEndpoint, setRememberSecrets, useHistory,
} from '../../src/store/historyStore';

const endpoints = () => useHistory.getState().endpoints;

beforeEach(() => useHistory.setState({ endpoints: [], rememberSecretsFor: [] }));

describe('recent endpoints', () => {
  it('records URL + subprotocols with the time of use, newest first', () => {
    recordEndpoint('ws://a/', '', 100);
    recordEndpoint('ws://b/', 'chat', 200);
    expect(endpoints()).toEqual([
      { url: 'ws://b/', subprotocols: 'chat', at: 200 },
      { url: 'ws://a/', subprotocols: '', at: 100 },
    ]);
  });

  it('keeps one entry per distinct combination, moved to the top with its latest time', () => {
    recordEndpoint('ws://a/', 'chat json', 100);
    recordEndpoint('ws://b/', '', 200);
    recordEndpoint('ws://a/', ' chat, json ', 300);
    expect(endpoints().map((e) => [e.url, e.subprotocols, e.at])).toEqual([
      ['ws://a/', 'chat, json', 300],
      ['ws://b/', '', 200],
    ]);
  });

  it('treats a different subprotocol list as a different combination', () => {
    recordEndpoint('ws://a/', 'chat', 100);
    recordEndpoint('ws://a/', '', 200);
    expect(endpoints()).toHaveLength(2);
  });

  it('keeps at most 20, dropping the least recently used', () => {
    for (let i = 0; i < 25; i++) recordEndpoint(`ws://host/${i}`, '', 1000 + i);
    expect(endpoints()).toHaveLength(MAX_RECENT_ENDPOINTS);
    expect(endpoints()[0]?.url).toBe('ws://host/24');
    expect(endpoints().at(-1)?.url).toBe('ws://host/5');
    // Using an old one again brings it back to the top without growing the list.
    recordEndpoint('ws://host/10', '', 5000);
    expect(endpoints()).toHaveLength(MAX_RECENT_ENDPOINTS);
    expect(endpoints()[0]?.url).toBe('ws://host/10');
  });

  it('ignores an empty URL', () => {
    recordEndpoint('   ', 'chat');
    expect(endpoints()).toEqual([]);
  });

  it('removes one combination, or all', () => {
    recordEndpoint('ws://a/', 'chat', 1);
    recordEndpoint('ws://a/', '', 2);
    recordEndpoint('ws://b/', '', 3);
    removeEndpoint('ws://a/', 'chat');
    expect(endpoints().map((e) => `${e.url}|${e.subprotocols}`)).toEqual(['ws://b/|', 'ws://a/|']);
    clearEndpoints();
    expect(endpoints()).toEqual([]);
  });

  it('normalises subprotocol lists', () => {
    expect(normalizeSubprotocols(' a,b  c ,, ')).toBe('a, b, c');
    expect(normalizeSubprotocols('')).toBe('');
  });

  it('keeps the secrets opt-in per endpoint', () => {
    setRememberSecrets('wss://x/api', true);
    setRememberSecrets('wss://x/api', true);
    expect(useHistory.getState().rememberSecretsFor).toEqual(['wss://x/api']);
    setRememberSecrets('wss://x/api', false);
    expect(useHistory.getState().rememberSecretsFor).toEqual([]);
  });
});
