import { describe, expect, it } from 'vitest';
import { messageOf } from '../../src/format/thrown';

describe('messageOf', () => {
  it("gives an Error's own message, without its name, and a DOMException's", () => {
    expect(messageOf(new TypeError('bad input'))).toBe('bad input');
    expect(messageOf(new DOMException('The operation was aborted.', 'AbortError'))).toBe('The operation was aborted.');
  });
  it('gives the message of a thrown object that carries one, rather than [object Object]', () => {
    expect(messageOf({ message: 'quota exceeded', code: 22 })).toBe('quota exceeded');
    expect(messageOf({ message: 42 })).toBe('[object Object]');
  });
  it('gives anything else thrown as text', () => {
    expect(messageOf('plain text')).toBe('plain text');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(null)).toBe('null');
    expect(messageOf(undefined)).toBe('undefined');
  });
});
