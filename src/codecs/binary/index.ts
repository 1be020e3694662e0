/**
 * The binary codecs, one chunk loaded on demand (see load.ts): MessagePack, CBOR and Protobuf
 * decoders for Message details, and the encoders behind the composer's binary formats.
 */
export { decodeCbor, encodeCbor } from './cbor';
export { decodeMsgpack, encodeMsgpack } from './msgpack';
export { decodeProtobufRaw } from './protobufRaw';
export { decodeProtobuf, encodeProtobuf, loadProtoFiles, type ProtoFile, type ProtoSchema } from './protobufSchema';
export type { DecodeResult } from './result';
