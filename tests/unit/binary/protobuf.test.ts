import { parse, Root } from 'protobufjs';
import { decodeProtobufRaw } from '../../../src/codecs/binary/protobufRaw';
import { decodeProtobuf, encodeProtobuf, loadProtoFiles } from '../../../src/codecs/binary/protobufSchema';

const CHAT_PROTO = `syntax = "proto3";
package chat;
import "google/protobuf/timestamp.proto";
enum Kind { TEXT = 0; IMAGE = 1; }
message Author { string name = 1; }
message Message {
  int32 id = 1;
  string text = 2;
  Author author = 3;
  repeated sint64 scores = 4;
  Kind kind = 5;
  bytes blob = 6;
  google.protobuf.Timestamp at = 7;
}
`;

/** A chat.Message encoded by protobufjs itself. */
function realMessage(): Uint8Array {
  const root = new Root();
  parse(CHAT_PROTO.replace(/import .*\n/, '').replace(/ {2}google.*\n/, ''), root, { keepCase: true });
  const type = root.lookupType('chat.Message');
  return type.encode(type.fromObject({ id: 150, text: 'hi', author: { name: 'ann' }, scores: [-1, '9007199254740993'], kind: 1, blob: [0, 1] })).finish();
}

describe('Protobuf with a loaded .proto', () => {
  it('lists the message types, including imported well-known ones', () => {
    const schema = loadProtoFiles([{ name: 'chat.proto', text: CHAT_PROTO }]);
    expect(schema.ok && schema.value.types).toEqual(expect.arrayContaining(['chat.Author', 'chat.Message', 'google.protobuf.Timestamp']));
  });

  it('decodes what protobufjs encoded, enums by name and 64-bit integers exactly', () => {
    const schema = loadProtoFiles([{ name: 'chat.proto', text: CHAT_PROTO }]);
    if (!schema.ok) throw new Error(schema.error);
    expect(decodeProtobuf(schema.value, 'chat.Message', realMessage())).toEqual({
      ok: true,
      value: { id: 150, text: 'hi', author: { name: 'ann' }, scores: ['-1', '9007199254740993'], kind: 'IMAGE', blob: 'bytes(2) 00 01' },
    });
  });

  it('types from two files resolve together', () => {
    const a = { name: 'a.proto', text: 'syntax = "proto3"; package p; message A { B b = 1; }' };
    const b = { name: 'b.proto', text: 'syntax = "proto3"; package p; message B { int32 x = 1; }' };
    const schema = loadProtoFiles([a, b]);
    expect(schema.ok && schema.value.types).toEqual(['p.A', 'p.B']);
    expect(loadProtoFiles([a])).toMatchObject({ ok: false, error: expect.stringContaining("no such Type or Enum 'B'") });
  });

  it('a syntax error names the file and the line', () => {
    const result = loadProtoFiles([{ name: 'bad.proto', text: 'syntax = "proto3";\nmessage M {\n  int32 = 1;\n}' }]);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^bad\.proto: .*line 3/) });
  });

  it('a cut-off message names the byte offset', () => {
    const schema = loadProtoFiles([{ name: 'chat.proto', text: CHAT_PROTO }]);
    if (!schema.ok) throw new Error(schema.error);
    const cut = realMessage().subarray(0, 6);
    expect(decodeProtobuf(schema.value, 'chat.Message', cut)).toMatchObject({ ok: false, offset: expect.any(Number), error: expect.stringMatching(/^At byte \d+: not a valid chat\.Message/) });
  });

  it('encodes typed JSON that decodes back; unknown fields are refused', () => {
    const schema = loadProtoFiles([{ name: 'chat.proto', text: CHAT_PROTO }]);
    if (!schema.ok) throw new Error(schema.error);
    const bytes = encodeProtobuf(schema.value, 'chat.Message', { id: 7, kind: 'IMAGE', scores: ['5'] });
    if (!bytes.ok) throw new Error(bytes.error);
    expect(decodeProtobuf(schema.value, 'chat.Message', bytes.value)).toEqual({ ok: true, value: { id: 7, kind: 'IMAGE', scores: ['5'] } });
    expect(encodeProtobuf(schema.value, 'chat.Message', { nope: 1 })).toEqual({ ok: false, error: 'Not a valid chat.Message: chat.Message has no field "nope"' });
    expect(encodeProtobuf(schema.value, 'chat.Message', { id: 'x' })).toEqual({ ok: false, error: 'Not a valid chat.Message: id: a number is expected, got "x"' });
    expect(encodeProtobuf(schema.value, 'chat.Message', [1])).toMatchObject({ ok: false });
  });
});

