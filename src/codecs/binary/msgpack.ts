import { Decoder, encode } from '@msgpack/msgpack';
import { toDisplay } from './display';
import { messageOf } from '../../format/thrown';
import { decodeFailure, type DecodeResult } from './result';

/** Nesting a MessagePack payload may have: deeper input is refused rather than overflowing the stack. */
const MAX_DEPTH = 1_000;

/** Decodes one MessagePack value (bigints for 64-bit integers); an error names the byte offset it stopped at. */
export function decodeMsgpack(bytes: Uint8Array): DecodeResult {
  if (bytes.byteLength === 0) return decodeFailure('the payload is empty (MessagePack needs at least one byte)', 0);
  const decoder = new Decoder({ useBigInt64: true });
  try {
    return { ok: true, value: toDisplay(decoder.decode(bytes)) };
  } catch (error) {
    // NOTE: `pos` is the decoder's read position, public at runtime though not in its types.
    const pos = (decoder as unknown as { pos?: unknown }).pos;
    return decodeFailure(explainMsgpack(messageOf(error), bytes.byteLength), typeof pos === 'number' ? Math.min(pos, bytes.byteLength) : null);
  }
}

/** The library's message, said plainly for the cases it words for programmers. */
function explainMsgpack(message: string, length: number): string {
  if (/Offset is outside the bounds|Insufficient data/i.test(message)) return `the data ends too soon (${length} bytes): a value is cut off (${message})`;
  if (/^Extra \d+ of/.test(message)) return `one complete value ends here but more bytes follow (${message})`;
  return message;
}

/** Encodes a JSON value as MessagePack (integers beyond 2^53 are not JSON, so no bigints here). */
export function encodeMsgpack(value: unknown): Uint8Array {
  return encode(value, { maxDepth: MAX_DEPTH });
}
