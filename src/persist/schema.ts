/**
 * The stored format (schema 2): its types and its one valibot schema. Every value read from
 * localStorage goes through validateState: the envelope must match, and each record is checked on
 * its own, so one bad history entry or saved message is skipped and reported, the rest kept.
 */
import * as v from 'valibot';
import type { MessageFormat } from '../compose/formats';
import { sortEndpoints, type RecentEndpoint } from '../store/historyStore';
import type { SavedMessage } from '../store/savedMessagesStore';
import { defaultPrefs, SECTION_DEFAULTS, THEMES, type OpenSections, type SectionId, type Theme } from '../look/prefs';
import { describeIssues, FormatSchema, keepValid, LIMITS, nameOf, textOf, TimeSchema } from './bounds';

export const STORAGE_KEY = 'websocket-tester:state';
/** Where an unreadable stored value is kept when it is reset, so nothing is silently lost. */
export const BACKUP_KEY = `${STORAGE_KEY}:unreadable`;
export const SCHEMA_VERSION = 2;

export interface PersistedDrafts {
  url: string;
  subprotocols: string;
  message: string;
  format: MessageFormat;
}

export interface PersistedSettings {
  /** Endpoints (see endpointKey) whose secret-looking query parameters are stored. */
  rememberSecretsFor: string[];
  /** The Theme choice (absent in what older pages wrote). */
  theme?: Theme;
  /** Which side-panel sections are open. */
  sections?: OpenSections;
  /** endpointKey (no query, no user-info) → the Protobuf Message type chosen for it ('' for raw). */
  protoTypes?: Record<string, string>;
}

/** A deletion remembered so that another browser tab's copy of the record does not bring it back. */
export interface Tombstone {
  /** A saved message's id, or a recent endpoint's endpointRecordKey. */
  id: string;
  /** When it was deleted (epoch ms). */
  at: number;
}

export interface PersistedState {
  version: typeof SCHEMA_VERSION;
  /** Drafts of each connection tab, in tab order. */
  tabs: PersistedDrafts[];
  saved: SavedMessage[];
  history: RecentEndpoint[];
  deleted: { saved: Tombstone[]; history: Tombstone[] };
  settings: PersistedSettings;
}

/** The state of a page that has stored nothing yet. */
export function emptyState(): PersistedState {
  return { version: SCHEMA_VERSION, tabs: [], saved: [], history: [], deleted: { saved: [], history: [] }, settings: { rememberSecretsFor: [] } };
}

/** The identity of a recent endpoint across browser tabs: URL and subprotocols. */
export function endpointRecordKey(e: { url: string; subprotocols: string }): string {
  return `${e.url}\n${e.subprotocols}`;
}

const TabSchema = v.object({
  url: v.optional(textOf(LIMITS.url), ''),
  subprotocols: v.optional(textOf(LIMITS.subprotocols), ''),
  message: v.optional(textOf(LIMITS.text), ''),
  format: v.optional(FormatSchema, 'text'),
});

const SavedSchema = v.object({
  id: nameOf(LIMITS.id),
  name: nameOf(LIMITS.name),
  folder: v.optional(v.pipe(textOf(LIMITS.folder), v.trim()), ''),
  body: textOf(LIMITS.text),
  format: v.optional(FormatSchema, 'text'),
  createdAt: TimeSchema,
  updatedAt: TimeSchema,
});

const EndpointSchema = v.object({
  url: nameOf(LIMITS.url),
  subprotocols: v.optional(textOf(LIMITS.subprotocols), ''),
  at: TimeSchema,
});

const TombstoneSchema = v.object({ id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(LIMITS.url + LIMITS.subprotocols + 1)), at: TimeSchema });

const list = v.optional(v.array(v.unknown(), 'not a list'), []);

/** The envelope: lists are checked item by item in validateState. */
const EnvelopeSchema = v.object({
  version: v.literal(SCHEMA_VERSION),
  tabs: list,
  saved: list,
  history: list,
  deleted: v.optional(v.object({ saved: list, history: list }, 'not an object'), { saved: [], history: [] }),
  settings: v.optional(v.object({ rememberSecretsFor: list, theme: v.optional(v.unknown()), sections: v.optional(v.unknown()), protoTypes: v.optional(v.unknown()) }, 'not an object'), {
    rememberSecretsFor: [],
  }),
});

const ThemeSchema = v.picklist(
  THEMES.map((t) => t.value),
  `not one of ${THEMES.map((t) => t.value).join(', ')}`,
);
const SectionsSchema = v.object(
  Object.fromEntries(Object.keys(SECTION_DEFAULTS).map((key) => [key, v.optional(v.boolean('not true or false'))])) as Record<SectionId, v.OptionalSchema<v.BooleanSchema<string>, undefined>>,
  'not an object',
);

