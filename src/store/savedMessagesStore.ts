import { isMessageFormat } from '../compose/formats';
import { create } from 'zustand';
import type { MessageFormat } from './logEntry';

/** A message kept for reuse; shared by every connection tab. */
export interface SavedMessage {
  id: string;
  name: string;
  /** '' for no folder. */
  folder: string;
  body: string;
  format: MessageFormat;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface SavedMessagesState {
  items: SavedMessage[];
}


/** The saved messages, not per connection. */
export const useSavedMessages = create<SavedMessagesState>()(() => ({ items: [] }));

const DEFAULT_NAME_LENGTH = 30;

/** The name offered when saving: the body's first ~30 characters on one line, or `Untitled`. */
export function defaultMessageName(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (!line) return 'Untitled';
  const chars = Array.from(line);
  return chars.length > DEFAULT_NAME_LENGTH ? `${chars.slice(0, DEFAULT_NAME_LENGTH).join('').trimEnd()}…` : line;
}

let nextId = 0;
const newId = () => `m${Date.now().toString(36)}-${(++nextId).toString(36)}`;

/**
 * Saves a message. A message with the same name in the same folder is replaced (saving again updates it).
 * Returns the saved item.
 */
export function saveMessage(input: { name: string; folder?: string; body: string; format: MessageFormat }, at = Date.now()): SavedMessage {
  const name = input.name.trim() || defaultMessageName(input.body);
  const folder = (input.folder ?? '').trim();
  const existing = useSavedMessages.getState().items.find((m) => m.name === name && m.folder === folder);
  const item: SavedMessage = { id: existing?.id ?? newId(), name, folder, body: input.body, format: input.format, createdAt: existing?.createdAt ?? at };
  useSavedMessages.setState((s) => ({
    items: existing ? s.items.map((m) => (m.id === existing.id ? item : m)) : [...s.items, item],
  }));
  return item;
}

export function renameMessage(id: string, name: string): void {
  const trimmed = name.trim();
  if (!trimmed) return;
  useSavedMessages.setState((s) => ({ items: s.items.map((m) => (m.id === id ? { ...m, name: trimmed } : m)) }));
}

export function deleteMessage(id: string): void {
  useSavedMessages.setState((s) => ({ items: s.items.filter((m) => m.id !== id) }));
}

export function replaceSavedMessages(items: SavedMessage[]): void {
  useSavedMessages.setState({ items });
}

/** Case-insensitive match on name, folder and body. */
export function searchMessages(items: readonly SavedMessage[], query: string): SavedMessage[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...items];
  return items.filter((m) => m.name.toLowerCase().includes(q) || m.folder.toLowerCase().includes(q) || m.body.toLowerCase().includes(q));
}

/** Items grouped by folder: no folder first, then folders alphabetically; items by name within each. */
export function groupByFolder(items: readonly SavedMessage[]): { folder: string; items: SavedMessage[] }[] {
  const groups = new Map<string, SavedMessage[]>();
  for (const item of items) {
    const list = groups.get(item.folder);
    if (list) list.push(item);
    else groups.set(item.folder, [item]);
  }
  const byName = (a: SavedMessage, b: SavedMessage) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })))
    .map(([folder, list]) => ({ folder, items: list.sort(byName) }));
}

// ---------------------------------------------------------------------------
// Export and import (JSON)
// ---------------------------------------------------------------------------

export const EXPORT_KIND = 'websocket-tester/saved-messages';

export interface SavedMessagesFile {
  kind: typeof EXPORT_KIND;
  version: 1;
  exportedAt: string;
  messages: { name: string; folder: string; body: string; format: MessageFormat }[];
}

export function exportSavedMessages(items: readonly SavedMessage[] = useSavedMessages.getState().items, at = Date.now()): string {
  const file: SavedMessagesFile = {
    kind: EXPORT_KIND,
    version: 1,
    exportedAt: new Date(at).toISOString(),
    messages: items.map(({ name, folder, body, format }) => ({ name, folder, body, format })),
  };
  return JSON.stringify(file, null, 2);
}

type Parsed = { ok: true; messages: SavedMessagesFile['messages'] } | { ok: false; error: string };

/** Checks an exported file (or a bare array of messages); the error names the first problem found. */
export function parseSavedMessagesFile(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `the file is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  let list: unknown;
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object' && 'messages' in data) {
    const kind = (data as { kind?: unknown }).kind;
    if (kind !== undefined && kind !== EXPORT_KIND) return { ok: false, error: `the file is a ${JSON.stringify(kind)} file, not saved messages` };
    const version = (data as { version?: unknown }).version;
    if (version !== undefined && version !== 1) return { ok: false, error: `the file has version ${JSON.stringify(version)}; this page reads version 1` };
    list = (data as { messages: unknown }).messages;
  } else {
    return { ok: false, error: 'the file has no "messages" list' };
  }
  if (!Array.isArray(list)) return { ok: false, error: '"messages" is not a list' };
  const messages: SavedMessagesFile['messages'] = [];
  for (const [index, raw] of list.entries()) {
    const where = `message ${index + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: `${where} is not an object` };
    const { name, folder, body, format } = raw as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) return { ok: false, error: `${where} has no "name"` };
    if (typeof body !== 'string') return { ok: false, error: `${where} ("${name}") has no text "body"` };
    if (folder !== undefined && typeof folder !== 'string') return { ok: false, error: `${where} ("${name}") has a "folder" that is not text` };
    const fmt = format === undefined ? 'text' : format;
    if (!isMessageFormat(fmt)) return { ok: false, error: `${where} ("${name}") has format ${JSON.stringify(format)}; use text, json, hex or base64` };
    messages.push({ name: name.trim(), folder: (folder ?? '').trim(), body, format: fmt });
  }
  return { ok: true, messages };
}

export type ImportResult = { ok: true; added: number; skipped: number } | { ok: false; error: string };

/** Merges a file's messages into the saved ones, skipping exact duplicates (same name, folder, body and format). */
export function importSavedMessages(text: string, at = Date.now()): ImportResult {
  const parsed = parseSavedMessagesFile(text);
  if (!parsed.ok) return parsed;
  const items = [...useSavedMessages.getState().items];
  const key = (m: { name: string; folder: string; body: string; format: string }) => JSON.stringify([m.name, m.folder, m.body, m.format]);
  const seen = new Set(items.map(key));
  let added = 0;
  let skipped = 0;
  for (const m of parsed.messages) {
    const k = key(m);
    if (seen.has(k)) {
      skipped++;
      continue;
    }
    seen.add(k);
    items.push({ id: newId(), createdAt: at, ...m });
    added++;
  }
  if (added) useSavedMessages.setState({ items });
  return { ok: true, added, skipped };
}
