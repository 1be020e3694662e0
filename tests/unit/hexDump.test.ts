import { describe, expect, it } from 'vitest';
import { BYTES_PER_LINE, hexDumpLine, lineCount } from '../../src/codecs/hexDump';

const bytesOf = (...values: number[]) => new Uint8Array(values);

describe('lineCount', () => {
  it('is one line per 16 bytes, rounding up, and 0 for nothing', () => {
    expect(lineCount(0)).toBe(0);
    expect(lineCount(1)).toBe(1);
    expect(lineCount(16)).toBe(1);
    expect(lineCount(17)).toBe(2);
    expect(lineCount(16 * 1024 * 1024)).toBe(1_048_576);
    expect(BYTES_PER_LINE).toBe(16);
  });
});

describe('hexDumpLine', () => {
  it('formats a full line like hexdump -C: offset, 8 + 8 bytes, printable ASCII', () => {
    const bytes = new TextEncoder().encode('hello world\n\0\x01\x7f~');
    expect(hexDumpLine(bytes, 0)).toBe('00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 01 7f 7e  |hello world....~|');
  });

  it('gives the offset of the line and only its bytes', () => {
    const bytes = new Uint8Array(20);
    bytes.set([0xde, 0xad, 0xbe, 0xef], 16);
    expect(hexDumpLine(bytes, 1)).toBe(
      '00000010  de ad be ef' + ' '.repeat(3 * 12 + 1) + '  |....|',
    );
  });

  it('pads a short last line so the ASCII column lines up', () => {
    const full = hexDumpLine(new Uint8Array(16).fill(0x41), 0);
    const short = hexDumpLine(bytesOf(0x41, 0x42), 0);
    expect(short.indexOf('|')).toBe(full.indexOf('|'));
    expect(short.endsWith('|AB|')).toBe(true);
  });

  it('shows non-printable and non-ASCII bytes as dots', () => {
    expect(hexDumpLine(bytesOf(0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff), 0)).toMatch(/\|\. ~\.\.\.\|$/);
  });

  it('reads only the 16 bytes of its line, so a 16 MiB payload costs nothing', () => {
    const big = new Uint8Array(16 * 1024 * 1024);
    big[big.length - 1] = 0x7a;
    const last = lineCount(big.length) - 1;
    expect(hexDumpLine(big, last)).toBe('00fffff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 7a  |...............z|');
  });

  it('widens the offset past 4 GiB positions instead of cutting it', () => {
    expect(hexDumpLine(new Uint8Array(0), 0x10000000)).toMatch(/^100000000  /);
  });
});
