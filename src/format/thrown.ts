/**
 * The message of anything thrown: an Error's own message (a DOMException's too), the message of
 * anything else that carries one, or whatever else was thrown as text.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  // NOTE: not every realm makes DOMException an Error (jsdom does not), and some code throws plain objects.
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return String(error);
}
