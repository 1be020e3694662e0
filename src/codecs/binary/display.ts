import { toHex } from '../hex';

/** Bytes shown in full as hex; longer byte strings are cut (Download payload has them whole). */
export const DISPLAY_BYTES_MAX = 256;
/** Nesting shown before a deeper value is replaced by a note (decoders already bound their depth). */
export const DISPLAY_DEPTH_MAX = 200;

/** A null-prototype object, so a decoded key such as `__proto__` is an ordinary key. */
function record(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Bytes as text: `bytes(3) de ad be`, cut after DISPLAY_BYTES_MAX. */
export function bytesText(bytes: Uint8Array): string {
  const more = bytes.byteLength - DISPLAY_BYTES_MAX;
  return `bytes(${bytes.byteLength}) ${toHex(bytes, DISPLAY_BYTES_MAX)}${more > 0 ? ` (${more} more)` : ''}`;
}

/** Whether a value is a CBOR tag (cbor-x's Tag: `tag` number and `value`). */
function isTag(value: object): value is { tag: number | bigint; value: unknown } {
  return value.constructor?.name === 'Tag' && 'tag' in value && 'value' in value;
}

/** Whether a value is MessagePack extension data (@msgpack/msgpack's ExtData: `type` and `data`). */
function isExt(value: object): value is { type: number; data: Uint8Array } {
  return value.constructor?.name === 'ExtData' && 'type' in value && 'data' in value;
}

/** The largest integer a JSON (double) number holds exactly. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A decoded value as a JSON-safe structure for the JSON tree: bytes become `bytes(n) hex` text,
 * bigints beyond 2^53 decimal strings (smaller ones numbers), NaN and ±Infinity their names, Dates ISO text, a Map with a key that is
 * not a string `{ "$map": [{ key, value }] }`, a CBOR tag `{ "$tag": n, value }`, a MessagePack
 * extension `{ "$ext": type, data }`. Strings stay strings: the tree shows them as text, never HTML.
 */
export function toDisplay(value: unknown, depth = 0): unknown {
  if (depth > DISPLAY_DEPTH_MAX) return `… nested deeper than ${DISPLAY_DEPTH_MAX} levels`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      // A 64-bit integer that a JSON number holds exactly stays a number (1244953373880432 typed is that number back).
      return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
    case 'undefined':
      return 'undefined';
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return null;
  if (value instanceof Uint8Array) return bytesText(value);
  if (value instanceof ArrayBuffer) return bytesText(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (n) => toDisplay(n, depth + 1));
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return value.map((item: unknown) => toDisplay(item, depth + 1));
  if (value instanceof Set) return [...value].map((item: unknown) => toDisplay(item, depth + 1));
  if (value instanceof Map) return mapDisplay(value, depth);
  if (isTag(value)) return Object.assign(record(), { $tag: toDisplay(value.tag, depth + 1), value: toDisplay(value.value, depth + 1) });
  if (isExt(value)) return Object.assign(record(), { $ext: value.type, data: bytesText(value.data) });
  const out = record();
  for (const key of Object.keys(value)) out[key] = toDisplay((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

function mapDisplay(map: Map<unknown, unknown>, depth: number): unknown {
  if ([...map.keys()].every((key) => typeof key === 'string')) {
    const out = record();
    for (const [key, item] of map) out[key as string] = toDisplay(item, depth + 1);
    return out;
  }
  const entries = [...map].map(([key, item]) => Object.assign(record(), { key: toDisplay(key, depth + 2), value: toDisplay(item, depth + 2) }));
  return Object.assign(record(), { $map: entries });
}
