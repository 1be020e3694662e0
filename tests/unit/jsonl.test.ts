import { describe, it, expect } from 'vitest';
import { exportLines, parseLines, LOG_FORMAT, LOG_VERSION, type LogHeaderInput } from '../../src/export/jsonl';
import { REDACTED } from '../../src/export/redact';
import type { LogEntry } from '../../src/store/logEntry';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const header: LogHeaderInput = {
  endpoint: 'wss://echo.example/ws?token=abc&room=7',
  subprotocol: 'chat',
  extensions: 'permessage-deflate',
  counters: { sent: 2, received: 1, bytesSent: 9, bytesReceived: 4 },
  trimmed: 3,
  exportedAt: T0 + 1000,
};
const bin = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]).buffer;
const entries: LogEntry[] = [
  { seq: 4, at: T0, kind: 'info', data: 'Connecting to wss://echo.example/ws?token=abc&room=7', size: 0, close: null, format: null },
  { seq: 5, at: T0 + 1, kind: 'state', data: 'OPEN', size: 0, close: null, format: null },
  { seq: 6, at: T0 + 2, kind: 'sent', data: 'héllo\n"quoted"', size: 15, close: null, format: 'text' },
  { seq: 7, at: T0 + 3, kind: 'sent', data: bin, size: 6, close: null, format: 'hex' },
  { seq: 8, at: T0 + 4, kind: 'received', data: bin, size: 6, close: null, format: null },
  { seq: 9, at: T0 + 5, kind: 'error', data: 'oops', size: 0, close: null, format: null },
  { seq: 10, at: T0 + 6, kind: 'close', data: 'bye', size: 0, close: { code: 4000, reason: 'bye', wasClean: true }, format: null },
];

const bytesOf = (data: unknown) => Array.from(new Uint8Array(data as ArrayBuffer));

describe('exportLines', () => {
  it('writes a header line, then one JSON object per entry', () => {
    const lines = exportLines(header, entries);
    expect(lines).toHaveLength(entries.length + 1);
    for (const line of lines) expect(line).not.toContain('\n');
    const head = JSON.parse(lines[0]!);
    expect(head).toMatchObject({
      format: LOG_FORMAT,
      version: LOG_VERSION,
      exportedAt: new Date(T0 + 1000).toISOString(),
      endpoint: `wss://echo.example/ws?token=${REDACTED}&room=7`,
      subprotocol: 'chat',
      extensions: 'permessage-deflate',
      counters: header.counters,
      entries: entries.length,
      trimmed: 3,
      secrets: 'redacted',
    });
    expect(JSON.parse(lines[3]!)).toEqual({
      time: new Date(T0 + 2).toISOString(), kind: 'sent', direction: 'out', size: 15, opcode: 'text', payload: 'héllo\n"quoted"', format: 'text',
    });
    expect(JSON.parse(lines[5]!)).toEqual({
      time: new Date(T0 + 4).toISOString(), kind: 'received', direction: 'in', size: 6, opcode: 'binary', payloadBase64: '3q2+7wD/',
    });
    expect(JSON.parse(lines[7]!)).toMatchObject({ kind: 'close', direction: null, opcode: null, close: { code: 4000, reason: 'bye', clean: true } });
  });

  it('redacts URLs in event texts too, unless secrets are included', () => {
    expect(JSON.parse(exportLines(header, entries)[1]!).payload).toBe(`Connecting to wss://echo.example/ws?token=${REDACTED}&room=7`);
    const kept = exportLines(header, entries, { includeSecrets: true });
    expect(JSON.parse(kept[0]!)).toMatchObject({ endpoint: header.endpoint, secrets: 'included' });
    expect(JSON.parse(kept[1]!).payload).toContain('token=abc');
  });

  it('never changes message payloads', () => {
    const sent = { ...entries[2]!, data: 'my token=abc ws://h/?token=abc' };
    expect(JSON.parse(exportLines(header, [sent])[1]!).payload).toBe('my token=abc ws://h/?token=abc');
  });
});

