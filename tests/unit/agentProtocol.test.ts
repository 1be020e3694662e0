import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeDataFrame, describeControlPayload, encodeDataFrame, parseAgentMessage } from '../../src/agent/protocol';
import { decodeData, encodeData, DATA_BINARY } from '../../server/agent/frames.js';

describe('agent control messages', () => {
  it('accepts well-formed messages', () => {
    expect(parseAgentMessage('{"t":"hello","version":"0.1.0","limits":{"maxPayload":1}}')).toMatchObject({ t: 'hello', version: '0.1.0' });
    expect(parseAgentMessage('{"t":"close","id":3,"code":1011,"reason":"x","wasClean":true,"by":"server"}')).toMatchObject({ code: 1011, by: 'server' });
    expect(parseAgentMessage(JSON.stringify({
      t: 'handshake', id: 1, ok: false, request: { line: 'GET / HTTP/1.1', headers: [['Host', 'h']] },
      response: { status: 401, statusText: 'Unauthorized', headers: [['WWW-Authenticate', 'Bearer']] },
      timings: { dns: null, tcp: 1, tls: null, upgrade: 2 }, certificate: null, body: 'no', explanation: 'creds',
    }))).toMatchObject({ t: 'handshake', ok: false });
  });

  it.each([
    'not json',
    '{"t":"nope"}',
    '{"t":"close","id":"1","code":1000,"reason":"","wasClean":true,"by":"server"}',
    '{"t":"ping","id":1,"dir":"sideways","data":""}',
    '{"t":"handshake","id":1}',
    'null',
  ])('refuses %s', (text) => {
    expect(parseAgentMessage(text)).toBeNull();
  });
});

describe('data frames', () => {
  it('round-trips text and binary through the page and the agent encoders', () => {
    const text = encodeDataFrame(7, 'héllo');
    const read = decodeData(Buffer.from(text));
    expect(read).toMatchObject({ kind: 0, id: 7 });
    expect(read?.payload.toString()).toBe('héllo');
    const back = encodeData(DATA_BINARY, 0xfffffffe, Buffer.from([1, 2, 255]));
    const decoded = decodeDataFrame(back.buffer.slice(back.byteOffset, back.byteOffset + back.length));
    expect(decoded?.id).toBe(0xfffffffe);
    expect([...new Uint8Array(decoded?.payload as ArrayBuffer)]).toEqual([1, 2, 255]);
    expect(decodeDataFrame(new ArrayBuffer(3))).toBeNull();
    expect(decodeDataFrame(new Uint8Array([9, 0, 0, 0, 1]).buffer)).toBeNull();
  });

  it('control payloads show as hex and, when printable, as text', () => {
    expect(describeControlPayload(new TextEncoder().encode('hi'))).toBe('2 B: 68 69 (text "hi")');
    expect(describeControlPayload(new Uint8Array([0, 255]))).toBe('2 B: 00 ff');
    expect(describeControlPayload(new Uint8Array())).toBe('no payload');
    expect([...base64ToBytes(bytesToBase64(new Uint8Array([1, 2, 3])))]).toEqual([1, 2, 3]);
    expect(base64ToBytes('%%%')).toEqual(new Uint8Array(0));
  });
});
