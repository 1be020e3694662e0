// @ts-check
/**
 * The agent's wire format toward the page, shared by the agent and its tests: control messages
 * are JSON text frames; data travels in binary frames with a 5-byte header (kind, upstream id),
 * so a firehose costs one small copy per message and no JSON at all.
 */

/** Data frame kinds (first byte). */
export const DATA_TEXT = 0;
export const DATA_BINARY = 1;
/** Bytes before the payload of a data frame: kind (u8), upstream id (u32, big-endian). */
export const DATA_HEADER_BYTES = 5;
/** The subprotocol the control connection speaks; the token travels as a second offer `token.<hex>`. */
export const AGENT_PROTOCOL = 'ws-tester-agent.v1';
export const TOKEN_PREFIX = 'token.';

/** A data frame: header then payload. */
export function encodeData(/** @type {number} */ kind, /** @type {number} */ id, /** @type {Buffer} */ payload) {
  const frame = Buffer.allocUnsafe(DATA_HEADER_BYTES + payload.length);
  frame[0] = kind;
  frame.writeUInt32BE(id, 1);
  payload.copy(frame, DATA_HEADER_BYTES);
  return frame;
}

/** Reads a data frame's header; null when it is too short or of an unknown kind. */
export function decodeData(/** @type {Buffer} */ frame) {
  if (frame.length < DATA_HEADER_BYTES) return null;
  const kind = frame[0];
  if (kind !== DATA_TEXT && kind !== DATA_BINARY) return null;
  return { kind, id: frame.readUInt32BE(1), payload: frame.subarray(DATA_HEADER_BYTES) };
}
