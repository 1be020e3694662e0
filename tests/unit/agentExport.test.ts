import { describe, expect, it } from 'vitest';
import { exportLines, parseLines } from '../../src/export/jsonl';
import type { LogEntry } from '../../src/store/logEntry';

const at = Date.parse('2026-01-02T03:04:05.000Z');
const event = (kind: LogEntry['kind'], data: string): Omit<LogEntry, 'seq'> => ({ at, kind, data, size: 0, close: null, format: null });
const HANDSHAKE = 'Upgrade accepted: 101 Switching Protocols\n\nRequest as sent:\nGET /x HTTP/1.1\nAuthorization: Bearer s3cr3t\nX-Trace: t1\n\nResponse:\nHTTP/1.1 101 Switching Protocols\nSet-Cookie: sid=abc';

describe('agent entries in an exported log', () => {
  it('handshake, ping and pong entries export and import as themselves', () => {
    const lines = exportLines({ endpoint: 'ws://h/x', subprotocol: '', extensions: '', counters: { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 } }, [
      event('handshake', 'Upgrade accepted: 101'),
      event('ping', 'Ping received from the server, 2 B: 68 69 (text "hi")'),
      event('pong', 'Pong sent (automatic answer), 2 B: 68 69 (text "hi")'),
    ]);
    const parsed = parseLines(lines.join('\n'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.map((e) => e.kind)).toEqual(['handshake', 'ping', 'pong']);
    expect(parsed.entries[1]?.data).toContain('68 69');
  });

  it('secret header values in a handshake are redacted unless secrets are included', () => {
    const header = { endpoint: 'ws://h/x', subprotocol: '', extensions: '', counters: { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 } };
    const redacted = exportLines(header, [event('handshake', HANDSHAKE)]).join('\n');
    expect(redacted).not.toContain('s3cr3t');
    expect(redacted).not.toContain('sid=abc');
    expect(redacted).toContain('X-Trace: t1');
    const kept = exportLines(header, [event('handshake', HANDSHAKE)], { includeSecrets: true }).join('\n');
    expect(kept).toContain('Bearer s3cr3t');
  });
});
