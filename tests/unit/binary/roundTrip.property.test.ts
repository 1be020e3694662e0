import fc from 'fast-check';
import { decodeCbor, encodeCbor } from '../../../src/codecs/binary/cbor';
import { decodeMsgpack, encodeMsgpack } from '../../../src/codecs/binary/msgpack';
import { decodeProtobufRaw } from '../../../src/codecs/binary/protobufRaw';
import { decodeProtobuf, encodeProtobuf, loadProtoFiles } from '../../../src/codecs/binary/protobufSchema';

// JSON values as the composer's JSON.parse yields them (no -0: JSON has none distinct from 0).
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('round trips: encode then decode gives the JSON back', () => {
  it('MessagePack', () => {
    fc.assert(fc.property(json, (value) => {
        expect(decodeMsgpack(encodeMsgpack(value))).toEqual({ ok: true, value });
      }));
  });

  it('CBOR', () => {
    fc.assert(fc.property(json, (value) => {
        expect(decodeCbor(encodeCbor(value))).toEqual({ ok: true, value });
      }));
  });

  it('Protobuf with a schema', () => {
    const schema = loadProtoFiles([{ name: 't.proto', text: 'syntax = "proto3"; message T { int32 a = 1; string s = 2; repeated uint64 n = 3; }' }]);
    if (!schema.ok) throw new Error(schema.error);
    const message = fc.record(
      { a: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((a) => a !== 0), s: fc.string({ minLength: 1 }), n: fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String), { minLength: 1 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(message, (value) => {
        const bytes = encodeProtobuf(schema.value, 'T', value);
        if (!bytes.ok) throw new Error(bytes.error);
        expect(decodeProtobuf(schema.value, 'T', bytes.value)).toEqual({ ok: true, value });
      }),
    );
  });

  it('the decoders never throw on arbitrary bytes: a value or an error with an offset inside the payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        for (const decode of [decodeMsgpack, decodeCbor, decodeProtobufRaw]) {
          const result = decode(bytes);
          if (!result.ok && result.offset !== null) expect(result.offset).toBeLessThanOrEqual(bytes.byteLength);
        }
      }),
    );
  });
});
