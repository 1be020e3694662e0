/** What decoding a binary payload gives: a JSON-safe value to show, or where (byte offset) and why it failed. */
export type DecodeResult = { ok: true; value: unknown } | { ok: false; error: string; offset: number | null };

/** A failed decode, its message naming the byte offset when one is known. */
export function decodeFailure(why: string, offset: number | null): DecodeResult {
  return { ok: false, error: offset === null ? why : `At byte ${offset}: ${why}`, offset };
}
