import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../../src/codecs/utf8';
import { cutShownText, cutText, utf8CutEnd } from '../../src/log/textCut';

const enc = new TextEncoder();
const buf = (text: string) => enc.encode(text).buffer as ArrayBuffer;

describe('cutText', () => {
  it('keeps text within the limit whole', () => {
    expect(cutText('héllo', 6, 100)).toEqual({ text: 'héllo', shownBytes: 6, lossy: false, binary: false });
  });

  it('cuts text at the byte limit without splitting a character', () => {
    const text = 'ab€€'; // 2 + 3 + 3 bytes
    expect(cutText(text, 8, 6)).toEqual({ text: 'ab€', shownBytes: 5, lossy: false, binary: false });
    expect(cutText('😀😀', 8, 5).text).toBe('😀');
  });

  it('cuts binary before a UTF-8 sequence split by the limit, so the cut is not shown as invalid', () => {
    const data = buf('ab€'); // 61 62 e2 82 ac
    for (const max of [3, 4]) expect(cutText(data, 5, max)).toEqual({ text: 'ab', shownBytes: 2, lossy: false, binary: true });
    expect(cutText(data, 5, 5)).toEqual({ text: 'ab€', shownBytes: 5, lossy: false, binary: true });
  });

  it('binary that is not UTF-8 is decoded lossily and says so', () => {
    const cut = cutText(new Uint8Array([0x68, 0xff, 0x69]).buffer, 3, 100);
    expect(cut).toEqual({ text: 'h\uFFFDi', shownBytes: 3, lossy: true, binary: true });
  });

  it('utf8CutEnd steps back over at most three continuation bytes', () => {
    expect(utf8CutEnd(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80]), 4)).toBe(1);
    expect(utf8CutEnd(new Uint8Array([1, 2, 3]), 10)).toBe(3);
    expect(utf8CutEnd(new Uint8Array([1, 2, 3]), -1)).toBe(0);
  });

  it('property: the shown text never exceeds the limit, is a prefix of the payload, and its byte count is exact', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 0, max: 200 }), fc.boolean(), (text, max, binary) => {
        const size = utf8ByteLength(text);
        const cut = cutText(binary ? buf(text) : text, size, max);
        expect(cut.shownBytes).toBeLessThanOrEqual(Math.max(max, 0));
        expect(text.startsWith(cut.text)).toBe(true);
        expect(utf8ByteLength(cut.text)).toBe(cut.shownBytes);
        expect(cut.lossy).toBe(false);
      }),
    );
  });
});

describe('cutShownText', () => {
  const mark = (text: string) => text.replaceAll('\u0001', '⟨U+0001⟩');

  it('bounds the text as shown, not only its bytes, and counts the bytes it covers exactly', () => {
    const data = '\u0001'.repeat(1000);
    const cut = cutShownText(data, 1000, 400, mark);
    expect(cut.shown.length).toBeLessThanOrEqual(400);
    expect(cut.shown.length).toBeGreaterThan(300);
    expect(cut.shownBytes).toBe(cut.text.length);
    expect(cut.shown).toBe(mark(cut.text));
  });

  it('text that showing does not grow is cut exactly as cutText cuts it', () => {
    expect(cutShownText('x'.repeat(50), 50, 20, (t) => t)).toEqual({ ...cutText('x'.repeat(50), 50, 20), shown: 'x'.repeat(20) });
  });

  it('property: whatever the mix, at most maxChars are shown and the cut is a prefix', () => {
    const unit = fc.constantFrom('a', '\u0001', '€', '😀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), fc.integer({ min: 0, max: 120 }), (text, max) => {
        const cut = cutShownText(buf(text), utf8ByteLength(text), max, mark);
        expect(cut.shown.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut.text)).toBe(true);
      }),
    );
  });
});
