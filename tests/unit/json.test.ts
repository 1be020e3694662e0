import { afterEach, describe, it, expect, vi } from 'vitest';
import { parseJson } from '../../src/codecs/json';

/** The error of a parse that must fail. */
function errorOf(text: string): string {
  const r = parseJson(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  return r.error;
}

describe('parseJson', () => {
  it('parses valid JSON of every kind', () => {
    expect(parseJson('{"a":[1,2,{"b":null}]}')).toEqual({ ok: true, value: { a: [1, 2, { b: null }] } });
    expect(parseJson(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(parseJson('"x"')).toEqual({ ok: true, value: 'x' });
    expect(parseJson('null')).toEqual({ ok: true, value: null });
  });

  it('rejects empty and whitespace-only text', () => {
    expect(errorOf('')).toBe('Invalid JSON: the message is empty');
    expect(errorOf(' \n\t ')).toBe('Invalid JSON: the message is empty');
  });

  it('reports line and column for errors with a position', () => {
    // "{\n  "a": 1,\n}" fails at the "}" on line 3, column 1
    expect(errorOf('{\n  "a": 1,\n}')).toMatch(/^Invalid JSON at line 3, column 1: /);
    expect(errorOf('{"a" 1}')).toMatch(/^Invalid JSON at line 1, column 6: /);
    expect(errorOf('[1]x')).toMatch(/^Invalid JSON at line 1, column 4: /);
  });

  it('counts CRLF line breaks once', () => {
    expect(errorOf('[1,\r\n 2,\r\n ]')).toMatch(/^Invalid JSON at line 3, column 2: /);
  });

  it('uses the end of the text for a premature end', () => {
    expect(errorOf('[1,2')).toMatch(/^Invalid JSON at line 1, column 5: /);
    expect(errorOf('{"a":\n tru')).toMatch(/^Invalid JSON at line 2, column 5: /);
  });

  it('locates unexpected tokens that the engine reports without a position', () => {
    expect(errorOf('{\n  "a": x}')).toMatch(/^Invalid JSON at line 2, column 8: /);
    expect(errorOf('abc')).toMatch(/^Invalid JSON at line 1, column 1: /);
    expect(errorOf('["x", "y", \'z\']')).toMatch(/^Invalid JSON at line 1, column 12: /);
  });

  it('keeps the engine message but not the echoed input or raw offset', () => {
    const err = errorOf('{\n  "a": x}');
    expect(err).toMatch(/Unexpected token/);
    expect(err).not.toMatch(/is not valid JSON/);
    expect(errorOf('[1]x')).not.toMatch(/at position/);
  });

  it('is not fooled by position-like text inside the input', () => {
    expect(errorOf('"line 9 column 9" x')).toMatch(/^Invalid JSON at line 1, column 19: /);
  });

  it('locates errors in strings, numbers and literals', () => {
    expect(errorOf('["a\\q"]')).toMatch(/^Invalid JSON at line 1, column 5: /);
    expect(errorOf('[01]')).toMatch(/^Invalid JSON at line 1, column 3: /);
    expect(errorOf('[1.]')).toMatch(/^Invalid JSON at line 1, column 4: /);
    expect(errorOf('[nul]')).toMatch(/^Invalid JSON at line 1, column 5: /);
    expect(errorOf('{"a":1 "b":2}')).toMatch(/^Invalid JSON at line 1, column 8: /);
  });
});

describe('parseJson with other engines\' messages', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const engineSays = (message: string) =>
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new SyntaxError(message);
    });

  it('uses line and column from newer V8 messages', () => {
    engineSays("Expected ',' or ']' after array element in JSON at position 12 (line 2 column 5)");
    expect(errorOf('whatever')).toBe("Invalid JSON at line 2, column 5: Expected ',' or ']' after array element");
  });

  it('uses line and column from Firefox messages', () => {
    engineSays('JSON.parse: unexpected character at line 3 column 7 of the JSON data');
    expect(errorOf('whatever')).toBe('Invalid JSON at line 3, column 7: unexpected character');
  });

  it('strips the long-input echo form', () => {
    engineSays('Unexpected token \'x\', ..."  "a": x, "b"... is not valid JSON');
    expect(errorOf('{\n  "a": x, "b": 2}')).toBe("Invalid JSON at line 2, column 8: Unexpected token 'x'");
  });

  it('falls back to the message alone when the error cannot be located', () => {
    engineSays('JSON Parse error: Something odd');
    expect(errorOf('[1]')).toBe('Invalid JSON: Something odd');
  });
});
