import { describe, it, expect, vi } from 'vitest';
import { createEntryMatcher } from '../../src/log/entryMatcher';
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
const closeEntry = (close: CloseInfo) => entry(close.reason, 'close', close);

function push(log: LogBuffer, ...data: string[]): void {
  for (const d of data) log.push({ at: 0, kind: 'received', data: d, size: d.length, close: null, format: null });
}
function shown(view: FilteredLog): string[] {
  const out: string[] = [];
  for (let i = 0; i < view.length; i++) out.push(view.at(i)!.data as string);
  return out;
}

describe('createEntryMatcher', () => {
  it('matches a substring of a text payload, ignoring case', () => {
    const matches = createEntryMatcher('HeLLo');
    expect(matches(entry('say hello world'))).toBe(true);
    expect(matches(entry('HELLO'))).toBe(true);
    expect(matches(entry('help'))).toBe(false);
    expect(matches(entry(''))).toBe(false);
  });

  it('an empty query matches every entry', () => {
    const matches = createEntryMatcher('');
    expect(matches(entry(''))).toBe(true);
    expect(matches(entry(bytes(1, 2)))).toBe(true);
    expect(matches(entry('OPEN', 'state'))).toBe(true);
  });

  it('matches binary payloads on their hex, as the row shows them', () => {
    const data = bytes(0xde, 0xad, 0xbe, 0xef);
    expect(createEntryMatcher('ad be')(entry(data))).toBe(true);
    expect(createEntryMatcher('DE AD')(entry(data))).toBe(true);
    expect(createEntryMatcher('ef')(entry(data))).toBe(true);
    expect(createEntryMatcher('ff')(entry(data))).toBe(false);
    expect(createEntryMatcher('deadbeef')(entry(data))).toBe(false);
  });

  it('does not match binary payloads on their bytes read as text', () => {
    const hi = new TextEncoder().encode('hi').buffer as ArrayBuffer;
    expect(createEntryMatcher('hi')(entry(hi))).toBe(false);
    expect(createEntryMatcher('68 69')(entry(hi))).toBe(true);
  });

  it('matches close entries on their description: code, standard name, cleanliness', () => {
    const abnormal = closeEntry({ code: 1006, reason: '', wasClean: false });
    expect(createEntryMatcher('1006 Abnormal Closure')(abnormal)).toBe(true);
    expect(createEntryMatcher('abnormal closure')(abnormal)).toBe(true);
    expect(createEntryMatcher('not clean')(abnormal)).toBe(true);
    expect(createEntryMatcher('1000')(abnormal)).toBe(false);
    expect(createEntryMatcher('clean close')(abnormal)).toBe(false);

    const bye = closeEntry({ code: 4000, reason: 'bye now', wasClean: true });
    expect(createEntryMatcher('bye')(bye)).toBe(true);
    expect(createEntryMatcher('4000')(bye)).toBe(true);
    expect(createEntryMatcher('private use')(bye)).toBe(true);
    expect(createEntryMatcher('1006')(bye)).toBe(false);
  });

  it('treats regex special characters in the query literally', () => {
    expect(createEntryMatcher('a.c')(entry('abc'))).toBe(false);
    expect(createEntryMatcher('a.c')(entry('xa.cx'))).toBe(true);
    expect(createEntryMatcher('.*')(entry('anything'))).toBe(false);
    expect(createEntryMatcher('.*')(entry('glob .* here'))).toBe(true);
    expect(createEntryMatcher('(x)')(entry('f(x) = 1'))).toBe(true);
    expect(createEntryMatcher('(x)')(entry('x'))).toBe(false);
    expect(createEntryMatcher('a+')(entry('aaa'))).toBe(false);
    expect(createEntryMatcher('$1^')(entry('costs $1^2'))).toBe(true);
    expect(createEntryMatcher('[')(entry('array [1]'))).toBe(true);
    expect(createEntryMatcher('{"a":')(entry('{"a": 1}'))).toBe(true);
    expect(createEntryMatcher('a|b')(entry('a'))).toBe(false);
    expect(createEntryMatcher('C:\\dir')(entry('path C:\\dir\\file'))).toBe(true);
    expect(createEntryMatcher('?')(entry('why?'))).toBe(true);
    expect(createEntryMatcher('?')(entry('why'))).toBe(false);
  });

  it('gives the same answer when called repeatedly on the same entry', () => {
    const matches = createEntryMatcher('x');
    const e = entry('xx');
    expect([matches(e), matches(e), matches(e)]).toEqual([true, true, true]);
  });
});

