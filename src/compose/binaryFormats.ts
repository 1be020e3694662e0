import { binaryCodecs } from '../codecs/binary/load';
import { parseJson } from '../codecs/json';
import { fail, ok, type ParseResult } from '../codecs/result';
import type { Payload } from '../connection/types';
import { messageTypeFor, useProto } from '../store/protoStore';
import { formatLabel, type MessageFormat } from './formats';
import { messageOf } from '../format/thrown';

/** An ArrayBuffer holding exactly these bytes (what a binary frame sends). */
function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Encodes typed JSON as MessagePack, CBOR or Protobuf (the endpoint's Message type). The codecs
 * must be loaded (loadBinaryCodecs); invalid JSON is reported with its line and column.
 */
export function encodeBinaryFormat(body: string, format: Extract<MessageFormat, 'msgpack' | 'cbor' | 'protobuf'>, url: string): ParseResult<Payload> {
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed;
  const codecs = binaryCodecs();
  if (!codecs) return fail(`The ${formatLabel(format)} encoder is still loading; try again`);
  try {
    if (format === 'msgpack') return ok(bufferOf(codecs.encodeMsgpack(parsed.value)));
    if (format === 'cbor') return ok(bufferOf(codecs.encodeCbor(parsed.value)));
  } catch (error) {
    return fail(`Could not encode as ${formatLabel(format)}: ${messageOf(error)}`);
  }
  const proto = useProto.getState();
  if (!proto.schema) return fail('Protobuf needs a schema: use Load .proto and choose a Message type');
  const type = messageTypeFor(proto, url);
  if (!type) return fail('Protobuf needs a Message type: choose one beside Load .proto');
  const bytes = codecs.encodeProtobuf(proto.schema, type, parsed.value);
  return bytes.ok ? ok(bufferOf(bytes.value)) : bytes;
}

/**
 * The JSON that `format` encodes back to exactly these bytes, or null (codecs not loaded, no schema,
 * or a value JSON cannot carry exactly: bytes, 64-bit integers, tags). Resend uses it so a message
 * sent as MessagePack, CBOR or Protobuf comes back as the JSON that was typed, never as other bytes.
 */
export function exactJsonFor(bytes: Uint8Array, format: Extract<MessageFormat, 'msgpack' | 'cbor' | 'protobuf'>, url: string): string | null {
  const codecs = binaryCodecs();
  if (!codecs) return null;
  let decoded;
  if (format === 'protobuf') {
    const proto = useProto.getState();
    const type = proto.schema ? messageTypeFor(proto, url) : null;
    if (!proto.schema || !type) return null;
    decoded = codecs.decodeProtobuf(proto.schema, type, bytes);
  } else {
    decoded = format === 'msgpack' ? codecs.decodeMsgpack(bytes) : codecs.decodeCbor(bytes);
  }
  if (!decoded.ok) return null;
  let json: string;
  try {
    json = JSON.stringify(decoded.value, null, 2);
  } catch {
    return null;
  }
  const again = encodeBinaryFormat(json, format, url);
  if (!again.ok || typeof again.value === 'string') return null;
  const back = new Uint8Array(again.value);
  return back.length === bytes.length && back.every((b, i) => b === bytes[i]) ? json : null;
}
