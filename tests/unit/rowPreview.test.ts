import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewEntry } from '../../src/log/entryText';
import { compactJsonHead, cutBefore, MIN_PREVIEW_CHARS, previewCharsFor, ROW_PREVIEW_CHARS } from '../../src/log/rowPreview';
import type { LogEntry } from '../../src/store/logEntry';

const received = (data: string | ArrayBuffer): LogEntry => ({
  seq: 1,
  at: 0,
  kind: 'received',
  data,
  size: typeof data === 'string' ? data.length : data.byteLength,
  close: null,
  format: null,
});

describe('previewCharsFor', () => {
  it('gives what fits across the log, a few characters over', () => {
    // 900 px of 7.5 px characters: 120 fit.
    expect(previewCharsFor(900, 7.5)).toBe(124);
  });

  it('stays within its bounds, and gives the most when nothing is laid out yet', () => {
    expect(previewCharsFor(50, 7.5)).toBe(MIN_PREVIEW_CHARS);
    expect(previewCharsFor(10_000, 7.5)).toBe(ROW_PREVIEW_CHARS);
    expect(previewCharsFor(0, 7.5)).toBe(ROW_PREVIEW_CHARS);
    expect(previewCharsFor(900, 0)).toBe(ROW_PREVIEW_CHARS);
    expect(previewCharsFor(Number.NaN, Number.NaN)).toBe(ROW_PREVIEW_CHARS);
  });
});

describe('compactJsonHead', () => {
  it('compacts pretty-printed JSON, keeping the strings as they are', () => {
    expect(compactJsonHead('{\n  "a b": 1,\n  "c": [true, null, "x \\" y"]\n}\n', 100)).toBe('{"a b":1,"c":[true,null,"x \\" y"]}');
    expect(compactJsonHead('  [\n\t1.5e3,\r\n  -2\n]', 100)).toBe('[1.5e3,-2]');
  });

  it('leaves alone what is not pretty JSON: one line, not an object or array, words outside strings', () => {
    expect(compactJsonHead('{"a": 1, "b": 2}', 100)).toBeNull();
    expect(compactJsonHead('hello\nworld', 100)).toBeNull();
    expect(compactJsonHead('"text"\n', 100)).toBeNull();
    expect(compactJsonHead('{ function body\n}', 100)).toBeNull();
    expect(compactJsonHead('', 100)).toBeNull();
  });

  it('stops at `max` characters with an ellipsis, never splitting a surrogate pair', () => {
    const pretty = JSON.stringify({ list: Array.from({ length: 100 }, (_, i) => i) }, null, 2);
    const head = compactJsonHead(pretty, 20);
    expect(head).toBe(`${JSON.stringify({ list: Array.from({ length: 100 }, (_, i) => i) }).slice(0, 20)} …`);
    expect(compactJsonHead('{\n"😀😀😀"}', 4)).toBe('{"😀 …');
  });

  it('reads only so far: a payload of whitespace is not read to its end', () => {
    expect(compactJsonHead(`{\n${' '.repeat(1_000_000)}"a": 1}`, 10)).toBe('{ …');
  });

  it('is JSON.stringify of the value for any pretty-printed object or array (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())), fc.integer({ min: 1, max: 300 }), (value, max) => {
        const pretty = JSON.stringify(value, null, 2);
        if (!pretty.includes('\n')) return;
        const compact = JSON.stringify(value);
        expect(compactJsonHead(pretty, max)).toBe(compact.length > max ? `${cutBefore(compact, max)} …` : compact);
      }),
    );
  });
});

describe('previewEntry', () => {
  it('shows at most the characters asked for, with an ellipsis', () => {
    const preview = previewEntry(received('x'.repeat(5000)), 100);
    expect(preview).toBe(`${'x'.repeat(100)} …`);
    expect(previewEntry(received('short'), 100)).toBe('short');
    expect(previewEntry(received('one\ntwo\tthree'), 100)).toBe('one ↵ two ⇥ three');
  });

  it('shows binary as hex, as many bytes as the characters allow', () => {
    const bytes = new Uint8Array(100).map((_, i) => i).buffer;
    expect(previewEntry(received(bytes), 12)).toBe('00 01 02 03 …');
    expect(previewEntry(received(bytes)).split(' ').length).toBe(64 + 1);
    expect(previewEntry(received(new Uint8Array([0xde, 0xad]).buffer), 12)).toBe('de ad');
  });

  it('depends only on the start of the payload: what lies beyond what a row needs is never read (property)', () => {
    const max = 50;
    fc.assert(
      fc.property(fc.string({ minLength: 16 * max, maxLength: 16 * max + 10 }), fc.string(), fc.string(), (start, a, b) => {
        expect(previewEntry(received(start + a), max)).toBe(previewEntry(received(start + b), max));
      }),
    );
    const pretty = JSON.stringify({ a: 'x'.repeat(2000) }, null, 2);
    expect(previewEntry(received(`${pretty}`), max)).toBe(previewEntry(received(`${pretty} trailing words`), max));
  });
});
