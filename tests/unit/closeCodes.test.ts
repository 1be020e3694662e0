import { describe, it, expect } from 'vitest';
import { checkCloseCode, checkCloseReason, describeCloseCode } from '../../src/protocol/closeCodes';

describe('describeCloseCode', () => {
  it.each([
    [1000, 'Normal Closure'],
    [1001, 'Going Away'],
    [1002, 'Protocol Error'],
    [1003, 'Unsupported Data'],
    [1004, 'Reserved'],
    [1005, 'No Status Received'],
    [1006, 'Abnormal Closure'],
    [1007, 'Invalid Frame Payload Data'],
    [1008, 'Policy Violation'],
    [1009, 'Message Too Big'],
    [1010, 'Mandatory Extension'],
    [1011, 'Internal Error'],
    [1012, 'Service Restart'],
    [1013, 'Try Again Later'],
    [1014, 'Bad Gateway'],
    [1015, 'TLS Handshake'],
  ])('names %i %s', (code, name) => {
    expect(describeCloseCode(code).name).toBe(name);
  });

  it('names the ranges', () => {
    expect(describeCloseCode(1016).name).toBe('Unassigned (reserved for the WebSocket protocol)');
    expect(describeCloseCode(2999).name).toBe('Unassigned (reserved for the WebSocket protocol)');
    expect(describeCloseCode(3000).name).toMatch(/registered/i);
    expect(describeCloseCode(3999).name).toBe('Registered (libraries, frameworks, applications)');
    expect(describeCloseCode(4000).name).toBe('Private use');
    expect(describeCloseCode(4999).name).toBe('Private use');
    expect(describeCloseCode(0).name).toBe('Not used');
    expect(describeCloseCode(999).name).toBe('Not used');
    expect(describeCloseCode(5000).name).toBe('Invalid');
    expect(describeCloseCode(-1).name).toBe('Invalid');
    expect(describeCloseCode(1000.5).name).toBe('Invalid');
  });

  it('explains 1006 with the usual causes', () => {
    const text = describeCloseCode(1006).explanation ?? '';
    expect(text).toMatch(/browser hides the cause/);
    for (const cause of [/unreachable/, /refused/, /TLS\/certificate/, /proxy or firewall/, /without a close frame/]) {
      expect(text).toMatch(cause);
    }
  });

  it('explains 1005, 1009, 1011 and 1015 but not 1000', () => {
    expect(describeCloseCode(1005).explanation).toMatch(/no status code/);
    expect(describeCloseCode(1009).explanation).toMatch(/larger/);
    expect(describeCloseCode(1011).explanation).toMatch(/unexpected condition/);
    expect(describeCloseCode(1015).explanation).toMatch(/TLS/);
    expect(describeCloseCode(1000)).toEqual({ name: 'Normal Closure' });
    expect(describeCloseCode(4000)).toEqual({ name: 'Private use' });
  });
});

describe('checkCloseCode', () => {
  it('treats empty as no code', () => {
    expect(checkCloseCode('')).toEqual({ ok: true, value: undefined });
    expect(checkCloseCode('  ')).toEqual({ ok: true, value: undefined });
  });

  it('accepts 1000 and 3000-4999', () => {
    expect(checkCloseCode('1000')).toEqual({ ok: true, value: 1000 });
    expect(checkCloseCode(' 3000 ')).toEqual({ ok: true, value: 3000 });
    expect(checkCloseCode('4999')).toEqual({ ok: true, value: 4999 });
  });

  it.each(['1001', '1006', '2999', '5000', '0', '-1'])('rejects %s as not sendable', (code) => {
    expect(checkCloseCode(code)).toEqual({
      ok: false,
      error: `Close code ${code} cannot be sent by a browser: use 1000 or 3000-4999`,
    });
  });

  it.each(['abc', '1000.5', '1e3', '0x3e8', '10 00'])('rejects %j as not a whole number', (input) => {
    expect(checkCloseCode(input)).toEqual({ ok: false, error: `Close code must be a whole number, got "${input}"` });
  });
});

describe('checkCloseReason', () => {
  it('accepts reasons up to 123 UTF-8 bytes', () => {
    expect(checkCloseReason('')).toEqual({ ok: true, value: '' });
    const max = 'a'.repeat(123);
    expect(checkCloseReason(max)).toEqual({ ok: true, value: max });
  });

  it('rejects longer reasons, counting bytes not characters', () => {
    expect(checkCloseReason('a'.repeat(124))).toEqual({
      ok: false,
      error: 'Close reason is 124 bytes in UTF-8; the limit is 123',
    });
    // 65 two-byte characters: 65 characters but 130 bytes
    expect(checkCloseReason('é'.repeat(65))).toEqual({
      ok: false,
      error: 'Close reason is 130 bytes in UTF-8; the limit is 123',
    });
  });
});
