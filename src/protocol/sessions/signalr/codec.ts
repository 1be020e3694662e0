import type { Payload } from '../../../connection/types';
import type { DecodedFrame } from '../types';
import { messageOf } from '../../../format/thrown';

/** The record separator that ends every SignalR JSON message. */
export const RECORD_SEPARATOR = '\x1e';

/** SignalR hub message types by number (JSON hub protocol). */
export const SIGNALR_TYPES: Record<number, string> = {
  1: 'Invocation',
  2: 'StreamItem',
  3: 'Completion',
  4: 'StreamInvocation',
  5: 'CancelInvocation',
  6: 'Ping',
  7: 'Close',
  8: 'Ack',
  9: 'Sequence',
};

/** One record of a frame: a hub message (with `type`), or a handshake request or answer (without). */
export type SignalrRecord = Record<string, unknown>;

/** Splits a frame into its records (each JSON, each ended by 0x1E); throws with the reason. */
export function parseSignalrFrame(data: Payload): SignalrRecord[] {
  if (typeof data !== 'string') throw new Error('a binary frame (the JSON hub protocol uses text frames)');
  if (!data.endsWith(RECORD_SEPARATOR)) throw new Error('the frame does not end with the record separator 0x1E');
  const parts = data.slice(0, -1).split(RECORD_SEPARATOR);
  return parts.map((part, i) => {
    let value: unknown;
    try {
      value = JSON.parse(part);
    } catch (error) {
      throw new Error(`record ${i + 1} is not JSON: ${messageOf(error)}`, { cause: error });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`record ${i + 1} is not a JSON object`);
    const type = (value as SignalrRecord).type;
    if (type !== undefined && (typeof type !== 'number' || !SIGNALR_TYPES[type])) throw new Error(`record ${i + 1} has an unknown type ${JSON.stringify(type)}`);
    return value as SignalrRecord;
  });
}

/** One line for a record: type, target or invocation id, and what it carries. */
export function describeRecord(record: SignalrRecord): string {
  const type = record.type as number | undefined;
  if (type === undefined) {
    if ('protocol' in record) return `handshake request ${String(record.protocol)} v${String(record.version)}`;
    return record.error ? `handshake refused: ${String(record.error)}` : 'handshake accepted';
  }
  const name = SIGNALR_TYPES[type]!;
  const id = record.invocationId === undefined ? '' : ` #${String(record.invocationId)}`;
  switch (type) {
    case 1:
    case 4:
      return `${name} ${String(record.target)}${id} ${JSON.stringify(record.arguments ?? [])}`;
    case 2:
      return `${name}${id} ${JSON.stringify(record.item)}`;
    case 3:
      return `${name}${id} ${record.error !== undefined ? `error ${JSON.stringify(record.error)}` : JSON.stringify(record.result ?? null)}`;
    case 7:
      return `${name}${record.error ? ` ${String(record.error)}` : ''}`;
    default:
      return `${name}${id}`;
  }
}

/** Decodes a frame for display; several records are joined with " · ". */
export function decodeSignalr(data: Payload): DecodedFrame {
  try {
    const records = parseSignalrFrame(data);
    return { summary: records.map(describeRecord).join(' · '), tree: records.length === 1 ? records[0] : records, error: null };
  } catch (error) {
    return { summary: '', tree: null, error: `Not SignalR (JSON hub protocol): ${messageOf(error)}` };
  }
}

/** A record as it goes on the wire: JSON then 0x1E. */
export function signalrFrame(record: SignalrRecord): string {
  return JSON.stringify(record) + RECORD_SEPARATOR;
}

/** The handshake request for the JSON protocol, version 1. */
export const HANDSHAKE_REQUEST = signalrFrame({ protocol: 'json', version: 1 });
