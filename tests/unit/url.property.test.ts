import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUrl, isSimulatorUrl } from '../../src/protocol/url';

const schemes = fc.constantFrom('ws://', 'wss://', 'http://', 'https://', 'WS://', 'ftp://', 'ws:', 'ws:///', '', ' ws://', 'simulator:');
const hosts = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((ip) => `[${ip}]`), fc.constantFrom('localhost', '', '@', 'user:pw@host', 'a..b', 'xn--'));
const tails = fc.oneof(fc.constant(''), fc.webPath(), fc.webQueryParameters().map((q) => `?${q}`), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const ports = fc.oneof(fc.constant(''), fc.integer({ min: -5, max: 70_000 }).map((p) => `:${p}`), fc.string({ maxLength: 4 }).map((p) => `:${p}`));
/** Strings shaped like URLs (most of them nearly valid), and plain noise. */
const urlish = fc.oneof(fc.tuple(schemes, hosts, ports, tails).map((parts) => parts.join('')), fc.string(), fc.string({ unit: 'binary' }));

describe('checkUrl (property)', () => {
  it('never throws, and either accepts or says why not', () => {
    fc.assert(fc.property(urlish, fc.constantFrom(undefined, 'https:', 'http:'), (input, page) => {
      const result = checkUrl(input, page);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
    }), { numRuns: 2000 });
  });

  it('accepts only ws:// and wss:// URLs with a host and no fragment, and they re-check to themselves', () => {
    fc.assert(fc.property(urlish, (input) => {
      const result = checkUrl(input);
      if (!result.ok) return;
      expect(result.value.url).toMatch(/^wss?:\/\/[^/?#]/);
      expect(result.value.url).not.toContain('#');
      expect(new URL(result.value.url).hostname).not.toBe('');
      expect(checkUrl(result.value.url)).toEqual(result);
    }), { numRuns: 2000 });
  });

  it('accepts every ordinary ws and wss URL', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true }).map((u) => u.replace(/^http/, 'ws')), (url) => {
      expect(checkUrl(url)).toMatchObject({ ok: true });
    }), { numRuns: 500 });
  });

  it('isSimulatorUrl never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(typeof isSimulatorUrl(s)).toBe('boolean');
    }));
  });
});
