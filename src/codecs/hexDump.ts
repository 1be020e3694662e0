/** Bytes shown on one line of a hex dump. */
export const BYTES_PER_LINE = 16;

const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Number of dump lines for a payload of byteLength bytes (0 for an empty payload). */
export function lineCount(byteLength: number): number {
  return Math.ceil(Math.max(0, byteLength) / BYTES_PER_LINE);
}

/**
 * One line of a classic `hexdump -C` style dump: 8-digit hex offset, 16 bytes of hex (an extra space
 * after the eighth) and the printable ASCII (other bytes as `.`), e.g.
 * `00000010  de ad be ef 20 41 42 43  44 45 46 47 48 49 4a 4b  |.... ABCDEFGHIJK|`.
 * A short last line is padded so its ASCII column lines up with the others.
 * NOTE: only reads the 16 bytes of its line, so a huge payload costs nothing until a line is shown.
 */
export function hexDumpLine(bytes: Uint8Array, lineIndex: number): string {
  const start = lineIndex * BYTES_PER_LINE;
  const end = Math.min(bytes.length, start + BYTES_PER_LINE);
  let hex = '';
  let ascii = '';
  for (let i = 0; i < BYTES_PER_LINE; i++) {
    const at = start + i;
    const sep = i === 0 ? '' : i === 8 ? '  ' : ' ';
    if (at < end) {
      const b = bytes[at]!;
      hex += sep + BYTE_TO_HEX[b];
      ascii += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
    } else {
      hex += sep + '  ';
    }
  }
  return `${start.toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`;
}
