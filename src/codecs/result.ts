/** Outcome of parsing user input: the value, or a human-readable error message. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Wraps a successfully parsed value. */
export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** Wraps an error message; assignable to any ParseResult<T>. */
export const fail = (error: string): ParseResult<never> => ({ ok: false, error });