describe('parseLines', () => {
  it('round-trips entries, binary included', () => {
    const text = exportLines(header, entries, { includeSecrets: true }).join('\n') + '\n';
    const parsed = parseLines(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.header).toMatchObject({
      version: 1, present: true, endpoint: header.endpoint, subprotocol: 'chat', extensions: 'permessage-deflate', counters: header.counters,
    });
    expect(parsed.entries).toHaveLength(entries.length);
    parsed.entries.forEach((got, i) => {
      const want = entries[i]!;
      expect(got.at).toBe(want.at);
      expect(got.kind).toBe(want.kind);
      expect(got.size).toBe(want.size);
      expect(got.format).toBe(want.kind === 'sent' ? want.format : null);
      expect(got.close).toEqual(want.close);
      if (typeof want.data === 'string') expect(got.data).toBe(want.data);
      else {
        expect(got.data).toBeInstanceOf(ArrayBuffer);
        expect(bytesOf(got.data)).toEqual(bytesOf(want.data));
      }
    });
  });

  it('reports malformed lines by number and still reads the rest', () => {
    const lines = exportLines(header, entries.slice(1, 4));
    const text = [lines[0], lines[1], '{not json', lines[2], '', '[1,2]', '{"time":"2025-01-01T00:00:00Z","kind":"shout","payload":"x"}', '{"time":"yesterday","kind":"sent","payload":"x"}', '{"time":"2025-01-01T00:00:00Z","kind":"received","payloadBase64":"@@"}', lines[3]].join('\r\n');
    const parsed = parseLines(text);
    expect(parsed.entries.map((e) => e.kind)).toEqual(['state', 'sent', 'sent']);
    expect(parsed.problems.map((p) => p.line)).toEqual([3, 6, 7, 8, 9]);
    expect(parsed.problems[0]!.message).toMatch(/not valid JSON/);
    expect(parsed.problems[1]!.message).toMatch(/not a JSON object/);
    expect(parsed.problems[2]!.message).toMatch(/unknown kind "shout"/);
    expect(parsed.problems[3]!.message).toMatch(/yesterday/);
    expect(parsed.problems[4]!.message).toMatch(/base64/);
  });

  it('reads a file from an older version: no format or version, times in ms, `data`, binary flag', () => {
    const text = [
      '{"endpoint":"ws://old.example/socket","protocol":"v1.chat","counters":{"sent":1,"received":1}}',
      '{"at":1700000000000,"kind":"sent","data":"hi"}',
      '{"at":1700000000001,"kind":"received","binary":true,"data":"3q2+7w=="}',
      '{"at":1700000000002,"direction":"in","data":"pushed"}',
      '{"at":1700000000003,"kind":"close","code":1006,"reason":"","wasClean":false}',
    ].join('\n');
    const parsed = parseLines(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.header).toMatchObject({ version: 0, present: true, endpoint: 'ws://old.example/socket', subprotocol: 'v1.chat' });
    expect(parsed.header.counters).toEqual({ sent: 1, received: 1, bytesSent: 0, bytesReceived: 0 });
    expect(parsed.entries.map((e) => e.kind)).toEqual(['sent', 'received', 'received', 'close']);
    expect(parsed.entries[0]).toMatchObject({ at: 1700000000000, data: 'hi', size: 2 });
    expect(bytesOf(parsed.entries[1]!.data)).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(parsed.entries[1]!.size).toBe(4);
    expect(parsed.entries[3]!.close).toEqual({ code: 1006, reason: '', wasClean: false });
  });

  it('reads a file without a header line', () => {
    const parsed = parseLines('{"time":"2025-01-01T00:00:00.000Z","kind":"sent","payload":"x"}\n');
    expect(parsed.header.present).toBe(false);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.problems).toEqual([]);
  });

  it('flags a newer version but still reads it', () => {
    const parsed = parseLines(`{"format":"ws-tester-log","version":9}\n{"time":"2025-01-01T00:00:00.000Z","kind":"info","payload":"x","extra":1}`);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.problems).toEqual([{ line: 1, message: expect.stringMatching(/newer version/) }]);
  });

  it('an empty file reads as nothing', () => {
    expect(parseLines('')).toMatchObject({ entries: [], problems: [] });
  });
});
