import { describe, expect, it } from 'vitest';
import { resendDraft } from '../../src/log/resendDraft';
import { payloadBlob, payloadFilename } from '../../src/log/downloadPayload';

const bin = (...values: number[]) => new Uint8Array(values).buffer;

describe('resendDraft', () => {
  it('puts text back as Text', () => {
    expect(resendDraft({ data: 'hello', format: 'text' })).toEqual({ message: 'hello', format: 'text' });
    expect(resendDraft({ data: 'from the server', format: null })).toEqual({ message: 'from the server', format: 'text' });
  });

  it('keeps JSON as JSON when it was sent as JSON, exactly as typed', () => {
    const json = '{ "a": 1,\n  "b": [true] }';
    expect(resendDraft({ data: json, format: 'json' })).toEqual({ message: json, format: 'json' });
  });

  it('puts binary back as hex, or as base64 when it was sent as base64', () => {
    expect(resendDraft({ data: bin(0xde, 0xad, 0xbe, 0xef), format: null })).toEqual({ message: 'de ad be ef', format: 'hex' });
    expect(resendDraft({ data: bin(0xde, 0xad, 0xbe, 0xef), format: 'hex' })).toEqual({ message: 'de ad be ef', format: 'hex' });
    expect(resendDraft({ data: bin(0xde, 0xad, 0xbe, 0xef), format: 'base64' })).toEqual({ message: '3q2+7w==', format: 'base64' });
  });

  it('handles an empty binary payload', () => {
    expect(resendDraft({ data: bin(), format: null })).toEqual({ message: '', format: 'hex' });
  });
});

describe('download helpers', () => {
  it('names text .txt and binary .bin after the entry seq', () => {
    expect(payloadFilename({ seq: 7, data: 'x' })).toBe('message-7.txt');
    expect(payloadFilename({ seq: 12, data: bin(1) })).toBe('message-12.bin');
  });

  it('makes a Blob of the whole payload: text as UTF-8, binary byte for byte', async () => {
    const text = payloadBlob({ data: 'héllo' });
    expect(text.size).toBe(6);
    expect(text.type).toMatch(/^text\/plain/);
    const binary = payloadBlob({ data: bin(1, 2, 3, 255) });
    expect(binary.size).toBe(4);
    expect(binary.type).toBe('application/octet-stream');
    // jsdom's Blob has no arrayBuffer(); FileReader reads it.
    const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(binary);
    });
    expect(Array.from(new Uint8Array(bytes))).toEqual([1, 2, 3, 255]);
  });
});
