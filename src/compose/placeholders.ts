import { ok, type ParseResult } from '../codecs/result';
/**
 * Placeholders in a message body, filled in when the message is sent.
 * Expansion is plain text substitution: a name is looked up in a fixed table, never evaluated.
 */

/** The placeholders a message may use, in the order the help text lists them. */
export const PLACEHOLDER_NAMES = ['timestamp', 'iso', 'uuid', 'counter', 'random'] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/** One `{{name}}` found in a text; `start`/`end` are UTF-16 offsets of the whole `{{…}}`. */
export interface PlaceholderMatch {
  name: string;
  raw: string;
  start: number;
  end: number;
  known: boolean;
}

/** The values one send uses. `uuid` and `random` are called once per occurrence. */
export interface PlaceholderContext {
  /** Milliseconds since the epoch, for `{{timestamp}}` and `{{iso}}`. */
  now: number;
  /** This connection's counter, for `{{counter}}`. */
  counter: number;
  uuid: () => string;
  /** A number in [0, 1), as Math.random returns; `{{random}}` is an integer 0-999999 made from it. */
  random: () => number;
}


// `{{ name }}`: no braces inside, surrounding spaces allowed.
const PATTERN = /\{\{([^{}]*)\}\}/g;

const isKnown = (name: string): name is PlaceholderName => (PLACEHOLDER_NAMES as readonly string[]).includes(name);

/** Every `{{…}}` in the text, in order, known or not. */
export function findPlaceholders(text: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  if (!text.includes('{{')) return found;
  for (const match of text.matchAll(PATTERN)) {
    const name = (match[1] ?? '').trim();
    const start = match.index ?? 0;
    found.push({ name, raw: match[0], start, end: start + match[0].length, known: isKnown(name) });
  }
  return found;
}

/** True if the text has anything that looks like a placeholder. */
export function hasPlaceholders(text: string): boolean {
  return findPlaceholders(text).length > 0;
}

function valueOf(name: PlaceholderName, context: PlaceholderContext): string {
  switch (name) {
    case 'timestamp':
      return String(Math.trunc(context.now));
    case 'iso':
      return new Date(context.now).toISOString();
    case 'uuid':
      return context.uuid();
    case 'counter':
      return String(context.counter);
    case 'random':
      return String(Math.min(999_999, Math.max(0, Math.floor(context.random() * 1_000_000))));
  }
}

/**
 * Replaces every known placeholder with its value. Any unknown one makes the whole expansion fail
 * with an error naming it (the caller then sends nothing, e.g. alerting `Not sent: ${error}`). Substituted values are never re-scanned.
 */
export function expandPlaceholders(text: string, context: PlaceholderContext): ParseResult<string> {
  const matches = findPlaceholders(text);
  if (matches.length === 0) return ok(text);
  const unknown = [...new Set(matches.filter((m) => !m.known).map((m) => m.raw))];
  if (unknown.length > 0) {
    const list = unknown.join(', ');
    const known = PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(', ');
    return {
      ok: false,
      error: `Unknown placeholder${unknown.length > 1 ? 's' : ''} ${list}; the known ones are ${known}`,
    };
  }
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += text.slice(last, m.start) + valueOf(m.name as PlaceholderName, context);
    last = m.end;
  }
  return ok(out + text.slice(last));
}

/** Values for a real send: the clock now, a random UUID per occurrence, Math.random. */
export function livePlaceholderContext(counter: number, now: number = Date.now()): PlaceholderContext {
  return { now, counter, uuid: randomUuid, random: Math.random };
}

function randomUuid(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; fall back to getRandomValues (available everywhere).
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
