// Characters that never need quoting in a POSIX shell word.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

// Marks an environment variable inside a word (a redacted secret); control characters never come from a checked URL.
const ENV_MARK = '\u0001';
const ENV_IN_WORD = new RegExp(`${ENV_MARK}([A-Za-z_][A-Za-z0-9_]*)${ENV_MARK}`, 'g');

/** An environment variable's name for a secret's name: `access_token` → `ACCESS_TOKEN`, `user-info` → `USER_INFO`. */
export function envName(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (upper === '') return 'SECRET';
  return /^[0-9]/.test(upper) ? `S_${upper}` : upper;
}

/** A stand-in for `$NAME` inside a word: shellQuote writes it as `"$NAME"` so the shell expands it. */
export function envMark(name: string): string {
  return `${ENV_MARK}${envName(name)}${ENV_MARK}`;
}

/** The word with each envMark written as `$NAME`, for languages other than the shell. */
export function envMarksAsText(word: string): string {
  return word.replace(ENV_IN_WORD, (_all, name: string) => `$${name}`);
}

/** The environment variables (`NAME`) that envMark put in these words, once each. */
export function envMarksIn(words: readonly string[]): string[] {
  const names = new Set<string>();
  for (const word of words) for (const m of word.matchAll(ENV_IN_WORD)) names.add(m[1]!);
  return [...names];
}

function quoteLiteral(word: string): string {
  if (word === '') return "''";
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Quotes one argument for a POSIX shell (sh, bash, zsh): safe words stay bare, anything else is
 * wrapped in single quotes, inside which nothing is special except `'` itself (written `'\''`).
 * An envMark becomes `"$NAME"`, joined to the quoted rest, so the shell fills the secret in.
 */
export function shellQuote(word: string): string {
  if (!word.includes(ENV_MARK)) return quoteLiteral(word);
  const parts = word.split(ENV_IN_WORD);
  // split with a capture group: even indexes are literal text, odd ones variable names.
  return parts.map((part, i) => (i % 2 === 1 ? `"$${part}"` : part === '' ? '' : quoteLiteral(part))).join('') || "''";
}

/** Quotes every argument and joins them with spaces. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
