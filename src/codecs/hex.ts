import { fail, ok, type ParseResult } from './result';

// NOTE: lookup tables keep toHex/parseHex allocation-free per byte; toHex runs for every rendered row.
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The whole code point at index i (both surrogate halves), for quoting in errors. */
function charAt(s: string, i: number): string {
  return String.fromCodePoint(s.codePointAt(i) ?? 0xfffd);
}

/** Value of a hex digit char code, or -1 if it is not one. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** True for the characters that separate byte groups: whitespace, ':', '-', ','. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 ||
    c === 58 /* : */ || c === 45 /* - */ || c === 44 /* , */;
}

/**
 * Parses hex bytes such as `de ad be ef`, `deadbeef`, `de:ad:be:ef`, `0xde 0xad`, `DE-AD`.
 * Errors name the problem and its 1-based position in the input.
 */
export function parseHex(input: string): ParseResult<Uint8Array> {
  // NOTE: positions are 1-based UTF-16 indices, matching textarea selection offsets.
  const out = new Uint8Array(input.length >> 1);
  let length = 0;
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (isSeparator(input.charCodeAt(i))) {
      i++;
      continue;
    }
    const groupStart = i;
    let end = i;
    while (end < n && !isSeparator(input.charCodeAt(end))) end++;
    let digitsStart = i;
    if (end - i >= 2 && input.charCodeAt(i) === 48 && (input.charCodeAt(i + 1) | 32) === 120) {
      digitsStart = i + 2; // optional 0x / 0X prefix
      if (digitsStart === end) {
        return fail(`Missing hex digits after "${input.slice(i, end)}" at position ${groupStart + 1}`);
      }
    }
    for (let j = digitsStart; j < end; j++) {
      if (hexValue(input.charCodeAt(j)) < 0) {
        return fail(`Not a hex digit "${charAt(input, j)}" at position ${j + 1}`);
      }
    }
    if ((end - digitsStart) % 2 !== 0) {
      return fail(
        `Odd number of hex digits in "${input.slice(groupStart, end)}" at position ${groupStart + 1} (each byte needs two digits)`,
      );
    }
    for (let j = digitsStart; j < end; j += 2) {
      out[length++] = (hexValue(input.charCodeAt(j)) << 4) | hexValue(input.charCodeAt(j + 1));
    }
    i = end;
  }
  return ok(out.slice(0, length));
}

/** Formats bytes as lowercase space-separated hex (`de ad be ef`); past maxBytes, appends ` …`. */
export function toHex(bytes: Uint8Array, maxBytes = Infinity): string {
  const limit = Math.max(0, Math.floor(Math.min(bytes.length, maxBytes)));
  let out = '';
  for (let i = 0; i < limit; i++) {
    out += i === 0 ? BYTE_TO_HEX[bytes[i]!] : ' ' + BYTE_TO_HEX[bytes[i]!];
  }
  if (limit < bytes.length) out += limit === 0 ? '…' : ' …';
  return out;
}
