import { describe, it, expect } from 'vitest';
import { ALL_KINDS, createEntryMatcher, type CompiledFilter, type MatchOptions } from '../../src/log/entryMatcher';
import { FilteredLog } from '../../src/log/filteredLog';
import { LogBuffer } from '../../src/session/logBuffer';
import type { CloseInfo, Payload } from '../../src/connection/types';
import type { EntryKind, LogEntry } from '../../src/store/logEntry';

let nextSeq = 1;
function entry(data: Payload, kind: EntryKind = 'received', close: CloseInfo | null = null): LogEntry {
  const size = typeof data === 'string' ? data.length : data.byteLength;
  return { seq: nextSeq++, at: 0, kind, data, size, close, format: null };
}
const bytes = (...b: number[]) => new Uint8Array(b).buffer;

function compile(query: string, options: MatchOptions = {}): CompiledFilter {
  const result = createEntryMatcher(query, options);
  if (!result.ok) throw new Error(`expected a matcher, got ${result.error}`);
  return result.value;
}
const matches = (query: string, options: MatchOptions = {}) => compile(query, options).matches;

describe('createEntryMatcher with options', () => {
  it('literal (default): case-insensitive, special characters literal', () => {
    const m = matches('A.C');
    expect(m(entry('xa.cx'))).toBe(true);
    expect(m(entry('abc'))).toBe(false);
  });

  it('regex: ^a.c$ matches whole payloads', () => {
    const m = matches('^a.c$', { regex: true });
    expect(m(entry('abc'))).toBe(true);
    expect(m(entry('a-c'))).toBe(true);
    expect(m(entry('ABC'))).toBe(true); // case-insensitive unless Match case
    expect(m(entry('abcd'))).toBe(false);
    expect(m(entry('xabc'))).toBe(false);
  });

  it('regex with Match case', () => {
    const m = matches('^a.c$', { regex: true, matchCase: true });
    expect(m(entry('abc'))).toBe(true);
    expect(m(entry('ABC'))).toBe(false);
  });

  it('literal with Match case', () => {
    const m = matches('Hello', { matchCase: true });
    expect(m(entry('say Hello'))).toBe(true);
    expect(m(entry('say hello'))).toBe(false);
  });

  it('regex supports unicode property escapes and the legacy syntax', () => {
    expect(matches('^\\p{Lu}+$', { regex: true, matchCase: true })(entry('ÄBC'))).toBe(true);
    expect(matches('a\\-b', { regex: true })(entry('a-b'))).toBe(true);
  });

  it('regex matches binary payloads on their hex and close entries on their description', () => {
    expect(matches('^de ad', { regex: true })(entry(bytes(0xde, 0xad, 0xbe, 0xef)))).toBe(true);
    const close = entry('', 'close', { code: 1006, reason: '', wasClean: false });
    expect(matches('10\\d6 abnormal', { regex: true })(close)).toBe(true);
  });

  it('an invalid expression gives an error naming it, not a matcher', () => {
    const result = createEntryMatcher('(', { regex: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/invalid regular expression/i);
      expect(result.error).toContain('(');
    }
    expect(createEntryMatcher('a[', { regex: true }).ok).toBe(false);
    // The same text is fine as a literal.
    expect(createEntryMatcher('(', {}).ok).toBe(true);
  });

  it('never carries lastIndex from one entry to the next', () => {
    const { matches: m } = compile('a', { regex: true });
    const e = entry('banana');
    for (let i = 0; i < 5; i++) expect(m(e)).toBe(true);
    expect(m(entry('a'))).toBe(true);
    expect(m(entry('xa'))).toBe(true);
  });

  it('a pattern that would backtrack for hours answers at once (RE2 is linear)', () => {
    const m = compile('(a+)+$', { regex: true }).matches;
    expect(m(entry('a'.repeat(40) + '!'))).toBe(false);
    expect(m(entry('a'.repeat(40)))).toBe(true);
    expect(compile('(x+x+)+y', { regex: true }).matches(entry('x'.repeat(5000)))).toBe(false);
  });

  it('lookaround and backreferences get an error that says why', () => {
    for (const query of ['(?=a)', '(?!a)b', '(?<=a)b', '(a)\\1']) {
      const result = createEntryMatcher(query, { regex: true });
      expect(result.ok, query).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/linear-time engine \(RE2\)/);
    }
  });

  it('kinds: Show sent / Show received / Show events narrow the log', () => {
    const sent = entry('x', 'sent');
    const received = entry('x', 'received');
    const events = (['state', 'close', 'error', 'info'] as const).map((k) => entry('x', k));
    const only = (kinds: Partial<typeof ALL_KINDS>) => matches('', { kinds: { sent: false, received: false, events: false, ...kinds } });
    expect(only({ sent: true })(sent)).toBe(true);
    expect(only({ sent: true })(received)).toBe(false);
    expect(events.map(only({ sent: true }))).toEqual([false, false, false, false]);
    expect(only({ received: true })(received)).toBe(true);
    expect(only({ received: true })(sent)).toBe(false);
    expect(events.map(only({ events: true }))).toEqual([true, true, true, true]);
    expect(only({ events: true })(sent)).toBe(false);
    expect(only({})(sent)).toBe(false);
  });

  it('kinds and text combine', () => {
    const m = matches('hi', { kinds: { sent: true, received: false, events: false } });
    expect(m(entry('hi', 'sent'))).toBe(true);
    expect(m(entry('hi', 'received'))).toBe(false);
    expect(m(entry('ho', 'sent'))).toBe(false);
  });

  it('says when it shows everything, and gives the pattern to highlight', () => {
    expect(compile('').matchesAll).toBe(true);
    expect(compile('').pattern).toBeNull();
    expect(compile('', { kinds: { sent: true, received: true, events: false } }).matchesAll).toBe(false);
    expect(compile('x').matchesAll).toBe(false);
    expect(compile('x', { matchCase: true }).pattern!.test('X')).toBe(false);
    expect(compile('x').pattern!.test('X')).toBe(true);
    expect(compile('x', { regex: true, matchCase: true }).pattern!.test('X')).toBe(false);
    expect(compile('x', { regex: true }).pattern!.test('X')).toBe(true);
  });

  it('the one-argument form is still the case-insensitive literal predicate', () => {
    const m = createEntryMatcher('a.c');
    expect(m(entry('A.C'))).toBe(true);
    expect(m(entry('abc'))).toBe(false);
  });

  it('filters 100,000 kept entries with a regex well within 100 ms', () => {
    const log = new LogBuffer();
    for (let i = 0; i < 100_000; i++) {
      const data = `{"type":"tick","n":${i},"payload":"lorem ipsum dolor sit amet ${i % 97}"}`;
      log.push({ at: i, kind: i % 2 ? 'received' : 'sent', data, size: data.length, close: null, format: null });
    }
    // Warm up the code paths once (in the app, earlier keystrokes have done this).
    new FilteredLog(log, compile('w.rm', { regex: true }).matches).update();
    const start = performance.now();
    const { matches: m } = compile('"n":\\d+5,', { regex: true, kinds: { sent: false, received: true, events: true } });
    const view = new FilteredLog(log, m).update();
    const elapsed = performance.now() - start;
    expect(view.length).toBe(9999);
    expect(elapsed).toBeLessThan(100);
  });
});
