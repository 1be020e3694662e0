import type { BinaryCodecs } from './load';
import type { ProtoFile, ProtoSchema } from './protobufSchema';
import type { DecodeResult } from './result';

/** The binary decodings `Decode as` offers beside Hex. */
export type BinaryDecoding = 'msgpack' | 'cbor' | 'protobuf';

/** One decoding to run, in this page or in a worker: what, on which bytes, with which Protobuf type. */
export interface DecodeRequest {
  how: BinaryDecoding;
  bytes: Uint8Array;
  /** The Protobuf message type; '' decodes raw field numbers. */
  type: string;
}

/** What was decoded, and as what (for "Decoded as …" and "Not valid …"). */
export interface DecodeOutcome {
  result: DecodeResult;
  as: string;
}

/** Runs a decoding with loaded codecs (Protobuf with the schema when a type is chosen, else raw). */
export function runDecode(codecs: Pick<BinaryCodecs, 'decodeMsgpack' | 'decodeCbor' | 'decodeProtobuf' | 'decodeProtobufRaw'>, request: DecodeRequest, schema: ProtoSchema | null): DecodeOutcome {
  const { how, bytes, type } = request;
  if (how === 'msgpack') return { result: codecs.decodeMsgpack(bytes), as: 'MessagePack' };
  if (how === 'cbor') return { result: codecs.decodeCbor(bytes), as: 'CBOR' };
  if (type && schema) return { result: codecs.decodeProtobuf(schema, type, bytes), as: type };
  return { result: codecs.decodeProtobufRaw(bytes), as: 'Protobuf (raw field numbers)' };
}

/** What the page posts to the decode worker: the request, and the .proto files when a type is chosen. */
export interface WorkerDecodeMessage {
  request: DecodeRequest;
  protoFiles: readonly ProtoFile[] | null;
}
