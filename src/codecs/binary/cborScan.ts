/**
 * Walks the structure of one CBOR data item (RFC 8949 section 3: heads, lengths, indefinite
 * items, tags) without building values, to say at which byte a malformed payload goes wrong.
 * NOTE: cbor-x's errors carry no position; this is only the framing, cbor-x does the decoding.
 */

/** Where and why the structure is broken. */
export interface CborFault {
  offset: number;
  why: string;
}

const MAJOR_NAMES = ['unsigned integer', 'negative integer', 'byte string', 'text string', 'array', 'map', 'tag', 'simple value or float'];

/** The first structural fault of a single CBOR item filling all of bytes, or null if it is well formed. */
export function findCborFault(bytes: Uint8Array): CborFault | null {
  if (bytes.byteLength === 0) return { offset: 0, why: 'the payload is empty (CBOR needs at least one byte)' };
  // Items still to read: each frame counts the items left in an open array, map or indefinite string.
  const stack: { left: number; indefinite: boolean; start: number; what: string }[] = [];
  let pos = 0;
  let top: (typeof stack)[number] | undefined = { left: 1, indefinite: false, start: 0, what: 'payload' };
  const end = bytes.byteLength;
  while (top) {
    if (!top.indefinite && top.left === 0) {
      top = stack.pop();
      continue;
    }
    const start = pos;
    if (pos >= end) return { offset: start, why: `the data ends too soon: the ${top.what} that starts at byte ${top.start} needs more items` };
    const initial = bytes[pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (initial === 0xff) {
      if (!top.indefinite) return { offset: start, why: 'a "break" (0xff) outside an indefinite-length item' };
      if (top.what === 'map' && Math.abs(top.left) % 2 === 1) return { offset: start, why: 'an indefinite-length map ends with a key that has no value' };
      top = stack.pop();
      continue;
    }
    if (top.what.startsWith('indefinite ') && (MAJOR_NAMES[major] !== top.what.slice('indefinite '.length) || info === 31)) {
      return { offset: start, why: `a chunk of an ${top.what} must be a ${top.what.slice('indefinite '.length)} of definite length` };
    }
    top.left -= 1;
    let length = 0;
    if (info < 24) length = info;
    else if (info <= 27) {
      const size = 1 << (info - 24);
      if (pos + size > end) return { offset: start, why: `the data ends too soon: the ${MAJOR_NAMES[major]} head needs ${size} more bytes` };
      for (let i = 0; i < size; i++) length = length * 256 + bytes[pos++]!;
    } else if (info === 31) {
      if (major === 0 || major === 1 || major === 6) return { offset: start, why: `a ${MAJOR_NAMES[major]} cannot have an indefinite length` };
      if (major === 7) return { offset: start, why: 'a "break" (0xff) outside an indefinite-length item' };
      const frame = { left: 0, indefinite: true, start, what: major === 2 || major === 3 ? `indefinite ${MAJOR_NAMES[major]}` : MAJOR_NAMES[major]! };
      stack.push(top);
      top = frame;
      continue;
    } else {
      return { offset: start, why: `reserved additional information ${info} in the head byte 0x${initial.toString(16).padStart(2, '0')}` };
    }
    if (major === 2 || major === 3) {
      if (pos + length > end) return { offset: start, why: `the data ends too soon: the ${MAJOR_NAMES[major]} of ${length} bytes has only ${end - pos}` };
      pos += length;
    } else if (major === 4 || major === 5) {
      if (length > 0) {
        stack.push(top);
        top = { left: major === 5 ? length * 2 : length, indefinite: false, start, what: MAJOR_NAMES[major]! };
      }
    } else if (major === 6) {
      stack.push(top);
      top = { left: 1, indefinite: false, start, what: 'tag' };
    } else if (major === 7 && info === 24 && length < 32) {
      return { offset: start, why: `simple value ${length} must be written in one byte` };
    }
    if (stack.length > 10_000) return { offset: start, why: 'nested more than 10,000 levels deep' };
  }
  if (pos < end) return { offset: pos, why: `one complete item ends here but ${end - pos} more bytes follow` };
  return null;
}
