import { useMemo } from 'react';
import { decodeEntry } from '../protocol/sessions/decodeEntry';
import { loadedProtocol } from '../protocol/sessions/loader';
import type { DecodedFrame } from '../protocol/sessions/types';
import { useSession } from '../store/appStore';
import type { LogEntry } from '../store/logEntry';

/** Decodes one entry for display (memoised per entry), or null for events. */
export type EntryDecoder = (entry: LogEntry) => DecodedFrame | null;

/** The decoder of the connection's running protocol, or null in Raw (or before its module loaded). */
export function useDecoder(id: string): EntryDecoder | null {
  const protocolId = useSession(id, (s) => s.protocol?.id ?? null);
  const url = useSession(id, (s) => s.protocol?.url ?? '');
  const subprotocol = useSession(id, (s) => s.protocol?.subprotocol ?? '');
  return useMemo(() => {
    const module = loadedProtocol(protocolId);
    if (!module) return null;
    const context = { url, subprotocol };
    return (entry: LogEntry) => decodeEntry(module, entry, context);
  }, [protocolId, url, subprotocol]);
}
