/// <reference lib="webworker" />
// The decode worker: big payloads are decoded here so the page never freezes on them.
import { runDecode, type DecodeOutcome, type WorkerDecodeMessage } from './decodeRequest';
import * as codecs from './index';
import type { ProtoSchema } from './protobufSchema';
import { messageOf } from '../../format/thrown';

/** The schema built from the last files posted, reused while they stay the same. */
let cached: { key: string; schema: ProtoSchema | null } | null = null;

function schemaFor(files: WorkerDecodeMessage['protoFiles']): ProtoSchema | null {
  if (!files) return null;
  const key = JSON.stringify(files);
  if (cached?.key !== key) {
    const loaded = codecs.loadProtoFiles(files);
    cached = { key, schema: loaded.ok ? loaded.value : null };
  }
  return cached.schema;
}

self.onmessage = (event: MessageEvent<WorkerDecodeMessage>) => {
  let outcome: DecodeOutcome;
  try {
    outcome = runDecode(codecs, event.data.request, schemaFor(event.data.protoFiles));
  } catch (error) {
    outcome = { result: { ok: false, error: messageOf(error), offset: null }, as: event.data.request.type || event.data.request.how };
  }
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(outcome);
};
