import { Decoder, Encoder } from 'cbor-x';
import { findCborFault } from './cborScan';
import { toDisplay } from './display';
import { messageOf } from '../../format/thrown';
import { decodeFailure, type DecodeResult } from './result';

// NOTE: records and shared structures are cbor-x extensions other decoders do not read; plain CBOR only.
// Maps keep their keys (mapsAsObjects false) so a non-string key is shown as it is.
const decoder = new Decoder({ useRecords: false, mapsAsObjects: false });
const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });

/** Decodes one CBOR item; a malformed one is reported with the byte offset where its structure breaks. */
export function decodeCbor(bytes: Uint8Array): DecodeResult {
  const fault = findCborFault(bytes);
  if (fault) return decodeFailure(fault.why, fault.offset);
  try {
    return { ok: true, value: toDisplay(decoder.decode(bytes)) };
  } catch (error) {
    return decodeFailure(`${messageOf(error)} (the structure is well formed; the content is not)`, null);
  }
}

/** Encodes a JSON value as CBOR. */
export function encodeCbor(value: unknown): Uint8Array {
  return encoder.encode(value);
}
