import { parseBase64 } from '../codecs/base64';
import { encodeBinaryFormat } from '../compose/binaryFormats';
import { parseHex } from '../codecs/hex';
import { parseJson } from '../codecs/json';
import { fail, ok, type ParseResult } from '../codecs/result';
import type { Payload } from '../connection/types';
import type { MessageFormat } from './logEntry';

/**
 * Turns the composer's text into the frame to send: text for Text/JSON, bytes for Hex/Base64 and
 * for JSON typed as MessagePack/CBOR/Protobuf (url picks the Protobuf Message type).
 */
export function encodeMessage(body: string, format: MessageFormat, url = ''): ParseResult<Payload> {
  switch (format) {
    case 'text':
      return ok(body);
    case 'json': {
      const parsed = parseJson(body);
      // JSON is sent exactly as typed: the user's formatting is part of what they test.
      return parsed.ok ? ok(body) : parsed;
    }
    case 'hex':
    case 'base64': {
      const bytes = format === 'hex' ? parseHex(body) : parseBase64(body);
      if (!bytes.ok) return bytes;
      if (bytes.value.byteLength === 0) return fail(`Nothing to send: the ${format === 'hex' ? 'hex' : 'base64'} message is empty`);
      const { buffer, byteOffset, byteLength } = bytes.value;
      return ok(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
    }
    case 'msgpack':
    case 'cbor':
    case 'protobuf':
      return encodeBinaryFormat(body, format, url);
  }
}
