import { FrameImpl, Parser, type IRawFrameType } from '@stomp/stompjs';
import type { Payload } from '../../../connection/types';
import type { DecodedFrame } from '../types';
import { messageOf } from '../../../format/thrown';

/** One STOMP frame as read by @stomp/stompjs's parser, or a heart-beat (an end of line alone). */
export type StompFrame = { command: string; headers: Record<string, string>; body: string } | { command: null };

/** Reads one WebSocket frame as exactly one STOMP frame (or a heart-beat); throws with the reason. */
export function parseStompFrame(data: Payload): StompFrame {
  const frames: IRawFrameType[] = [];
  let pings = 0;
  const parser = new Parser(
    (frame) => frames.push(frame),
    () => pings++,
  );
  parser.parseChunk(data);
  if (frames.length === 0) {
    if (pings > 0) return { command: null };
    throw new Error('no complete frame: a STOMP frame ends with a NUL byte');
  }
  if (frames.length > 1) throw new Error(`${frames.length} frames in one WebSocket message`);
  const raw = frames[0]!;
  const command = raw.command ?? '';
  if (!/^[A-Z]+$/.test(command)) throw new Error(`not a STOMP command: ${JSON.stringify(command.slice(0, 40))}`);
  const headers: Record<string, string> = {};
  // NOTE: the first of a repeated header wins (STOMP 1.2 §Repeated Header Entries).
  for (const [key, value] of raw.headers) if (!(key in headers)) headers[key] = value;
  return { command, headers, body: new TextDecoder().decode(raw.binaryBody) };
}

/** Decodes a frame for display: command, destination and body. */
export function decodeStomp(data: Payload): DecodedFrame {
  try {
    const frame = parseStompFrame(data);
    if (frame.command === null) return { summary: 'heart-beat', tree: { heartBeat: true }, error: null };
    const where = frame.headers.destination ? ` ${frame.headers.destination}` : '';
    const message = frame.headers.message ? ` ${frame.headers.message}` : '';
    const body = frame.body ? ` ${frame.body}` : '';
    return { summary: `${frame.command}${where}${message}${body}`, tree: frame, error: null };
  } catch (error) {
    return { summary: '', tree: null, error: `Not STOMP: ${messageOf(error)}` };
  }
}

/** A frame written by @stomp/stompjs, the NUL terminator included. */
export function stompFrame(command: string, headers: Record<string, string>, body = ''): string {
  return String(FrameImpl.marshall({ command, headers, body, skipContentLengthHeader: true }));
}

/** The heart-beat STOMP sends when there is nothing else to send: an end of line. */
export const HEART_BEAT = '\n';
