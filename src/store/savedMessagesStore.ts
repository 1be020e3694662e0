/**
 * The saved messages: one zustand store shared by every connection tab (not per connection).
 * Records carry an id and `updatedAt`, so several browser tabs can merge them record by record
 * (see persist/merge.ts).
 */
import { create } from 'zustand';
import type { MessageFormat } from '../compose/formats';

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
  /** Milliseconds since the epoch of the last save or rename: the newer record wins a merge. */
  updatedAt: number;
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

/** A new record id; random, because two browser tabs saving in the same millisecond must not collide. */
export function newMessageId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `m-${random}`;
}

/**
 * Saves a message. A message with the same name in the same folder is replaced (saving again updates it).
 * Returns the saved item.
 */
export function saveMessage(input: { name: string; folder?: string; body: string; format: MessageFormat }, at = Date.now()): SavedMessage {
  const name = input.name.trim() || defaultMessageName(input.body);
  const folder = (input.folder ?? '').trim();
  const existing = useSavedMessages.getState().items.find((m) => m.name === name && m.folder === folder);
  const item: SavedMessage = {
    id: existing?.id ?? newMessageId(), name, folder, body: input.body, format: input.format, createdAt: existing?.createdAt ?? at, updatedAt: at,
  };
  useSavedMessages.setState((s) => ({
    items: existing ? s.items.map((m) => (m.id === existing.id ? item : m)) : [...s.items, item],
  }));
  return item;
}

/** Renames a saved message; an empty name is ignored. */
export function renameMessage(id: string, name: string, at = Date.now()): void {
  const trimmed = name.trim();
  if (!trimmed) return;
  useSavedMessages.setState((s) => ({ items: s.items.map((m) => (m.id === id ? { ...m, name: trimmed, updatedAt: at } : m)) }));
}

/** Deletes a saved message. */
export function deleteMessage(id: string): void {
  useSavedMessages.setState((s) => ({ items: s.items.filter((m) => m.id !== id) }));
}

/** Replaces every saved message (restoring from storage, merging another browser tab's). */
export function replaceSavedMessages(items: SavedMessage[]): void {
  useSavedMessages.setState({ items });
}

/** Adds records as they are (an import); returns how many were added. */
export function addSavedMessages(items: readonly SavedMessage[]): number {
  if (items.length) useSavedMessages.setState((s) => ({ items: [...s.items, ...items] }));
  return items.length;
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
