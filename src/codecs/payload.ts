import type { Payload } from '../connection/types';
import { utf8ByteLength } from './utf8';

/** Size in bytes of a payload as it travels on the wire (text is counted in UTF-8). */
export function payloadSize(data: Payload): number {
  return typeof data === 'string' ? utf8ByteLength(data) : data.byteLength;
}
