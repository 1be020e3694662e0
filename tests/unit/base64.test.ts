import { describe, it, expect } from 'vitest';
import { parseBase64, toBase64 } from '../../src/codecs/base64';

// NOTE: copied into this realm's Uint8Array; under jsdom TextEncoder returns another realm's array.
const text = (s: string) => Uint8Array.from(new TextEncoder().encode(s));

describe('parseBase64', () => {
  it.each([
    ['aGVsbG8=', 'hello'],
    ['aGVsbG8', 'hello'],
    ['aGk=', 'hi'],
    ['aGk', 'hi'],
    ['aGVs', 'hel'],
    ['aGVs\nbG8=\n', 'hello'],
    ['  a G V s b G 8 =  ', 'hello'],
    ['aGVsbG8 =', 'hello'],
  ])('decodes %j', (input, expected) => {
    expect(parseBase64(input)).toEqual({ ok: true, value: text(expected) });
  });

  it('accepts standard and URL-safe alphabets', () => {
    const value = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(parseBase64('+/+/')).toEqual({ ok: true, value });
    expect(parseBase64('-_-_')).toEqual({ ok: true, value });
  });

  it('returns an empty array for empty or whitespace input', () => {
    expect(parseBase64('')).toEqual({ ok: true, value: new Uint8Array() });
    expect(parseBase64(' \n\t')).toEqual({ ok: true, value: new Uint8Array() });
  });

  it('names a bad character and its position', () => {
    expect(parseBase64('ab!d')).toEqual({ ok: false, error: 'Not a base64 character "!" at position 3' });
    expect(parseBase64('abé')).toEqual({ ok: false, error: 'Not a base64 character "é" at position 3' });
  });

  it('rejects a final group of one character', () => {
    expect(parseBase64('aGVsb')).toEqual({
      ok: false,
      error: 'Base64 length is invalid: a final group of one character at position 5',
    });
    expect(parseBase64('a')).toEqual({
      ok: false,
      error: 'Base64 length is invalid: a final group of one character at position 1',
    });
  });

  it('rejects misplaced padding', () => {
    expect(parseBase64('aG=k')).toEqual({
      ok: false,
      error: 'Misplaced padding "=" at position 3: padding may only appear at the end',
    });
    expect(parseBase64('aGk=aGk=')).toEqual({
      ok: false,
      error: 'Misplaced padding "=" at position 4: padding may only appear at the end',
    });
  });

  it('rejects padding of the wrong length', () => {
    expect(parseBase64('aG=')).toEqual({ ok: false, error: 'Wrong padding at position 3: expected "==" but found "="' });
    expect(parseBase64('aGk==')).toEqual({ ok: false, error: 'Wrong padding at position 4: expected "=" but found "=="' });
    expect(parseBase64('aGVs=')).toEqual({
      ok: false,
      error: 'Unexpected padding "=" at position 5: the data is already complete',
    });
    expect(parseBase64('=')).toEqual({
      ok: false,
      error: 'Unexpected padding "=" at position 1: the data is already complete',
    });
  });

  it('round-trips toBase64 output for all lengths 0-20', () => {
    for (let n = 0; n <= 20; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(parseBase64(toBase64(data))).toEqual({ ok: true, value: data });
    }
  });

  it('round-trips text: toBase64(parseBase64(x)) === x', () => {
    for (const s of ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYmFy', '+/+/AAEC']) {
      const r = parseBase64(s);
      expect(r.ok && toBase64(r.value)).toBe(s);
    }
  });
});

describe('toBase64', () => {
  it('encodes with the standard alphabet and padding', () => {
    expect(toBase64(text(''))).toBe('');
    expect(toBase64(text('f'))).toBe('Zg==');
    expect(toBase64(text('fo'))).toBe('Zm8=');
    expect(toBase64(text('foo'))).toBe('Zm9v');
    expect(toBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });

  it('encodes 16 MiB without throwing and matches Buffer across chunk boundaries', () => {
    const big = new Uint8Array(16 * 1024 * 1024 + 1);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const encoded = toBase64(big);
    expect(encoded.length).toBe(Math.ceil(big.length / 3) * 4);
    expect(encoded).toBe(Buffer.from(big).toString('base64'));
  });
});