/**
 * The stored look settings, each only when stored (pages before them wrote none): a bad theme or
 * section flag falls back to its default and is listed in `dropped`.
 */
function lookSettings(theme: unknown, sections: unknown, dropped: string[]): Pick<PersistedSettings, 'theme' | 'sections'> {
  const defaults = defaultPrefs();
  const look: Pick<PersistedSettings, 'theme' | 'sections'> = {};
  if (theme !== undefined) {
    const t = v.safeParse(ThemeSchema, theme);
    if (!t.success) dropped.push(`the theme (${describeIssues(t.issues)})`);
    look.theme = t.success ? t.output : defaults.theme;
  }
  if (sections !== undefined) {
    const s = v.safeParse(SectionsSchema, sections);
    if (!s.success) dropped.push(`the open sections (${describeIssues(s.issues)})`);
    const open = s.success ? s.output : {};
    look.sections = Object.fromEntries(Object.entries(defaults.sections).map(([key, value]) => [key, open[key as SectionId] ?? value])) as OpenSections;
  }
  return look;
}

/** A Protobuf full type name (`pkg.Message.Nested`), or '' for the raw view. */
const ProtoTypeSchema = v.pipe(
  v.string('not text'),
  v.maxLength(LIMITS.protoTypeName, `longer than ${LIMITS.protoTypeName} characters`),
  v.regex(/^$|^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'not a message type name'),
);

/** The remembered Message type per endpoint: bad entries (and any past LIMITS.protoTypes) are dropped and listed. */
function protoTypesSetting(raw: unknown, dropped: string[]): Pick<PersistedSettings, 'protoTypes'> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    dropped.push('the Protobuf message types (not an object)');
    return {};
  }
  const kept: Record<string, string> = {};
  let bad = 0;
  for (const [key, value] of Object.entries(raw)) {
    const type = v.safeParse(ProtoTypeSchema, value);
    if (!type.success || key === '' || key === '__proto__' || key.length > LIMITS.url || Object.keys(kept).length >= LIMITS.protoTypes) bad++;
    else kept[key] = type.output;
  }
  if (bad) dropped.push(`${bad} Protobuf message types (a bad endpoint or type name, or more than ${LIMITS.protoTypes})`);
  return { protoTypes: kept };
}

export interface Validated {
  state: PersistedState;
  /** What was skipped, e.g. `1 recent endpoint ("at": a time between…)`; empty when nothing was. */
  dropped: string[];
}

/** Checks a schema-2 object; a bad envelope is an error, a bad record is skipped and listed. */
export function validateState(data: unknown): { ok: true; value: Validated } | { ok: false; error: string } {
  const envelope = v.safeParse(EnvelopeSchema, data);
  if (!envelope.success) {
    const issue = envelope.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    return { ok: false, error: path ? `"${path}" is ${issue?.message}` : (issue?.message ?? 'unknown shape') };
  }
  const e = envelope.output;
  const dropped: string[] = [];
  const keep = <T>(raw: readonly unknown[], schema: v.GenericSchema<unknown, T>, max: number, what: string): T[] => {
    const kept = keepValid(raw, schema, max, (i) => `#${i + 1}`);
    if (kept.dropped) dropped.push(`${kept.dropped} ${what} (${kept.problems.join('; ')})`);
    return kept.items;
  };
  const saved = dedupeById(keep(e.saved, SavedSchema, LIMITS.saved, 'saved messages'));
  const state: PersistedState = {
    version: SCHEMA_VERSION,
    tabs: keep(e.tabs, TabSchema, LIMITS.tabs, 'tab drafts'),
    saved,
    history: sortEndpoints(keep(e.history, EndpointSchema, LIMITS.history, 'recent endpoints')),
    deleted: {
      saved: keep(e.deleted.saved, TombstoneSchema, LIMITS.tombstones, 'deleted-message marks'),
      history: keep(e.deleted.history, TombstoneSchema, LIMITS.tombstones, 'deleted-endpoint marks'),
    },
    settings: {
      rememberSecretsFor: keep(e.settings.rememberSecretsFor, nameOf(LIMITS.url), LIMITS.rememberSecretsFor, 'remembered-secret endpoints'),
      ...lookSettings(e.settings.theme, e.settings.sections, dropped),
      ...protoTypesSetting(e.settings.protoTypes, dropped),
    },
  };
  return { ok: true, value: { state, dropped } };
}

/** Two records with one id (a hand-edited store): the newer wins, so ids stay unique. */
function dedupeById(items: SavedMessage[]): SavedMessage[] {
  const byId = new Map<string, SavedMessage>();
  for (const item of items) {
    const other = byId.get(item.id);
    if (!other || item.updatedAt > other.updatedAt) byId.set(item.id, item);
  }
  return byId.size === items.length ? items : [...byId.values()];
}
