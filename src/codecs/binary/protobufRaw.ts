import { Reader } from 'protobufjs';
import { bytesText } from './display';
import { messageOf } from '../../format/thrown';
import { decodeFailure, type DecodeResult } from './result';

/** How deep length-delimited fields are tried as nested messages. */
const NEST_MAX = 32;
const WIRE_NAMES = ['varint', 'i64', 'len', 'group start', 'group end', 'i32'];

/** One field of the raw view: its number, wire type and value (a nested list for a message). */
export interface RawField {
  field: number;
  wire: string;
  /** Byte offset of the field's tag in the payload. */
  at: number;
  value: unknown;
}

/** Thrown inside the walk with the offset of the field that broke. */
class WireFault extends Error {
  readonly offset: number;
  constructor(offset: number, why: string) {
    super(why);
    this.offset = offset;
  }
}

/** A varint's bytes as an exact number (a decimal string past 2^53). */
function varintValue(bytes: Uint8Array, start: number, end: number): number | string {
  let value = 0n;
  for (let i = end - 1; i >= start; i--) value = (value << 7n) | BigInt(bytes[i]! & 0x7f);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Printable UTF-8 text (no control characters), or null. */
function printableText(bytes: Uint8Array): string | null {
  try {
    const text = utf8.decode(bytes);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c === 0x7f) return null;
    }
    return text;
  } catch {
    return null;
  }
}

/** Fields from bytes[start, end), offsets counted from base; stops at a group's end tag when group is set. */
function walk(bytes: Uint8Array, base: number, depth: number, group: number | null, reader: Reader, end: number): RawField[] {
  const fields: RawField[] = [];
  while (reader.pos < end) {
    const at = reader.pos;
    const tag = readOr(at, base, () => reader.uint32());
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (wireType > 5) throw new WireFault(base + at, `invalid wire type ${wireType} (field ${field}); wire types are 0 to 5`);
    if (field === 0) throw new WireFault(base + at, 'field number 0 is not allowed');
    const wire = WIRE_NAMES[wireType]!;
    if (wireType === 4) {
      if (group === field) return fields;
      throw new WireFault(base + at, `an end of group ${field} where none is open`);
    }
    let value: unknown;
    if (wireType === 0) {
      const start = reader.pos;
      readOr(at, base, () => reader.skip());
      value = varintValue(bytes, start, reader.pos);
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      const start = reader.pos;
      readOr(at, base, () => reader.skip(size));
      const view = new DataView(bytes.buffer, bytes.byteOffset + start, size);
      value = size === 8 ? { fixed64: view.getBigUint64(0, true).toString(), double: view.getFloat64(0, true) } : { fixed32: view.getUint32(0, true), float: view.getFloat32(0, true) };
    } else if (wireType === 2) {
      const length = readOr(at, base, () => reader.uint32());
      const start = reader.pos;
      if (start + length > end) throw new WireFault(base + at, `field ${field} says ${length} bytes follow but only ${end - start} do`);
      reader.pos = start + length;
      value = lengthDelimited(bytes.subarray(start, start + length), base + start, depth);
    } else {
      if (depth >= NEST_MAX) throw new WireFault(base + at, `groups nested more than ${NEST_MAX} deep`);
      // walk returns at the group's end tag, or throws when the data ends first.
      value = walk(bytes, base, depth + 1, field, reader, end);
    }
    fields.push({ field, wire, at: base + at, value });
  }
  if (group !== null) throw new WireFault(base + end, `the data ends inside group ${group}`);
  return fields;
}

/** Runs a Reader step, turning its range error into a fault at the field's offset. */
function readOr<T>(at: number, base: number, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new WireFault(base + at, `the data ends too soon inside this field (${messageOf(error)})`);
  }
}

/** A length-delimited value: printable text, else a nested message if it parses as one, else bytes. */
function lengthDelimited(sub: Uint8Array, base: number, depth: number): unknown {
  const text = printableText(sub);
  if (text !== null) return text;
  if (depth < NEST_MAX && sub.byteLength > 0) {
    try {
      return walk(sub, base, depth + 1, null, new Reader(sub), sub.byteLength);
    } catch (error) {
      if (!(error instanceof WireFault)) throw error;
    }
  }
  return bytesText(sub);
}

/** Decodes Protobuf wire format without a schema: each field's number, wire type and value; errors name the byte offset. */
export function decodeProtobufRaw(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, value: walk(bytes, 0, 0, null, new Reader(bytes), bytes.byteLength) };
  } catch (error) {
    if (error instanceof WireFault) return decodeFailure(error.message, error.offset);
    return decodeFailure(messageOf(error), null);
  }
}
