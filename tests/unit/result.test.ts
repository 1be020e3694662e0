import { describe, it, expect } from 'vitest';
import { fail, ok, type ParseResult } from '../../src/codecs/result';

describe('result', () => {
  it('ok wraps a value', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
  });
  it('fail wraps an error and is assignable to any ParseResult', () => {
    const r: ParseResult<number> = fail('bad');
    expect(r).toEqual({ ok: false, error: 'bad' });
  });
});
