import { decode as msgpackDecode } from '@msgpack/msgpack';
import { decode as cborDecode } from 'cbor-x';
import { loadBinaryCodecs } from '../../../src/codecs/binary/load';
import { loadProtoFiles } from '../../../src/codecs/binary/protobufSchema';
import { MESSAGE_FORMATS } from '../../../src/compose/formats';
import { encodeMessage } from '../../../src/store/encodeMessage';
import { setMessageType, setProtoSchema, useProto } from '../../../src/store/protoStore';

beforeAll(async () => {
  await loadBinaryCodecs();
});
beforeEach(() => useProto.setState({ schema: null, typeByEndpoint: {} }));

const bytesOf = (result: ReturnType<typeof encodeMessage>) => {
  if (!result.ok || typeof result.value === 'string') throw new Error(result.ok ? 'text, not binary' : result.error);
  return new Uint8Array(result.value);
};

describe('binary composer formats', () => {
  it('Format offers MessagePack, CBOR and Protobuf after the existing four', () => {
    expect(MESSAGE_FORMATS.map((f) => f.label)).toEqual(['Text', 'JSON', 'Hex', 'Base64', 'MessagePack', 'CBOR', 'Protobuf']);
  });

  it('typed JSON goes out as MessagePack and CBOR that the libraries read back', () => {
    const json = '{"type": "hello", "n": [1, 2.5, null]}';
    expect(msgpackDecode(bytesOf(encodeMessage(json, 'msgpack')))).toEqual({ type: 'hello', n: [1, 2.5, null] });
    expect(cborDecode(bytesOf(encodeMessage(json, 'cbor')))).toEqual({ type: 'hello', n: [1, 2.5, null] });
  });

  it('invalid JSON names its position and gives nothing to send', () => {
    expect(encodeMessage('{"a": }', 'msgpack')).toEqual({ ok: false, error: expect.stringMatching(/^Invalid JSON at line 1, column 7/) });
    expect(encodeMessage('[1,\n2', 'cbor')).toEqual({ ok: false, error: expect.stringMatching(/^Invalid JSON at line 2/) });
  });

  it('Protobuf uses the Message type chosen for the endpoint, and says what is missing', () => {
    const url = 'ws://127.0.0.1:9/x';
    expect(encodeMessage('{"id": 1}', 'protobuf', url)).toMatchObject({ ok: false, error: expect.stringContaining('Load .proto') });
    const schema = loadProtoFiles([{ name: 'm.proto', text: 'syntax = "proto3"; message M { int32 id = 1; }' }]);
    if (!schema.ok) throw new Error(schema.error);
    setProtoSchema(schema.value);
    expect(encodeMessage('{"id": 1}', 'protobuf', url)).toMatchObject({ ok: false, error: expect.stringContaining('Message type') });
    setMessageType(url, 'M');
    expect([...bytesOf(encodeMessage('{"id": 150}', 'protobuf', url))]).toEqual([0x08, 0x96, 0x01]);
    expect(encodeMessage('{"nope": 1}', 'protobuf', url)).toEqual({ ok: false, error: 'Not a valid M: M has no field "nope"' });
  });
});
