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
      value: { id: 150, text: 'hi', author: { name: 'ann' }, scores: ['-1', '9007199254740993'], kind: 'IMAGE', blob: 'AAE=' },
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
    expect(encodeProtobuf(schema.value, 'chat.Message', { nope: 1 })).toEqual({ ok: false, error: 'chat.Message has no field "nope"' });
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
