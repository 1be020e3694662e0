import type { DecodeOutcome, DecodeRequest, WorkerDecodeMessage } from './decodeRequest';
import type { ProtoSchema } from './protobufSchema';

const LABELS = { msgpack: 'MessagePack', cbor: 'CBOR', protobuf: 'Protobuf' } as const;

/** Payloads from this size on are decoded in a worker: decoding megabytes takes longer than a frame. */
export const OFF_MAIN_BYTES = 256 * 1024;

/** Whether this payload should be decoded off the main thread here (workers exist in browsers, not in jsdom). */
export function decodesOffMain(byteLength: number): boolean {
  return byteLength >= OFF_MAIN_BYTES && typeof Worker !== 'undefined';
}

/**
 * Decodes in a worker of its own; `cancel` stops it (another message opened, details closed). The
 * bytes are copied, so the log keeps its payload.
 */
export function decodeInWorker(request: DecodeRequest, schema: ProtoSchema | null): { done: Promise<DecodeOutcome>; cancel: () => void } {
  const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
  const done = new Promise<DecodeOutcome>((resolve) => {
    worker.onmessage = (event: MessageEvent<DecodeOutcome>) => resolve(event.data);
    worker.onerror = (event) => resolve({ result: { ok: false, error: `the decoder stopped: ${event.message || 'it could not be started'}`, offset: null }, as: LABELS[request.how] });
  }).finally(() => worker.terminate());
  const message: WorkerDecodeMessage = { request, protoFiles: request.how === 'protobuf' && request.type && schema ? schema.sources : null };
  worker.postMessage(message);
  return { done, cancel: () => worker.terminate() };
}
