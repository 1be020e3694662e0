/**
 * Decodes and encodes Protobuf messages by walking protobufjs's reflection (Type, Field, Enum)
 * with its Reader and Writer. NOTE: protobufjs's own Type.decode/encode/fromObject generate code
 * with Function(), which the page's Content-Security-Policy (script-src 'self') refuses.
 */
import { Enum, MapField, Reader, Type, Writer, type Field } from 'protobufjs';
import { bytesText } from './display';
import { messageOf } from '../../format/thrown';

/** Thrown with the offset of the field that could not be read. */
export class ProtoFault extends Error {
  readonly offset: number;
  constructor(offset: number, why: string) {
    super(why);
    this.offset = offset;
  }
}

const NEST_MAX = 100;
const WIRE = { varint: 0, i64: 1, len: 2, i32: 5 } as const;
const PACKABLE = new Set(['double', 'float', 'int32', 'uint32', 'sint32', 'fixed32', 'sfixed32', 'int64', 'uint64', 'sint64', 'fixed64', 'sfixed64', 'bool']);
const WIRE_OF: Record<string, number> = {
  double: WIRE.i64, fixed64: WIRE.i64, sfixed64: WIRE.i64,
  float: WIRE.i32, fixed32: WIRE.i32, sfixed32: WIRE.i32,
  string: WIRE.len, bytes: WIRE.len,
};

function record(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** An exact 64-bit value as text. */
function read64(reader: Reader, type: string): string {
  let n: bigint;
  if (type === 'fixed64' || type === 'sfixed64') {
    const view = new DataView(reader.buf.buffer, reader.buf.byteOffset + reader.pos, 8);
    reader.skip(8);
    n = view.getBigUint64(0, true);
    return (type === 'sfixed64' ? BigInt.asIntN(64, n) : n).toString();
  }
  const start = reader.pos;
  reader.skip();
  n = 0n;
  for (let i = reader.pos - 1; i >= start; i--) n = (n << 7n) | BigInt(reader.buf[i]! & 0x7f);
  n = BigInt.asUintN(64, n);
  if (type === 'sint64') return ((n >> 1n) ^ -(n & 1n)).toString();
  return (type === 'int64' ? BigInt.asIntN(64, n) : n).toString();
}

function readScalar(reader: Reader, type: string): unknown {
  switch (type) {
    case 'double': return reader.double();
    case 'float': return reader.float();
    case 'int32': return reader.int32();
    case 'uint32': return reader.uint32();
    case 'sint32': return reader.sint32();
    case 'fixed32': return reader.fixed32();
    case 'sfixed32': return reader.sfixed32();
    case 'bool': return reader.bool();
    case 'string': return reader.string();
    case 'bytes': return bytesText(reader.bytes());
    default: return read64(reader, type);
  }
}

function readValue(reader: Reader, field: Field, wireType: number, depth: number): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    if (depth >= NEST_MAX) throw new ProtoFault(reader.pos, `messages nested more than ${NEST_MAX} deep`);
    if (wireType === 3) return readMessage(reader, resolved, reader.len, depth + 1, field.id);
    const length = reader.uint32();
    return readMessage(reader, resolved, reader.pos + length, depth + 1, null);
  }
  if (resolved instanceof Enum) {
    const n = reader.int32();
    return resolved.valuesById[n] ?? n;
  }
  return readScalar(reader, field.type);
}

/** The wire type a field's values are written with. */
function wireOf(field: Field): number {
  if (field.resolvedType instanceof Type) return WIRE.len;
  return WIRE_OF[field.type] ?? WIRE.varint;
}

/** Reads a message's fields up to end (or its group's end tag); unknown fields are kept by number. */
function readMessage(reader: Reader, type: Type, end: number, depth: number, group: number | null): Record<string, unknown> {
  if (end > reader.len) throw new ProtoFault(reader.pos, `a ${type.name} of ${end - reader.pos} bytes, but only ${reader.len - reader.pos} follow`);
  const out = record();
  while (reader.pos < end) {
    const at = reader.pos;
    try {
      const tag = reader.uint32();
      const id = tag >>> 3;
      const wireType = tag & 7;
      if (wireType === 4) {
        if (group === id) return out;
        throw new ProtoFault(at, `an end of group ${id} where none is open`);
      }
      if (wireType > 5 || id === 0) throw new ProtoFault(at, id === 0 ? 'field number 0 is not allowed' : `invalid wire type ${wireType} (field ${id})`);
      const field = type.fieldsById[id];
      if (!field) {
        reader.skipType(wireType);
        out[`#${id}`] = `unknown field (wire type ${wireType})`;
        continue;
      }
      field.resolve();
      if (field instanceof MapField) {
        const entryEnd = reader.uint32() + reader.pos;
        let key: unknown = '';
        let value: unknown = null;
        while (reader.pos < entryEnd) {
          const entryTag = reader.uint32();
          if (entryTag >>> 3 === 1) key = readScalar(reader, field.keyType);
          else if (entryTag >>> 3 === 2) value = readValue(reader, field, entryTag & 7, depth);
          else reader.skipType(entryTag & 7);
        }
        const map = (out[field.name] ??= record()) as Record<string, unknown>;
        map[String(key)] = value;
      } else if (field.repeated) {
        const list = (out[field.name] ??= []) as unknown[];
        if (wireType === WIRE.len && (PACKABLE.has(field.type) || field.resolvedType instanceof Enum)) {
          const packedEnd = reader.uint32() + reader.pos;
          while (reader.pos < packedEnd) list.push(readValue(reader, field, wireOf(field), depth));
        } else list.push(readValue(reader, field, wireType, depth));
      } else {
        if (wireType !== wireOf(field) && !(wireType === 3 && field.resolvedType instanceof Type)) {
          throw new ProtoFault(at, `field ${field.name} (${id}) is a ${field.type} but has wire type ${wireType}`);
        }
        out[field.name] = readValue(reader, field, wireType, depth);
      }
    } catch (error) {
      if (error instanceof ProtoFault) throw error;
      throw new ProtoFault(at, `the data ends too soon inside this field (${messageOf(error)})`);
    }
  }
  if (group !== null) throw new ProtoFault(reader.pos, `the data ends inside group ${group}`);
  if (reader.pos > end) throw new ProtoFault(end, `a field runs past the end of its ${type.name}`);
  return out;
}