describe('FilteredLog', () => {
  it('shows only the matching entries, oldest first', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: Number.MAX_SAFE_INTEGER });
    push(log, 'apple', 'banana', 'pineapple', 'cherry', 'APPLE pie');
    const view = new FilteredLog(log, createEntryMatcher('apple')).update();
    expect(view.length).toBe(3);
    expect(shown(view)).toEqual(['apple', 'pineapple', 'APPLE pie']);
    expect(view.at(3)).toBeUndefined();
    expect(view.at(0)?.seq).toBe(1);
    expect(view.at(2)?.seq).toBe(5);
    expect(view.dropped).toBe(0);
  });

  it('tests each new entry exactly once across updates', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: Number.MAX_SAFE_INTEGER });
    const matcher = vi.fn(createEntryMatcher('a'));
    const view = new FilteredLog(log, matcher);
    push(log, 'a1', 'b1', 'a2');
    view.update();
    expect(matcher).toHaveBeenCalledTimes(3);
    view.update();
    view.update();
    expect(matcher).toHaveBeenCalledTimes(3);
    push(log, 'b2', 'a3');
    view.update();
    expect(matcher).toHaveBeenCalledTimes(5);
    const testedSeqs = matcher.mock.calls.map(([e]) => e.seq);
    expect(testedSeqs).toEqual([1, 2, 3, 4, 5]);
    expect(shown(view)).toEqual(['a1', 'a2', 'a3']);
  });

  it('drops trimmed entries off the front and counts them in dropped', () => {
    const log = new LogBuffer({ maxEntries: 4, maxBytes: Number.MAX_SAFE_INTEGER });
    const view = new FilteredLog(log, createEntryMatcher('keep'));
    push(log, 'keep 1', 'skip 1', 'keep 2', 'keep 3');
    expect(shown(view.update())).toEqual(['keep 1', 'keep 2', 'keep 3']);
    push(log, 'skip 2'); // trims "keep 1"
    expect(shown(view.update())).toEqual(['keep 2', 'keep 3']);
    expect(view.dropped).toBe(1);
    push(log, 'skip 3'); // trims "skip 1": not shown, so not dropped from the view
    expect(shown(view.update())).toEqual(['keep 2', 'keep 3']);
    expect(view.dropped).toBe(1);
    push(log, 'keep 4', 'skip 4'); // trims "keep 2" and "keep 3"
    expect(shown(view.update())).toEqual(['keep 4']);
    expect(view.dropped).toBe(3);
  });

  it('never tests entries that were trimmed before the view caught up', () => {
    const log = new LogBuffer({ maxEntries: 3, maxBytes: Number.MAX_SAFE_INTEGER });
    const matcher = vi.fn(createEntryMatcher('m'));
    const view = new FilteredLog(log, matcher);
    push(log, 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7');
    view.update();
    expect(matcher.mock.calls.map(([e]) => e.data)).toEqual(['m5', 'm6', 'm7']);
    expect(shown(view)).toEqual(['m5', 'm6', 'm7']);
  });

  it('empties when the log is cleared and then shows new matches', () => {
    const log = new LogBuffer({ maxEntries: 10, maxBytes: Number.MAX_SAFE_INTEGER });
    const view = new FilteredLog(log, createEntryMatcher('x'));
    push(log, 'x1', 'y1', 'x2');
    expect(view.update().length).toBe(2);
    log.clear();
    expect(view.update().length).toBe(0);
    expect(view.at(0)).toBeUndefined();
    expect(view.dropped).toBe(2);
    push(log, 'y2', 'x3');
    expect(shown(view.update())).toEqual(['x3']);
  });

  it('stays exact over a long run of trimming (front compaction)', () => {
    const log = new LogBuffer({ maxEntries: 100, maxBytes: Number.MAX_SAFE_INTEGER });
    const view = new FilteredLog(log, createEntryMatcher('even'));
    for (let i = 1; i <= 6000; i++) {
      push(log, i % 2 === 0 ? `even ${i}` : `odd ${i}`);
      if (i % 7 === 0) view.update();
    }
    view.update();
    expect(view.length).toBe(50);
    expect(view.at(0)?.data).toBe('even 5902');
    expect(view.at(49)?.data).toBe('even 6000');
    expect(view.at(50)).toBeUndefined();
    expect(view.dropped).toBe(2950);
    for (let i = 0; i < view.length; i++) expect(view.at(i)?.data).toBe(`even ${5902 + 2 * i}`);
  });

  it('filters binary and close entries kept in the log', () => {
    const log = new LogBuffer({ maxEntries: 10, maxBytes: Number.MAX_SAFE_INTEGER });
    log.push({ at: 0, kind: 'received', data: bytes(0x10, 0x06), size: 2, close: null, format: null });
    log.push({ at: 0, kind: 'received', data: 'text', size: 4, close: null, format: null });
    log.push({ at: 0, kind: 'close', data: '', size: 0, close: { code: 1006, reason: '', wasClean: false }, format: null });
    const view = new FilteredLog(log, createEntryMatcher('10 06')).update();
    expect(view.length).toBe(1);
    expect(view.at(0)?.seq).toBe(1);
    const closes = new FilteredLog(log, createEntryMatcher('1006 abnormal')).update();
    expect(closes.length).toBe(1);
    expect(closes.at(0)?.kind).toBe('close');
  });
});
