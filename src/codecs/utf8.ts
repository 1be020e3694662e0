/** Exact UTF-8 byte length of a string, computed without allocating; lone surrogates count as U+FFFD (3 bytes). */
export function utf8ByteLength(s: string): number {
  const n = s.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // surrogate pair: 2 UTF-16 units -> 4 bytes
      i++;
    } else {
      bytes += 2; // other BMP chars and lone surrogates (encoded as U+FFFD): 3 bytes
    }
  }
  return bytes;
}

// NOTE: ignoreBOM keeps a leading U+FEFF visible instead of silently dropping those bytes.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes UTF-8, replacing invalid sequences with U+FFFD; lossy is true when the input was not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { text: string; lossy: boolean } {
  try {
    return { text: strictDecoder.decode(bytes), lossy: false };
  } catch {
    return { text: lenientDecoder.decode(bytes), lossy: true };
  }
}

/** Longest prefix of s whose UTF-8 length is at most maxBytes, never splitting a surrogate pair. */
export function truncateUtf8(s: string, maxBytes: number): string {
  let bytes = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let size: number;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 4;
      units = 2;
    } else size = 3;
    if (bytes + size > maxBytes) return s.slice(0, i);
    bytes += size;
    i += units - 1;
  }
  return s;
}
