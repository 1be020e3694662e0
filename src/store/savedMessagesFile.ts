/**
 * The saved-messages file (Export / Import saved messages): writing it, and reading an untrusted one
 * through one valibot schema with bounded counts and sizes. Bad items are reported and skipped; the
 * rest are imported.
 */
import * as v from 'valibot';
import { fail, ok, type ParseResult } from '../codecs/result';
import { MESSAGE_FORMATS, type MessageFormat } from '../compose/formats';
import { keepValid, LIMITS } from '../persist/bounds';
import { addSavedMessages, newMessageId, useSavedMessages, type SavedMessage } from './savedMessagesStore';
import { messageOf } from '../format/thrown';

export const EXPORT_KIND = 'websocket-tester/saved-messages';

/** One message as the file carries it. */
export interface FileMessage {
  name: string;
  folder: string;
  body: string;
  format: MessageFormat;
}

export interface SavedMessagesFile {
  kind: typeof EXPORT_KIND;
  version: 1;
  exportedAt: string;
  messages: FileMessage[];
}

/** The most messages one file may carry (the store keeps at most as many). */
export const MAX_IMPORTED_MESSAGES = LIMITS.saved;

/** The file's JSON text for these messages. */
export function exportSavedMessages(items: readonly SavedMessage[] = useSavedMessages.getState().items, at = Date.now()): string {
  const file: SavedMessagesFile = {
    kind: EXPORT_KIND,
    version: 1,
    exportedAt: new Date(at).toISOString(),
    messages: items.map(({ name, folder, body, format }) => ({ name, folder, body, format })),
  };
  return JSON.stringify(file, null, 2);
}

const formats = MESSAGE_FORMATS.map((f) => f.value).join(', ');

const FileMessageSchema = v.object({
  name: v.pipe(v.string('missing or not text'), v.trim(), v.nonEmpty('empty'), v.maxLength(LIMITS.name, `longer than ${LIMITS.name} characters`)),
  folder: v.optional(v.pipe(v.string('not text'), v.trim(), v.maxLength(LIMITS.folder, `longer than ${LIMITS.folder} characters`)), ''),
  body: v.pipe(v.string('missing or not text'), v.maxLength(LIMITS.text, `longer than ${LIMITS.text} characters`)),
  format: v.optional(
    v.picklist(MESSAGE_FORMATS.map((f) => f.value), (issue) => `format ${JSON.stringify(issue.input)} is not one of ${formats}`),
    'text',
  ),
});

const FileSchema = v.looseObject({
  kind: v.optional(v.literal(EXPORT_KIND, (issue) => `the file is a ${JSON.stringify(issue.input)?.slice(0, 60)} file, not saved messages`)),
  version: v.optional(v.literal(1, (issue) => `the file has version ${JSON.stringify(issue.input)?.slice(0, 20)}; this page reads version 1`)),
  messages: v.array(v.unknown(), '"messages" is not a list'),
});

export interface ParsedFile {
  messages: FileMessage[];
  /** Items that failed the schema (or were past the count bound), skipped. */
  invalid: number;
  /** The first few of their problems. */
  problems: string[];
}

/** Reads an exported file (or a bare array of messages); bad items are skipped and described. */
export function parseSavedMessagesFile(text: string): ParseResult<ParsedFile> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`the file is not valid JSON (${messageOf(error)})`);
  }
  let list: unknown[];
  if (Array.isArray(data)) list = data;
  else if (!data || typeof data !== 'object' || !('messages' in data)) return fail('the file has no "messages" list');
  else {
    const file = v.safeParse(FileSchema, data);
    if (!file.success) return fail(file.issues[0]?.message ?? 'the file has an unknown shape');
    list = file.output.messages;
  }
  const kept = keepValid(list, FileMessageSchema, MAX_IMPORTED_MESSAGES, (index) => `message ${index + 1}`);
  return ok({ messages: kept.items, invalid: kept.dropped, problems: kept.problems });
}

export type ImportResult = ParseResult<{ added: number; skipped: number; invalid: number; problems: string[] }>;

/** Merges a file's messages into the saved ones, skipping exact duplicates (same name, folder, body and format). */
export function importSavedMessages(text: string, at = Date.now()): ImportResult {
  const parsed = parseSavedMessagesFile(text);
  if (!parsed.ok) return parsed;
  const key = (m: FileMessage) => JSON.stringify([m.name, m.folder, m.body, m.format]);
  const existing = useSavedMessages.getState().items;
  const seen = new Set(existing.map(key));
  const room = Math.max(0, LIMITS.saved - existing.length);
  const fresh: SavedMessage[] = [];
  let skipped = 0;
  let invalid = parsed.value.invalid;
  const problems = [...parsed.value.problems];
  for (const m of parsed.value.messages) {
    const k = key(m);
    if (seen.has(k)) {
      skipped++;
      continue;
    }
    if (fresh.length >= room) {
      invalid++;
      if (problems.length < 5) problems.push(`more than ${LIMITS.saved} saved messages in all`);
      continue;
    }
    seen.add(k);
    fresh.push({ id: newMessageId(), createdAt: at, updatedAt: at, ...m });
  }
  const added = addSavedMessages(fresh);
  return ok({ added, skipped, invalid, problems });
}
