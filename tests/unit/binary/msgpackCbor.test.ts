import { encode as msgpackEncode } from '@msgpack/msgpack';
import { Encoder, Tag } from 'cbor-x';
import { decodeCbor, encodeCbor } from '../../../src/codecs/binary/cbor';
import { findCborFault } from '../../../src/codecs/binary/cborScan';
import { decodeMsgpack, encodeMsgpack } from '../../../src/codecs/binary/msgpack';

const cborOf = (value: unknown) => new Encoder({ useRecords: false }).encode(value);

describe('MessagePack decoding', () => {
  it('decodes what @msgpack/msgpack encoded into a display tree', () => {
    const bytes = msgpackEncode({ chat: 'hi', n: [1, 2.5, null, true], bin: new Uint8Array([0xde, 0xad]), big: 2n ** 70n - 1n }, { useBigInt64: true });
    const result = decodeMsgpack(bytes);
    expect(result).toEqual({ ok: true, value: { chat: 'hi', n: [1, 2.5, null, true], bin: 'bytes(2) de ad', big: expect.any(String) } });
  });

  it('shows 64-bit integers exactly, as decimal text', () => {
    const result = decodeMsgpack(msgpackEncode(2n ** 63n - 1n, { useBigInt64: true }));
    expect(result).toEqual({ ok: true, value: '9223372036854775807' });
  });

  it('a map with a number key and an extension are shown as data', () => {
    // fixmap 2: 1 => "one", "k" => "v"
    const map = new Uint8Array([0x82, 0x01, 0xa3, 0x6f, 0x6e, 0x65, 0xa1, 0x6b, 0xa1, 0x76]);
    expect(decodeMsgpack(map)).toEqual({ ok: true, value: { 1: 'one', k: 'v' } });
    expect(decodeMsgpack(new Uint8Array([0xd4, 0x05, 0x2a]))).toEqual({ ok: true, value: { $ext: 5, data: 'bytes(1) 2a' } });
  });

  it('a key named __proto__ is an ordinary key, not a prototype', () => {
    // fixmap 1, "__proto__", 1 (the library refuses it: the error is shown instead of polluting anything)
    const bytes = new Uint8Array([0x81, 0xa9, ...new TextEncoder().encode('__proto__'), 0x01]);
    const result = decodeMsgpack(bytes);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a cut-off payload names the byte offset and says why', () => {
    const bytes = msgpackEncode(['hello', 'world']).subarray(0, 9);
    const result = decodeMsgpack(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.offset).toBeGreaterThanOrEqual(7);
    expect(result.error).toMatch(/^At byte \d+: the data ends too soon/);
  });

  it('an unknown type byte and trailing bytes are located', () => {
    expect(decodeMsgpack(new Uint8Array([0x92, 0x01, 0xc1]))).toMatchObject({ ok: false, offset: 3, error: expect.stringContaining('0xc1') });
    expect(decodeMsgpack(new Uint8Array([0x01, 0x02]))).toMatchObject({ ok: false, offset: 1, error: expect.stringContaining('more bytes follow') });
    expect(decodeMsgpack(new Uint8Array([]))).toMatchObject({ ok: false, offset: 0 });
  });

  it('encodes JSON that @msgpack/msgpack reads back', () => {
    expect(encodeMsgpack({ a: [1, 'x'] })).toEqual(msgpackEncode({ a: [1, 'x'] }));
  });
});

describe('CBOR decoding', () => {
  it('decodes what cbor-x encoded, tags, dates, NaN and Infinity as text', () => {
    const bytes = cborOf({ a: 1, when: new Date(0), tagged: new Tag('x', 4000), nan: NaN, inf: -Infinity, bytes: new Uint8Array([1, 2, 3]) });
    expect(decodeCbor(bytes)).toEqual({
      ok: true,
      value: { a: 1, when: '1970-01-01T00:00:00.000Z', tagged: { $tag: 4000, value: 'x' }, nan: 'NaN', inf: '-Infinity', bytes: 'bytes(3) 01 02 03' },
    });
  });

  it('a map with number keys keeps them as keys', () => {
    const bytes = cborOf(new Map<unknown, unknown>([[1, 'a'], [2, 'b']]));
    expect(decodeCbor(bytes)).toEqual({ ok: true, value: { $map: [{ key: 1, value: 'a' }, { key: 2, value: 'b' }] } });
  });

  it('reads indefinite-length arrays and maps; says cbor-x does not read indefinite strings', () => {
    // [_ 1, 2] and {_ "k": 1}; then [_ 1, (_ "b")]
    expect(decodeCbor(new Uint8Array([0x9f, 0x01, 0x02, 0xff]))).toEqual({ ok: true, value: [1, 2] });
    expect(decodeCbor(new Uint8Array([0x9f, 0x01, 0x7f, 0x61, 0x62, 0xff, 0xff]))).toMatchObject({ ok: false, error: expect.stringContaining('Indefinite length not supported') });
    expect(decodeCbor(new Uint8Array([0xbf, 0x61, 0x6b, 0x01, 0xff]))).toEqual({ ok: true, value: { k: 1 } });
  });

  it('a malformed payload names the byte offset and why', () => {
    const cut = cborOf({ list: [1, 2, 3] }).subarray(0, 7);
    expect(decodeCbor(cut)).toMatchObject({ ok: false, error: expect.stringMatching(/^At byte \d+: the data ends too soon/) });
    expect(decodeCbor(new Uint8Array([0x82, 0x01, 0x1c]))).toEqual({ ok: false, offset: 2, error: 'At byte 2: reserved additional information 28 in the head byte 0x1c' });
    expect(decodeCbor(new Uint8Array([0x01, 0x02]))).toMatchObject({ ok: false, offset: 1, error: expect.stringContaining('1 more bytes follow') });
    expect(decodeCbor(new Uint8Array([0xff]))).toMatchObject({ ok: false, offset: 0, error: expect.stringContaining('break') });
    expect(decodeCbor(new Uint8Array([0x7f, 0x01, 0xff]))).toMatchObject({ ok: false, offset: 1, error: expect.stringContaining('chunk') });
    expect(decodeCbor(new Uint8Array([0x5a, 0, 0, 0, 9, 1]))).toMatchObject({ ok: false, offset: 0, error: expect.stringContaining('9 bytes has only 1') });
  });

  it('the structure scan accepts everything cbor-x writes', () => {
    for (const value of [0, -1, 2n ** 64n, 'é', [[]], { a: { b: [1.5, null, undefined] } }, new Uint8Array(300), new Date(), 1e300]) {
      expect(findCborFault(cborOf(value))).toBeNull();
    }
  });

  it('encodes JSON that cbor-x reads back', () => {
    expect(decodeCbor(encodeCbor({ a: [1, 'x', null] }))).toEqual({ ok: true, value: { a: [1, 'x', null] } });
  });
});

describe('64-bit integers a JSON number holds exactly', () => {
  it('come back as numbers (MessagePack sends integers over 2^32 as 64-bit)', () => {
    expect(decodeMsgpack(msgpackEncode({ '': 1244953373880432 }))).toEqual({ ok: true, value: { '': 1244953373880432 } });
    expect(decodeMsgpack(msgpackEncode(-(2 ** 40)))).toEqual({ ok: true, value: -(2 ** 40) });
    expect(decodeMsgpack(msgpackEncode(2n ** 53n, { useBigInt64: true }))).toEqual({ ok: true, value: '9007199254740992' });
  });
});
