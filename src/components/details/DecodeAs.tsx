import { useEffect, useMemo, useState } from 'react';
import { binaryCodecs, loadBinaryCodecs, type BinaryCodecs } from '../../codecs/binary/load';
import { runDecode, type DecodeOutcome, type DecodeRequest } from '../../codecs/binary/decodeRequest';
import { decodeInWorker, decodesOffMain } from '../../codecs/binary/decodeOffMain';
import { formatBytes } from '../../format/bytes';
import { visibleText } from '../../format/visibleText';
import { useSession } from '../../store/appStore';
import type { LogEntry } from '../../store/logEntry';
import { messageTypeFor, useProto } from '../../store/protoStore';
import { JsonTree } from '../JsonTree';
import { payloadBytes } from './decodeInput';
import { ProtoControls } from './ProtoControls';
import './DecodeAs.css';
import { messageOf } from '../../format/thrown';

/** The ways a payload can be decoded, in the order `Decode as` offers them. */
export const DECODINGS = [
  { value: 'hex', label: 'Hex' },
  { value: 'msgpack', label: 'MessagePack' },
  { value: 'cbor', label: 'CBOR' },
  { value: 'protobuf', label: 'Protobuf' },
] as const;
export type Decoding = (typeof DECODINGS)[number]['value'];

/** The last choice per connection, so the next message opened decodes the same way. */
const lastDecoding = new Map<string, Decoding>();

/**
 * `Decode as`: a binary payload (or a base64 text one) as Hex, MessagePack, CBOR or Protobuf, shown
 * in the JSON tree; a failure says at which byte and why. The decoders load on first use.
 */
export function DecodeAs({ id, entry }: { id: string; entry: LogEntry }) {
  const [how, setHowState] = useState<Decoding>(() => lastDecoding.get(id) ?? 'hex');
  const setHow = (next: Decoding) => {
    lastDecoding.set(id, next);
    setHowState(next);
  };
  const [codecs, setCodecs] = useState<BinaryCodecs | null>(binaryCodecs);
  const [loadError, setLoadError] = useState<string | null>(null);
  const url = useSession(id, (s) => s.drafts.url);
  const schema = useProto((s) => s.schema);
  const type = useProto((s) => messageTypeFor(s, url));
  // NOTE: a text frame is read as base64 only once a decoding is chosen: opening a 20 MB text
  // message must not parse it.
  const wantsBytes = how !== 'hex' || typeof entry.data !== 'string';
  const bytes = useMemo(() => (wantsBytes ? payloadBytes(entry.data) : null), [entry, wantsBytes]);

  const request = useMemo<DecodeRequest | null>(
    () => (how === 'hex' || !bytes?.ok ? null : { how, bytes: bytes.value, type: how === 'protobuf' && schema ? type : '' }),
    [how, bytes, schema, type],
  );
  // Megabytes are decoded in a worker, so the page answers while they are; smaller payloads here.
  const offMain = request !== null && decodesOffMain(request.bytes.byteLength);
  useEffect(() => {
    if (how === 'hex' || codecs || offMain) return;
    let live = true;
    loadBinaryCodecs().then(
      (loaded) => live && setCodecs(loaded),
      (error: unknown) => live && setLoadError(`The decoders could not be loaded: ${messageOf(error)}`),
    );
    return () => {
      live = false;
    };
  }, [how, codecs, offMain]);

  const decodedHere = useMemo(() => (request && !offMain && codecs ? runDecode(codecs, request, schema) : null), [request, offMain, codecs, schema]);
  const [decodedAway, setDecodedAway] = useState<{ request: DecodeRequest; outcome: DecodeOutcome } | null>(null);
  useEffect(() => {
    if (!request || !offMain) return;
    const job = decodeInWorker(request, schema);
    let live = true;
    void job.done.then((outcome) => live && setDecodedAway({ request, outcome }));
    return () => {
      live = false;
      job.cancel();
    };
  }, [request, offMain, schema]);
  const decoded = offMain ? (decodedAway?.request === request ? decodedAway.outcome : null) : decodedHere;

  return (
    <section className="decode-as" aria-label="Decode">
      <div className="decode-as__bar">
        <label className="decode-as__field">
          <span>Decode as</span>
          <select aria-label="Decode as" value={how} onChange={(event) => setHow(event.target.value as Decoding)}>
            {DECODINGS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        {how === 'protobuf' ? <ProtoControls url={url} /> : null}
      </div>
      {!bytes ? (
        <p className="message-details__note">A text frame is decoded from base64: choose a format to decode it.</p>
      ) : !bytes.ok ? (
        <p className="message-details__note">{visibleText(bytes.error)}</p>
      ) : how === 'hex' ? (
        <p className="message-details__note">The Hex view above shows these {bytes.value.byteLength} bytes; choose a format to decode them.</p>
      ) : loadError ? (
        <p role="alert" className="alert">
          {loadError}
        </p>
      ) : !decoded ? (
        <p className="message-details__note" role="status">
          {offMain ? `Decoding ${formatBytes(bytes.value.byteLength)} in the background…` : 'Loading the decoder…'}
        </p>
      ) : decoded.result.ok ? (
        <>
          <p className="message-details__note">Decoded as {decoded.as}.</p>
          <JsonTree value={decoded.result.value} />
        </>
      ) : (
        <p role="alert" className="alert decode-as__error">
          Not valid {decoded.as}. {visibleText(decoded.result.error)}
        </p>
      )}
    </section>
  );
}
