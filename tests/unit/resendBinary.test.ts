import { beforeAll, describe, expect, it } from 'vitest';
import { loadBinaryCodecs, type BinaryCodecs } from '../../src/codecs/binary/load';
import { exactJsonFor } from '../../src/compose/binaryFormats';
import { resendDraft } from '../../src/log/resendDraft';
import { loadProtoFiles } from '../../src/codecs/binary/protobufSchema';
import { setMessageType, setProtoSchema, useProto } from '../../src/store/protoStore';

let codecs: BinaryCodecs;
beforeAll(async () => {
  codecs = await loadBinaryCodecs();
});

const exact = (bytes: Uint8Array, format: 'msgpack' | 'cbor' | 'protobuf') => exactJsonFor(bytes, format, 'ws://h.example/');
// NOTE: a copy, not slice(): in Node cbor-x returns a Buffer, whose slice() is a view of a larger buffer.
const bufferOf = (bytes: Uint8Array) => Uint8Array.from(bytes).buffer;

describe('Resend of a message sent as MessagePack or CBOR', () => {
  it('puts the JSON back in its format when it encodes to the same bytes', () => {
    const value = { price: 12.5, tags: ['a', 'b'], ok: true, n: null };
    for (const format of ['msgpack', 'cbor'] as const) {
      const bytes = format === 'msgpack' ? codecs.encodeMsgpack(value) : codecs.encodeCbor(value);
      const draft = resendDraft({ data: bufferOf(bytes), format }, exact);
      expect(draft.format, `${format}: ${draft.message}`).toBe(format);
      expect(JSON.parse(draft.message)).toEqual(value);
    }
  });

  it('falls back to hex when JSON cannot carry the value exactly (a 64-bit integer)', () => {
    // 0xcf: uint64 2^60, which JSON numbers cannot hold exactly.
    const bytes = new Uint8Array([0xcf, 0x10, 0, 0, 0, 0, 0, 0, 0]);
    expect(resendDraft({ data: bufferOf(bytes), format: 'msgpack' }, exact)).toEqual({ message: 'cf 10 00 00 00 00 00 00 00', format: 'hex' });
  });

  it('falls back to hex when the bytes do not decode, or without a Protobuf schema', () => {
    expect(resendDraft({ data: bufferOf(new Uint8Array([0xc1])), format: 'msgpack' }, exact)).toEqual({ message: 'c1', format: 'hex' });
    expect(resendDraft({ data: bufferOf(new Uint8Array([0x08, 0x01])), format: 'protobuf' }, exact)).toEqual({ message: '08 01', format: 'hex' });
  });
});

describe('Resend of a message sent as Protobuf', () => {
  it('puts the JSON back with the endpoint\'s Message type, hex once the schema is gone', () => {
    const schema = loadProtoFiles([{ name: 'm.proto', text: 'syntax = "proto3"; message M { int32 id = 1; string name = 2; }' }]);
    if (!schema.ok) throw new Error(schema.error);
    setProtoSchema(schema.value);
    setMessageType('ws://h.example/', 'M');
    const bytes = new Uint8Array([0x08, 0x07, 0x12, 0x02, 0x68, 0x69]); // id 7, name "hi"
    const draft = resendDraft({ data: bufferOf(bytes), format: 'protobuf' }, exact);
    expect(draft.format).toBe('protobuf');
    expect(JSON.parse(draft.message)).toEqual({ id: 7, name: 'hi' });
    useProto.setState({ schema: null, typeByEndpoint: {} });
    expect(resendDraft({ data: bufferOf(bytes), format: 'protobuf' }, exact).format).toBe('hex');
  });
});