describe('Protobuf without a schema (raw field numbers)', () => {
  it('shows field numbers, wire types and values, nested messages attempted', () => {
    const result = decodeProtobufRaw(realMessage());
    if (!result.ok) throw new Error(result.error);
    const fields = result.value as { field: number; wire: string; value: unknown }[];
    expect(fields[0]).toEqual({ field: 1, wire: 'varint', at: 0, value: 150 });
    expect(fields[1]).toMatchObject({ field: 2, wire: 'len', value: 'hi' });
    expect(fields[2]).toMatchObject({ field: 3, wire: 'len', value: [{ field: 1, wire: 'len', value: 'ann' }] });
    expect(fields.find((f) => f.field === 6)).toMatchObject({ wire: 'len', value: 'bytes(2) 00 01' });
  });

  it('reads fixed32, fixed64 and groups', () => {
    // field 1 i32 = 1.0f; field 2 i64 = 1; group 3 { field 1 varint 5 }
    const bytes = new Uint8Array([0x0d, 0, 0, 0x80, 0x3f, 0x11, 1, 0, 0, 0, 0, 0, 0, 0, 0x1b, 0x08, 0x05, 0x1c]);
    expect(decodeProtobufRaw(bytes)).toEqual({
      ok: true,
      value: [
        { field: 1, wire: 'i32', at: 0, value: { fixed32: 1065353216, float: 1 } },
        { field: 2, wire: 'i64', at: 5, value: { fixed64: '1', double: 5e-324 } },
        { field: 3, wire: 'group start', at: 14, value: [{ field: 1, wire: 'varint', at: 15, value: 5 }] },
      ],
    });
  });

  it('malformed wire data names the byte offset and why', () => {
    expect(decodeProtobufRaw(new Uint8Array([0x08, 0x01, 0x0f]))).toEqual({ ok: false, offset: 2, error: 'At byte 2: invalid wire type 7 (field 1); wire types are 0 to 5' });
    expect(decodeProtobufRaw(new Uint8Array([0x08, 0x01, 0x12, 0x05, 0x61]))).toEqual({ ok: false, offset: 2, error: 'At byte 2: field 2 says 5 bytes follow but only 1 do' });
    expect(decodeProtobufRaw(new Uint8Array([0x08, 0xff]))).toMatchObject({ ok: false, offset: 0, error: expect.stringContaining('ends too soon') });
    expect(decodeProtobufRaw(new Uint8Array([0x00, 0x01]))).toMatchObject({ ok: false, offset: 0, error: expect.stringContaining('field number 0') });
    expect(decodeProtobufRaw(new Uint8Array([0x1b, 0x08, 0x05]))).toMatchObject({ ok: false, offset: 3, error: expect.stringContaining('inside group 3') });
  });
});

describe('Protobuf by reflection (no generated code, as the page CSP forbids it)', () => {
  const PROTO = `syntax = "proto3"; package r;
enum E { A = 0; B = 1; }
message Inner { string s = 1; }
message All {
  double d = 1; float f = 2; int32 i32 = 3; uint32 u32 = 4; sint32 s32 = 5; fixed32 fx32 = 6; sfixed32 sfx32 = 7;
  int64 i64 = 8; uint64 u64 = 9; sint64 s64 = 10; fixed64 fx64 = 11; sfixed64 sfx64 = 12; bool b = 13; string str = 14; bytes by = 15;
  E e = 16; Inner inner = 17; repeated int32 packed = 18; repeated E enums = 19; repeated Inner inners = 20; map<string, int32> m = 21; map<int32, Inner> mi = 22;
}`;

  it('decodes every field kind that protobufjs itself encodes', () => {
    const root = new Root();
    parse(PROTO, root, { keepCase: true });
    const type = root.lookupType('r.All');
    const input = {
      d: 1.5, f: 0.5, i32: -5, u32: 4_000_000_000, s32: -7, fx32: 9, sfx32: -9,
      i64: '-9007199254740993', u64: '18446744073709551615', s64: '-3', fx64: '12345678901234567', sfx64: '-2', b: true, str: 'é', by: [1, 255],
      e: 1, inner: { s: 'x' }, packed: [1, 2, 300], enums: [1, 0], inners: [{ s: 'a' }, { s: 'b' }], m: { k: 1 }, mi: { 7: { s: 'y' } },
    };
    const bytes = type.encode(type.fromObject(input)).finish();
    const schema = loadProtoFiles([{ name: 'r.proto', text: PROTO }]);
    if (!schema.ok) throw new Error(schema.error);
    const expected = {
      ...input, by: 'bytes(2) 01 ff', e: 'B', enums: ['B', 'A'], mi: { 7: { s: 'y' } },
    };
    expect(decodeProtobuf(schema.value, 'r.All', bytes)).toEqual({ ok: true, value: expected });
    // And what we write, protobufjs reads the same.
    const ours = encodeProtobuf(schema.value, 'r.All', { ...input, by: 'Af8=', e: 'B', enums: ['B', 'A'] });
    if (!ours.ok) throw new Error(ours.error);
    expect(type.toObject(type.decode(ours.value), { longs: String, enums: String })).toMatchObject({ i64: '-9007199254740993', u64: '18446744073709551615', s64: '-3', e: 'B', m: { k: 1 }, mi: { 7: { s: 'y' } } });
  });

  it('a field with the wrong wire type names its offset', () => {
    const schema = loadProtoFiles([{ name: 'r.proto', text: PROTO }]);
    if (!schema.ok) throw new Error(schema.error);
    // field 14 (string) written as a varint
    expect(decodeProtobuf(schema.value, 'r.All', new Uint8Array([0x18, 0x01, 0x70, 0x01]))).toEqual({
      ok: false,
      offset: 2,
      error: 'At byte 2: not a valid r.All: field str (14) is a string but has wire type 0',
    });
  });
});
