import { fail, ok, type ParseResult } from './result';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// NOTE: one table for both alphabets ('+' '/' standard, '-' '_' URL-safe); mixing them is accepted,
// as there is no ambiguity and pasted data sometimes mixes them.
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
DECODE[45] = 62; // '-'
DECODE[95] = 63; // '_'

/** The whole code point at index i (both surrogate halves), for quoting in errors. */
function charAt(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i) ?? 0xfffd);
}

/** True for ASCII whitespace (space, tab, CR, LF, FF, VT). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Parses standard or URL-safe base64; whitespace is ignored and padding is optional but, if present,
 * must be correct. Errors give the 1-based position in the input.
 */
export function parseBase64(input: string): ParseResult<Uint8Array> {
  const n = input.length;
  const out = new Uint8Array(Math.floor((n * 3) / 4) + 3);
  let length = 0;
  let sextets = 0; // data characters seen
  let acc = 0; // bit accumulator for the current 4-character group
  let lastDataPos = -1;
  let firstPadPos = -1;
  let pads = 0;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === 61 /* = */) {
      if (firstPadPos < 0) firstPadPos = i;
      pads++;
      continue;
    }
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) return fail(`Not a base64 character "${charAt(input, i)}" at position ${i + 1}`);
    if (firstPadPos >= 0) {
      return fail(`Misplaced padding "=" at position ${firstPadPos + 1}: padding may only appear at the end`);
    }
    lastDataPos = i;
    acc = (acc << 6) | v;
    sextets++;
    if ((sextets & 3) === 0) {
      out[length++] = acc >> 16;
      out[length++] = (acc >> 8) & 0xff;
      out[length++] = acc & 0xff;
      acc = 0;
    }
  }
  const rem = sextets & 3;
  if (rem === 1) {
    return fail(`Base64 length is invalid: a final group of one character at position ${lastDataPos + 1}`);
  }
  if (pads > 0) {
    const expected = rem === 2 ? 2 : rem === 3 ? 1 : 0;
    if (expected === 0) {
      return fail(`Unexpected padding "=" at position ${firstPadPos + 1}: the data is already complete`);
    }
    if (pads !== expected) {
      return fail(
        `Wrong padding at position ${firstPadPos + 1}: expected "${'='.repeat(expected)}" but found "${'='.repeat(pads)}"`,
      );
    }
  }
  // NOTE: leftover low bits of a partial group are discarded, not rejected, like the browser's atob().
  if (rem === 2) {
    out[length++] = acc >> 4;
  } else if (rem === 3) {
    out[length++] = acc >> 10;
    out[length++] = (acc >> 2) & 0xff;
  }
  return ok(out.slice(0, length));
}

// NOTE: a multiple of 3 so each chunk encodes without padding and chunks can be concatenated;
// small enough to pass to String.fromCharCode.apply without overflowing the stack.
const CHUNK = 3 * 8192;

/** Encodes bytes as standard base64 with padding; safe for very large inputs. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    parts.push(btoa(String.fromCharCode.apply(null, chunk as unknown as number[])));
  }
  return parts.join('');
}
