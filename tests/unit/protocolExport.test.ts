import { describe, expect, it } from 'vitest';
import { headerToLine } from '../../src/export/jsonl';
import { readHeaderLine } from '../../src/export/logLine';
import { ZERO_COUNTERS } from '../../src/store/sessionState';

describe('export and import keep the protocol a log was decoded with', () => {
  it('writes sessionProtocol in the header only when a protocol was spoken, and reads it back', () => {
    const base = { endpoint: 'ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket', subprotocol: '', extensions: '', counters: { ...ZERO_COUNTERS } };
    const line = headerToLine({ ...base, sessionProtocol: 'socketio' }, 3);
    expect(line.sessionProtocol).toBe('socketio');
    const read = readHeaderLine(JSON.parse(JSON.stringify(line)) as Record<string, unknown>);
    expect(read).toMatchObject({ ok: true, value: { sessionProtocol: 'socketio' } });
    expect('sessionProtocol' in headerToLine(base, 0)).toBe(false);
    expect(readHeaderLine({ version: 1 })).toMatchObject({ ok: true, value: { sessionProtocol: '' } });
    expect(readHeaderLine({ version: 1, sessionProtocol: 7 })).toMatchObject({ ok: false });
  });
});
