import type { LogEntry } from '../../store/logEntry';
import type { DecodedFrame, ProtocolContext, ProtocolModule } from './types';
import { messageOf } from '../../format/thrown';

/** Entry kinds that carry a frame a protocol can decode. */
export function carriesFrame(entry: LogEntry): boolean {
  return entry.kind === 'sent' || entry.kind === 'received';
}

const cache = new WeakMap<LogEntry, { module: ProtocolModule; decoded: DecodedFrame }>();

/**
 * Decodes an entry's frame for display, memoised per entry (only rows on screen and the open
 * details ask, so nothing is decoded on the hot path); null for events.
 */
export function decodeEntry(module: ProtocolModule, entry: LogEntry, context: ProtocolContext): DecodedFrame | null {
  if (!carriesFrame(entry)) return null;
  const hit = cache.get(entry);
  if (hit && hit.module === module) return hit.decoded;
  let decoded: DecodedFrame;
  try {
    decoded = module.decode(entry.data, context);
  } catch (error) {
    // A decoder is written never to throw; if one does, the frame is still shown raw with why.
    decoded = { summary: '', tree: null, error: messageOf(error) };
  }
  cache.set(entry, { module, decoded });
  return decoded;
}
