import { fail, ok, type ParseResult } from '../codecs/result';
import { utf8ByteLength } from '../codecs/utf8';

/** Maximum close reason length: a control frame payload is 125 bytes, 2 of which hold the code. */
export const MAX_CLOSE_REASON_BYTES = 123;

const NAMES: Record<number, string> = {
  1000: 'Normal Closure',
  1001: 'Going Away',
  1002: 'Protocol Error',
  1003: 'Unsupported Data',
  1004: 'Reserved',
  1005: 'No Status Received',
  1006: 'Abnormal Closure',
  1007: 'Invalid Frame Payload Data',
  1008: 'Policy Violation',
  1009: 'Message Too Big',
  1010: 'Mandatory Extension',
  1011: 'Internal Error',
  1012: 'Service Restart',
  1013: 'Try Again Later',
  1014: 'Bad Gateway',
  1015: 'TLS Handshake',
};

const EXPLANATIONS: Record<number, string> = {
  1005:
    'The close frame carried no status code.',
  1006:
    'The connection closed without a close frame; the browser hides the cause from the page (its console ' +
    'names it; through the local agent, the error entry above names it). Usual causes: the server is unreachable, the connection was refused, the handshake was ' +
    'answered with an HTTP error or a subprotocol or extension the page did not offer, a TLS/certificate ' +
    'failure, a proxy or firewall cutting the connection, a frame the browser rejects, or the server ' +
    'crashing or dropping the TCP connection without a close frame.',
  1009: 'A message was larger than the other side accepts.',
  1011: 'The server hit an unexpected condition while handling the connection.',
  1015: 'The TLS handshake failed, e.g. the server certificate could not be verified.',
};

/** Standard name (and, for common puzzling codes, an explanation) of a WebSocket close code. */
export function describeCloseCode(code: number): { name: string; explanation?: string } {
  const name = NAMES[code];
  if (name !== undefined) {
    const explanation = EXPLANATIONS[code];
    return explanation === undefined ? { name } : { name, explanation };
  }
  if (!Number.isInteger(code)) return { name: 'Invalid' };
  if (code >= 0 && code <= 999) return { name: 'Not used' };
  if (code >= 1016 && code <= 2999) return { name: 'Unassigned (reserved for the WebSocket protocol)' };
  if (code >= 3000 && code <= 3999) return { name: 'Registered (libraries, frameworks, applications)' };
  if (code >= 4000 && code <= 4999) return { name: 'Private use' };
  return { name: 'Invalid' };
}

/** Checks a close code typed by the user: empty means none; otherwise 1000 or 3000-4999, as browsers allow. */
export function checkCloseCode(input: string): ParseResult<number | undefined> {
  const text = input.trim();
  if (text === '') return ok(undefined);
  if (!/^-?\d+$/.test(text)) return fail(`Close code must be a whole number, got "${text}"`);
  const code = Number(text);
  // NOTE: WebSocket.close() throws InvalidAccessError for anything else.
  if (code !== 1000 && !(code >= 3000 && code <= 4999)) {
    return fail(`Close code ${text} cannot be sent by a browser: use 1000 or 3000-4999`);
  }
  return ok(code);
}

/** Checks that a close reason fits in 123 UTF-8 bytes. */
export function checkCloseReason(reason: string): ParseResult<string> {
  const bytes = utf8ByteLength(reason);
  if (bytes > MAX_CLOSE_REASON_BYTES) {
    return fail(`Close reason is ${bytes} bytes in UTF-8; the limit is ${MAX_CLOSE_REASON_BYTES}`);
  }
  return ok(reason);
}
