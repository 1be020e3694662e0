import { describe, it, expect } from 'vitest';
import { parseHex, toHex } from '../../src/codecs/hex';

const bytes = (...b: number[]) => new Uint8Array(b);
const DEADBEEF = bytes(0xde, 0xad, 0xbe, 0xef);

describe('parseHex', () => {
  it.each([
    'de ad be ef',
    'deadbeef',
    'de:ad:be:ef',
    '0xde 0xad 0xbe 0xef',
    '0XDE,0XAD,0XBE,0XEF',
    'DE-AD-BE-EF',
    'dead beef',
    '  de\tad\n\nbe\r\nef  ',
    'de, ad, be, ef',
    '0xdeadbeef',
  ])('accepts %j', (input) => {
    expect(parseHex(input)).toEqual({ ok: true, value: DEADBEEF });
  });

  it('returns an empty array for empty or separator-only input', () => {
    expect(parseHex('')).toEqual({ ok: true, value: bytes() });
    expect(parseHex(' \n, : - ')).toEqual({ ok: true, value: bytes() });
  });

  it('returns a Uint8Array of exactly the parsed length', () => {
    const r = parseHex('00 ff 7f');
    expect(r.ok && r.value).toBeInstanceOf(Uint8Array);
    expect(r.ok && r.value.length).toBe(3);
    expect(r.ok && Array.from(r.value)).toEqual([0, 255, 127]);
  });

  it('names a bad digit and its 1-based position', () => {
    expect(parseHex('de ag')).toEqual({ ok: false, error: 'Not a hex digit "g" at position 5' });
    expect(parseHex('zz')).toEqual({ ok: false, error: 'Not a hex digit "z" at position 1' });
    expect(parseHex('0xde 0x1.')).toEqual({ ok: false, error: 'Not a hex digit "." at position 9' });
  });

  it('quotes a whole non-BMP character', () => {
    expect(parseHex('de😀')).toEqual({ ok: false, error: 'Not a hex digit "😀" at position 3' });
  });

  it('reports an odd group with its start position', () => {
    expect(parseHex('abc')).toEqual({
      ok: false,
      error: 'Odd number of hex digits in "abc" at position 1 (each byte needs two digits)',
    });
    expect(parseHex('de ad f')).toEqual({
      ok: false,
      error: 'Odd number of hex digits in "f" at position 7 (each byte needs two digits)',
    });
    expect(parseHex('0xabc')).toEqual({
      ok: false,
      error: 'Odd number of hex digits in "0xabc" at position 1 (each byte needs two digits)',
    });
  });

  it('rejects a bare 0x prefix', () => {
    expect(parseHex('de 0x')).toEqual({ ok: false, error: 'Missing hex digits after "0x" at position 4' });
  });

  it('round-trips every byte value through toHex', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const r = parseHex(toHex(all));
    expect(r).toEqual({ ok: true, value: all });
  });
});

describe('toHex', () => {
  it('formats lowercase, space-separated', () => {
    expect(toHex(DEADBEEF)).toBe('de ad be ef');
    expect(toHex(bytes(0, 1, 0x0a, 0xff))).toBe('00 01 0a ff');
    expect(toHex(bytes())).toBe('');
  });

  it('truncates with " …" after maxBytes', () => {
    expect(toHex(DEADBEEF, 2)).toBe('de ad …');
    expect(toHex(DEADBEEF, 4)).toBe('de ad be ef');
    expect(toHex(DEADBEEF, 10)).toBe('de ad be ef');
    expect(toHex(DEADBEEF, 0)).toBe('…');
  });

  it('only reads the first maxBytes', () => {
    const big = new Uint8Array(4);
    const touched: number[] = [];
    const spy = new Proxy(big, {
      get(target, prop) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) touched.push(Number(prop));
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    expect(toHex(spy, 2)).toBe('00 00 …');
    expect(Math.max(...touched)).toBe(1);
  });

  it('is fast for 64-byte rows of a large buffer', () => {
    const buf = new Uint8Array(16 * 1024 * 1024);
    const start = performance.now();
    for (let i = 0; i < 10_000; i++) toHex(buf, 64);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
