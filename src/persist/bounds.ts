/**
 * The bounds every value from outside the code is checked against (localStorage, imported saved
 * messages): times, text lengths and list counts, as valibot schemas. One home, so the stored
 * format and the import format cannot drift apart.
 */
import * as v from 'valibot';
import { MESSAGE_FORMATS } from '../compose/formats';

export const LIMITS = {
  /** A message body or draft: localStorage holds about 5 million characters per origin anyway. */
  text: 5_000_000,
  name: 200,
  folder: 200,
  url: 65_536,
  subprotocols: 4_096,
  id: 128,
  tabs: 50,
  saved: 5_000,
  /** Recent endpoints kept in storage (the store shows 20). */
  history: 100,
  /** Deletions remembered for other browser tabs, per kind. */
  tombstones: 2_000,
  rememberSecretsFor: 500,
  /** Endpoints whose Protobuf Message type is remembered, and the length of a type's full name. */
  protoTypes: 500,
  protoTypeName: 512,
} as const;

/** 2000-01-01T00:00:00Z: nothing this page stored is older. */
export const TIME_MIN = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/** A finite epoch-ms time between 2000 and a day from now (a clock may be a little ahead). */
export function isPlausibleTime(value: number): boolean {
  return Number.isFinite(value) && value >= TIME_MIN && value <= Date.now() + DAY_MS;
}

/** Epoch milliseconds, range-checked by isPlausibleTime. */
export const TimeSchema = v.pipe(v.number(), v.check(isPlausibleTime, 'a time between the year 2000 and tomorrow'));

/** A string of at most `max` characters. */
export const textOf = (max: number) => v.pipe(v.string(), v.maxLength(max, `longer than ${max} characters`));

/** A non-blank string of at most `max` characters, trimmed. */
export const nameOf = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty('empty'), v.maxLength(max, `longer than ${max} characters`));

/** One of the composer's formats. */
export const FormatSchema = v.picklist(
  MESSAGE_FORMATS.map((f) => f.value),
  `not one of ${MESSAGE_FORMATS.map((f) => f.value).join(', ')}`,
);

/** `issues` of a failed safeParse as one short line: `"name": empty`. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `"${path}": ${issue.message}` : issue.message;
    })
    .join('; ');
}

export interface KeptList<T> {
  items: T[];
  /** How many items failed their schema or were past the count bound. */
  dropped: number;
  /** The first few problems, for a notice. */
  problems: string[];
}

const MAX_PROBLEMS = 5;

/**
 * Keeps the items of an untrusted list that pass `schema`, at most `max` of them; the rest are
 * counted, the first few problems described (`label(index)` names an item).
 */
export function keepValid<T>(list: readonly unknown[], schema: v.GenericSchema<unknown, T>, max: number, label: (index: number) => string): KeptList<T> {
  const items: T[] = [];
  const problems: string[] = [];
  let dropped = 0;
  for (const [index, raw] of list.entries()) {
    if (items.length >= max) {
      dropped += list.length - index;
      if (problems.length < MAX_PROBLEMS) problems.push(`more than ${max} items`);
      break;
    }
    const result = v.safeParse(schema, raw);
    if (result.success) items.push(result.output);
    else {
      dropped++;
      if (problems.length < MAX_PROBLEMS) problems.push(`${label(index)}: ${describeIssues(result.issues)}`);
    }
  }
  return { items, dropped, problems };
}