/** Decodes bytes as a message of the given type into a JSON-safe object (64-bit integers as text, enums by name). */
export function readTyped(type: Type, bytes: Uint8Array): Record<string, unknown> {
  return readMessage(Reader.create(bytes), type, bytes.byteLength, 0, null);
}

/** A JSON value as a 64-bit integer for the Writer ({ low, high } bits), or an error. */
function longOf(value: unknown, field: Field): { low: number; high: number; unsigned: boolean } {
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${field.name}: a whole number (or its digits as a string) is expected`);
  let n: bigint;
  try {
    n = BigInt(value);
  } catch {
    throw new Error(`${field.name}: ${JSON.stringify(value)} is not a whole number`);
  }
  const bits = BigInt.asUintN(64, field.type === 'sint64' ? (n << 1n) ^ (n >> 63n) : n);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0, unsigned: true };
}

function writeScalar(writer: Writer, field: Field, type: string, value: unknown): void {
  const num = (): number => {
    if (typeof value !== 'number') throw new Error(`${field.name}: a number is expected, got ${JSON.stringify(value)}`);
    return value;
  };
  switch (type) {
    case 'double': writer.double(num()); return;
    case 'float': writer.float(num()); return;
    case 'int32': writer.int32(num()); return;
    case 'uint32': writer.uint32(num()); return;
    case 'sint32': writer.sint32(num()); return;
    case 'fixed32': writer.fixed32(num()); return;
    case 'sfixed32': writer.sfixed32(num()); return;
    case 'bool':
      if (typeof value !== 'boolean') throw new Error(`${field.name}: true or false is expected`);
      writer.bool(value);
      return;
    case 'string':
      if (typeof value !== 'string') throw new Error(`${field.name}: a string is expected`);
      writer.string(value);
      return;
    case 'bytes':
      if (typeof value !== 'string') throw new Error(`${field.name}: base64 text is expected`);
      writer.bytes(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
      return;
    case 'int64': writer.int64(longOf(value, field)); return;
    case 'uint64': writer.uint64(longOf(value, field)); return;
    case 'sint64': writer.uint64(longOf(value, field)); return;
    case 'fixed64': writer.fixed64(longOf(value, field)); return;
    case 'sfixed64': writer.sfixed64(longOf(value, field)); return;
    default: throw new Error(`${field.name}: unsupported type ${type}`);
  }
}

function writeValue(writer: Writer, field: Field, value: unknown, depth: number): void {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    writer.fork();
    writeMessage(writer, resolved, value, depth + 1);
    writer.ldelim();
  } else if (resolved instanceof Enum) {
    const n = typeof value === 'string' ? resolved.values[value] : value;
    if (typeof n !== 'number') throw new Error(`${field.name}: ${JSON.stringify(value)} is not a value of ${resolved.name}`);
    writer.int32(n);
  } else writeScalar(writer, field, field.type, value);
}

/** Writes a JSON object as a message of the given type; unknown fields and wrong types throw. */
function writeMessage(writer: Writer, type: Type, value: unknown, depth: number): void {
  if (depth > NEST_MAX) throw new Error(`messages nested more than ${NEST_MAX} deep`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`a ${type.name} is written as a JSON object`);
  for (const [name, item] of Object.entries(value)) {
    const field = type.fields[name];
    if (!field) throw new Error(`${type.fullName.replace(/^\./, '')} has no field ${JSON.stringify(name)}`);
    if (item === null) continue;
    field.resolve();
    const tagFor = (wire: number) => writer.uint32((field.id << 3) | wire);
    if (field instanceof MapField) {
      if (typeof item !== 'object' || Array.isArray(item)) throw new Error(`${name}: a JSON object is expected`);
      for (const [key, entry] of Object.entries(item as Record<string, unknown>)) {
        tagFor(WIRE.len);
        writer.fork();
        writer.uint32((1 << 3) | (WIRE_OF[field.keyType] ?? WIRE.varint));
        writeScalar(writer, field, field.keyType, field.keyType === 'string' ? key : field.keyType === 'bool' ? key === 'true' : /64/.test(field.keyType) ? key : Number(key));
        writer.uint32((2 << 3) | wireOf(field));
        writeValue(writer, field, entry, depth);
        writer.ldelim();
      }
    } else if (field.repeated) {
      if (!Array.isArray(item)) throw new Error(`${name}: a JSON array is expected`);
      for (const entry of item as unknown[]) {
        tagFor(wireOf(field));
        writeValue(writer, field, entry, depth);
      }
    } else {
      tagFor(wireOf(field));
      writeValue(writer, field, item, depth);
    }
  }
}

/** Encodes a JSON object as a message of the given type (enums by name or number, 64-bit integers as strings or numbers, bytes as base64). */
export function writeTyped(type: Type, value: unknown): Uint8Array {
  const writer = Writer.create();
  writeMessage(writer, type, value, 0);
  return writer.finish();
}
