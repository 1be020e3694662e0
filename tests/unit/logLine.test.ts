import { describe, expect, it } from 'vitest';
import { LogLineReader, MAX_PROBLEMS } from '../../src/export/lineReader';
import { readEntryLine, readHeaderLine, type ImportedEntry } from '../../src/export/logLine';
import { parseLines } from '../../src/export/jsonl';

const T = Date.UTC(2025, 5, 1, 12, 0, 0);
const line = (fields: Record<string, unknown>) => JSON.stringify({ time: new Date(T).toISOString(), kind: 'received', ...fields });

describe('entry line schema: times', () => {
  it.each([
    ['1e20 ms', 1e20, /not between the year 2000 and tomorrow/],
    ['before 2000', Date.UTC(1999, 11, 31), /not between/],
    ['two days ahead', Date.now() + 2 * 86_400_000, /not between/],
    ['negative', -1, /not between/],
    ['a far-future date as text', '2999-01-01T00:00:00.000Z', /not between/],
    ['not a date', 'soon', /its time "soon" is not a date/],
    ['missing', undefined, /it has no time/],
    ['an object', { at: 1 }, /it has no time/],
  ])('rejects a time that is %s', (_what, time, message) => {
    const result = readEntryLine({ time, kind: 'received', payload: 'hi' });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it('accepts epoch milliseconds and ISO strings between 2000 and tomorrow', () => {
    expect(readEntryLine({ time: T, kind: 'info', payload: 'x' })).toMatchObject({ ok: true, value: { at: T } });
    expect(readEntryLine({ time: '2000-01-01T00:00:00.000Z', kind: 'info' })).toMatchObject({ ok: true, value: { at: Date.UTC(2000, 0, 1) } });
  });
});

describe('entry line schema: sizes are measured, never read', () => {
  it('ignores a size of 1 on a large text payload', () => {
    const payload = 'é'.repeat(100_000);
    const result = readEntryLine({ time: T, kind: 'received', size: 1, payload });
    expect(result).toMatchObject({ ok: true, value: { size: 200_000, data: payload } });
  });

  it('measures binary payloads in bytes and counts events as 0', () => {
    expect(readEntryLine({ time: T, kind: 'sent', size: 999, payloadBase64: '3q2+7w==', format: 'hex' }))
      .toMatchObject({ ok: true, value: { size: 4, format: 'hex' } });
    expect(readEntryLine({ time: T, kind: 'info', size: 5_000_000, payload: 'note' })).toMatchObject({ ok: true, value: { size: 0 } });
  });

  it('rejects unknown kinds, bad formats only on sent messages, long event texts and bad close codes', () => {
    expect(readEntryLine({ time: T, kind: 'shout' })).toEqual({ ok: false, error: expect.stringMatching(/unknown kind "shout"/) });
    expect(readEntryLine({ time: T, kind: 'sent', payload: 'x', format: 'yaml' })).toMatchObject({ ok: true, value: { format: null } });
    expect(readEntryLine({ time: T, kind: 'info', payload: 'x'.repeat(70_000) })).toEqual({ ok: false, error: expect.stringMatching(/longer than/) });
    expect(readEntryLine({ time: T, kind: 'close', close: { code: 70_000 } })).toEqual({ ok: false, error: expect.stringMatching(/close code is out of range/) });
    expect(readEntryLine({ time: T, kind: 'close', close: { code: 1000.5 } })).toEqual({ ok: false, error: expect.stringMatching(/whole number/) });
    expect(readEntryLine({ time: T, kind: 'close' })).toEqual({ ok: false, error: 'its close code is missing' });
    expect(readEntryLine({ time: T, kind: 'received', payload: 42 })).toEqual({ ok: false, error: 'its payload is not a string' });
  });
});

describe('header line schema', () => {
  it('range-checks counters and bounds its strings', () => {
    expect(readHeaderLine({ format: 'ws-tester-log', version: 1, counters: { sent: -1 } })).toEqual({ ok: false, error: expect.stringMatching(/counters/) });
    expect(readHeaderLine({ version: 1, endpoint: 'x'.repeat(70_000) })).toEqual({ ok: false, error: expect.stringMatching(/endpoint is longer/) });
    expect(readHeaderLine({ version: 1.5 })).toEqual({ ok: false, error: expect.stringMatching(/whole number/) });
    expect(readHeaderLine({ version: 1, url: 'ws://h/', counters: { sent: 2 } })).toMatchObject({
      ok: true, value: { endpoint: 'ws://h/', counters: { sent: 2, received: 0, bytesSent: 0, bytesReceived: 0 } },
    });
  });

  it('a header that fails is reported, and the entries are still read', () => {
    const parsed = parseLines(['{"format":"ws-tester-log","version":-3}', line({ payload: 'hi' })].join('\n'));
    expect(parsed.problems).toEqual([{ line: 1, message: expect.stringMatching(/^header: its version is negative/) }]);
    expect(parsed.entries).toHaveLength(1);
  });
});

describe('LogLineReader', () => {
  const read = (pieces: string[], options = {}) => {
    const entries: ImportedEntry[] = [];
    const reader = new LogLineReader((e) => entries.push(e), options);
    for (const p of pieces) reader.push(p);
    reader.end();
    return { reader, entries };
  };

  it('keeps at most a fixed number of problems and counts the rest', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? line({ payload: `ok ${i}` }) : i % 2 ? 'x' : '{x'));
    const { reader, entries } = read([lines.join('\n')]);
    expect(entries).toHaveLength(100);
    expect(reader.problems).toHaveLength(MAX_PROBLEMS);
    expect(reader.problemCount).toBe(4900);
    expect(reader.moreProblems).toBe(4900 - MAX_PROBLEMS);
    expect(reader.problems[0]).toEqual({ line: 2, message: 'not a JSON object' });
    expect(reader.problems[1]).toEqual({ line: 3, message: expect.stringMatching(/not valid JSON/) });
    for (const p of reader.problems) expect(p.message.length).toBeLessThanOrEqual(201);
  });

  it('reads lines split anywhere across pieces, CRLF included, with the right line numbers', () => {
    const text = [line({ payload: 'a' }), 'oops', line({ payload: 'b' })].join('\r\n');
    for (let cut = 1; cut < text.length; cut += 7) {
      const { reader, entries } = read([text.slice(0, cut), text.slice(cut)]);
      expect(entries.map((e) => e.data)).toEqual(['a', 'b']);
      expect(reader.problems).toEqual([{ line: 2, message: 'not a JSON object' }]);
    }
    const split = read([line({ payload: 'a' }) + '\r', '\nbad\r', '\n' + line({ payload: 'b' })]);
    expect(split.reader.problems).toEqual([{ line: 2, message: 'not a JSON object' }]);
  });

  it('skips a line longer than the limit without keeping its text, and reads the next', () => {
    const { reader, entries } = read(['{"payload":"', 'x'.repeat(600), 'y'.repeat(600), '"}\n', line({ payload: 'after' })], { maxLineChars: 1000 });
    expect(entries.map((e) => e.data)).toEqual(['after']);
    expect(reader.problems).toEqual([{ line: 1, message: 'longer than 1,000 characters; skipped' }]);
  });

  it('counts messages and bytes from the payloads, whatever the header says', () => {
    const header = JSON.stringify({ format: 'ws-tester-log', version: 1, counters: { sent: 1e9, received: 1e9, bytesSent: 1, bytesReceived: 1 } });
    const { reader } = read([[header, line({ kind: 'sent', payload: 'héllo', size: 1 }), line({ payloadBase64: 'AAAA' }),
      line({ kind: 'close', close: { code: 4000, reason: 'bye', clean: true } })].join('\n')]);
    expect(reader.counters).toEqual({ sent: 1, received: 1, bytesSent: 6, bytesReceived: 3 });
    expect(reader.lastClose).toEqual({ code: 4000, reason: 'bye', wasClean: true });
    expect(reader.header.counters).toMatchObject({ sent: 1e9 });
  });
});
