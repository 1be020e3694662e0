/**
 * Makes characters that hide or disguise text visible: bidi controls (U+061C, U+202A-U+202E,
 * U+2066-U+2069), zero-width characters and the BOM (U+200B-U+200F, U+2060, U+FEFF), C0 and C1
 * controls other than tab and newline (a carriage return before a line feed counts as part of the
 * newline), DEL, U+2028/U+2029 and lone surrogates each become one marker such as `⟨U+202E⟩`.
 *
 * ANSI escape sequences (`ESC [ 31 m`) show as the marker for ESC, `⟨U+001B⟩`, followed by the
 * rest of the sequence as the plain text it is (`[31m`): what the server sent, with nothing hidden.
 *
 * NOTE: this runs for on-screen text only (rows render only visible entries); text with nothing to
 * mark costs one regex test and comes back as the same string.
 */

const HIDDEN_SOURCE = String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`;

const HIDDEN_TEST = new RegExp(HIDDEN_SOURCE);
const HIDDEN_ALL = new RegExp(HIDDEN_SOURCE, 'g');

/** The marker shown in place of one hidden character (always contains `U+` and its hex code). */
export function markerFor(char: string): string {
  return `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Whether the text holds anything `visibleText` would mark. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_TEST.test(text);
}

/** The text with every hidden or disguising character replaced by its visible marker; never throws. */
export function visibleText(text: string): string {
  if (!HIDDEN_TEST.test(text)) return text;
  return text.replace(HIDDEN_ALL, markerFor);
}
