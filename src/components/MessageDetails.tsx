import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { toBase64 } from '../codecs/base64';
import { toHex } from '../codecs/hex';
import { parseJson } from '../codecs/json';
import type { ParseResult } from '../codecs/result';
import { decodeUtf8, truncateUtf8, utf8ByteLength } from '../codecs/utf8';
import { formatBytes } from '../format/bytes';
import { formatCount } from '../format/count';
import { formatDuration } from '../format/time';
import { downloadPayload } from '../log/downloadPayload';
import { explainClose } from '../log/entryText';
import { describeCloseCode } from '../protocol/closeCodes';
import { useSession } from '../store/appStore';
import { resend as resendEntry, selectEntry } from '../store/connectionActions';
import type { LogEntry } from '../store/logEntry';
import { getLog } from '../store/sessionReads';
import { HexDump } from './HexDump';
import { JsonTree } from './JsonTree';
import './MessageDetails.css';

/** Bytes of a payload the Text view puts into the page; the rest is only counted (Download has it all). */
export const TEXT_VIEW_MAX_BYTES = 256 * 1024;
/** Binary payloads up to this size are copied as hex; larger ones as (shorter) base64. */
export const COPY_HEX_MAX_BYTES = 1024 * 1024;

type Tab = 'text' | 'json' | 'hex';
const TABS: readonly { value: Tab; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Hex' },
];

const isMessage = (entry: LogEntry) => entry.kind === 'sent' || entry.kind === 'received';

/** Whether the first non-whitespace character opens an object or array (cheap, whatever the size). */
function startsLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 123 /* { */ || c === 91 /* [ */;
  }
  return false;
}

/** The payload parsed as JSON; binary payloads are tried as UTF-8 text. */
function parsePayload(entry: LogEntry): ParseResult<unknown> {
  if (typeof entry.data === 'string') return parseJson(entry.data);
  const { text, lossy } = decodeUtf8(new Uint8Array(entry.data));
  if (lossy) return { ok: false, error: 'The binary payload is not valid UTF-8 text, so it cannot be JSON.' };
  return parseJson(text);
}

/** The tab opened first: JSON for an object or array, Hex for binary, else Text. */
function defaultTab(entry: LogEntry, parsed: ParseResult<unknown> | null): Tab {
  if (typeof entry.data !== 'string') return 'hex';
  return parsed?.ok && typeof parsed.value === 'object' && parsed.value !== null ? 'json' : 'text';
}

const DIRECTIONS: Record<LogEntry['kind'], string> = {
  sent: 'outgoing (client → server)',
  received: 'incoming (server → client)',
  state: 'event (connection state)',
  close: 'event (connection closed)',
  error: 'event (error)',
  info: 'event (information)',
};

/**
 * Message details: everything about the selected log entry, its payload in Text, JSON and Hex views,
 * and Copy payload / Download payload / Resend. Close details (or Escape) clears the selection.
 */
export function MessageDetails({ id }: { id: string }) {
  const selectedSeq = useSession(id, (s) => s.selectedSeq);
  // NOTE: the log lives outside the store, but every change to it is followed by a store update,
  // so this re-reads the entry then; the entry object is stable, so nothing re-renders per frame.
  const entry = useSession(id, (s) => (s.selectedSeq === null ? undefined : getLog(id).bySeq(s.selectedSeq)));
  const sectionRef = useRef<HTMLElement>(null);

  const close = () => {
    const section = sectionRef.current;
    const hadFocus = !!section && section.contains(document.activeElement);
    const seq = selectedSeq;
    selectEntry(id, null);
    if (hadFocus) {
      // Give focus back to the entry's row (or the log) instead of losing it with the panel.
      const column = section.closest('.log-column') ?? document;
      const row = column.querySelector<HTMLElement>(`[role="log"] [data-seq="${seq}"]`);
      (row ?? column.querySelector<HTMLElement>('[role="log"]'))?.focus();
    }
  };
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });

  // Escape closes the panel from anywhere but a field the user is typing in (or a menu that handled it).
  const open = selectedSeq !== null;
  useEffect(() => {
    if (!open) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      const inPanel = !!target && !!sectionRef.current?.contains(target);
      if (!inPanel && target && target.closest('input, textarea, select, [contenteditable="true"]')) return;
      closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  if (selectedSeq === null) return null;
  return (
    <section
      ref={sectionRef}
      className={`message-details${entry && !isMessage(entry) ? ' message-details--event' : ''}`}
      role="region"
      aria-label="Message details"
    >
      <header className="message-details__head">
        <h2>
          {entry ? `${entry.kind === 'sent' || entry.kind === 'received' ? 'Message' : 'Entry'} #${formatCount(entry.seq)}` : `Entry #${formatCount(selectedSeq)}`}
        </h2>
        <button type="button" className="button message-details__close" aria-label="Close details" title="Close details (Escape)" onClick={close}>
          ✕
        </button>
      </header>
      {entry ? (
        <EntryDetails key={`${entry.seq}:${entry.at}`} id={id} entry={entry} />
      ) : (
        <p className="message-details__note">This entry is no longer kept in the log (it was trimmed or the log was cleared).</p>
      )}
    </section>
  );
}

function EntryDetails({ id, entry }: { id: string; entry: LogEntry }) {
  const message = isMessage(entry);
  const binary = typeof entry.data !== 'string';
  return (
    <div className="message-details__body">
      <dl className="message-details__meta">
        <div>
          <dt>Kind</dt>
          <dd>{entry.kind}</dd>
        </div>
        <div>
          <dt>Direction</dt>
          <dd>{DIRECTIONS[entry.kind]}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toISOString()}</time>
          </dd>
        </div>
        <SinceOpen id={id} entry={entry} />
        {message ? (
          <>
            <div>
              <dt>Size</dt>
              <dd>
                {formatCount(entry.size)} bytes{entry.size >= 1024 ? ` (${formatBytes(entry.size)})` : ''}
              </dd>
            </div>
            <div>
              <dt>Frame</dt>
              <dd>{binary ? 'binary' : 'text'}</dd>
            </div>
            {entry.format ? (
              <div>
                <dt>Written as</dt>
                <dd>{entry.format === 'json' ? 'JSON' : entry.format === 'text' ? 'Text' : entry.format === 'hex' ? 'Hex' : 'Base64'}</dd>
              </div>
            ) : null}
          </>
        ) : null}
      </dl>
      {entry.kind === 'close' && entry.close ? <CloseDetails entry={entry} /> : null}
      {!message && entry.kind !== 'close' ? <pre className="message-details__event">{String(entry.data)}</pre> : null}
      {message ? <PayloadDetails id={id} entry={entry} /> : null}
    </div>
  );
}

function CloseDetails({ entry }: { entry: LogEntry }) {
  const close = entry.close!;
  const explanation = explainClose(entry);
  return (
    <dl className="message-details__meta message-details__close-info">
      <div>
        <dt>Code</dt>
        <dd>{close.code}</dd>
      </div>
      <div>
        <dt>Name</dt>
        <dd>{describeCloseCode(close.code).name}</dd>
      </div>
      <div>
        <dt>Reason</dt>
        <dd>{close.reason ? close.reason : <span className="message-details__muted">no reason given</span>}</dd>
      </div>
      <div>
        <dt>Clean</dt>
        <dd>{close.wasClean ? 'yes (clean close)' : 'no (not clean)'}</dd>
      </div>
      {explanation ? (
        <div className="message-details__wide">
          <dt>Explanation</dt>
          <dd>{explanation}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function PayloadDetails({ id, entry }: { id: string; entry: LogEntry }) {
  // Parse up front only what could be an object or array (to pick the first tab); the rest on demand.
  const early = useMemo(() => (typeof entry.data === 'string' && startsLikeJson(entry.data) ? parseJson(entry.data) : null), [entry]);
  const [tab, setTab] = useState<Tab>(() => defaultTab(entry, early));
  const [status, setStatus] = useState('');
  const baseId = useId();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const choose = (next: Tab, focus: boolean) => {
    setTab(next);
    if (focus) tabRefs.current[next]?.focus();
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.value === tab);
    let next = -1;
    if (event.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    event.preventDefault();
    choose(TABS[next]!.value, true);
  };

  const copy = async () => {
    const { data } = entry;
    let text: string;
    let how: string;
    if (typeof data === 'string') {
      text = data;
      how = 'as text';
    } else if (data.byteLength <= COPY_HEX_MAX_BYTES) {
      text = toHex(new Uint8Array(data));
      how = 'as hex';
    } else {
      text = toBase64(new Uint8Array(data));
      how = `as base64 (binary over ${formatBytes(COPY_HEX_MAX_BYTES)} is copied as base64, not hex)`;
    }
    if (!navigator.clipboard?.writeText) {
      setStatus('Could not copy: the browser gives this page no clipboard access.');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied ${formatCount(entry.size)} bytes ${how}.`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const download = () => {
    try {
      const name = downloadPayload(entry);
      setStatus(`Downloading ${name} (${formatCount(entry.size)} bytes).`);
    } catch (error) {
      setStatus(`Could not download: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const resend = () => {
    setStatus(resendEntry(id, entry));
  };

  return (
    <div className="message-details__payload">
      <div className="message-details__actions">
        <div role="tablist" aria-label="View" className="message-details__tabs">
          {TABS.map((t) => (
            <button
              key={t.value}
              ref={(el) => {
                tabRefs.current[t.value] = el;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${t.value}`}
              aria-selected={tab === t.value}
              aria-controls={`${baseId}-panel`}
              tabIndex={tab === t.value ? 0 : -1}
              className="message-details__tab"
              onClick={() => choose(t.value, false)}
              onKeyDown={onTabKey}
            >
              {t.label}
            </button>
          ))}
        </div>
        <span className="message-details__spacer" />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy payload
        </button>
        <button type="button" className="button" onClick={download}>
          Download payload
        </button>
        <button type="button" className="button" title="Put this payload into the composer (it is not sent)" onClick={resend}>
          Resend
        </button>
      </div>
      <p className="message-details__status" role="status" aria-live="polite">
        {status}
      </p>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        tabIndex={tab === 'hex' ? -1 : 0}
        className={`message-details__panel message-details__panel--${tab}`}
      >
        {tab === 'text' ? <TextView entry={entry} /> : tab === 'json' ? <JsonView entry={entry} early={early} /> : <HexView entry={entry} />}
      </div>
    </div>
  );
}

// C0 controls other than tab, line feed and carriage return, and DEL: most fonts draw them as empty boxes.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Shows control characters as their Unicode control pictures (NUL as ␀, DEL as ␡); says whether any were. */
function showControls(text: string): { text: string; replaced: boolean } {
  let replaced = false;
  const out = text.replace(CONTROLS, (c) => {
    replaced = true;
    const code = c.charCodeAt(0);
    return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
  });
  return { text: out, replaced };
}

/** The payload as UTF-8 text, at most TEXT_VIEW_MAX_BYTES of it. */
function TextView({ entry }: { entry: LogEntry }) {
  const view = useMemo(() => {
    const { data } = entry;
    if (typeof data === 'string') {
      const text = entry.size > TEXT_VIEW_MAX_BYTES ? truncateUtf8(data, TEXT_VIEW_MAX_BYTES) : data;
      const shown = text === data ? entry.size : utf8ByteLength(text);
      return { ...showControls(text), shown, lossy: false, binary: false };
    }
    const bytes = new Uint8Array(data);
    let end = Math.min(bytes.length, TEXT_VIEW_MAX_BYTES);
    // Cut before a UTF-8 sequence split by the limit, so the cut itself is not shown as invalid.
    if (end < bytes.length) {
      let back = 0;
      while (back < 3 && end > 0 && (bytes[end]! & 0xc0) === 0x80) {
        end--;
        back++;
      }
    }
    const { text, lossy } = decodeUtf8(bytes.subarray(0, end));
    return { ...showControls(text), shown: end, lossy, binary: true };
  }, [entry]);
  const hidden = entry.size - view.shown;
  return (
    <>
      {view.binary ? (
        <p className="message-details__note message-details__note--binary">
          Binary frame shown as UTF-8 text
          {view.lossy ? '; bytes that are not valid UTF-8 are shown as the replacement character �.' : '.'}
        </p>
      ) : null}
      {view.replaced ? (
        <p className="message-details__note">Control characters are shown as symbols (for example ␀ for a zero byte); Copy and Download keep the original.</p>
      ) : null}
      {hidden > 0 ? (
        <p className="message-details__note">
          Showing the first {formatBytes(view.shown)}; {formatCount(hidden)} bytes ({formatBytes(hidden)}) are not shown. Download payload saves all of it.
        </p>
      ) : null}
      {view.text === '' ? <p className="message-details__note">The payload is empty.</p> : <pre className="message-details__text">{view.text}</pre>}
    </>
  );
}

/** The payload as a JSON tree, or why it is not JSON (with the position of the error). */
function JsonView({ entry, early }: { entry: LogEntry; early: ParseResult<unknown> | null }) {
  const parsed = useMemo(() => early ?? parsePayload(entry), [entry, early]);
  if (!parsed.ok) {
    return (
      <p className="message-details__not-json">
        <strong>Not JSON.</strong> {parsed.error}
      </p>
    );
  }
  return <JsonTree value={parsed.value} />;
}

/** The payload's bytes (text as UTF-8) as a lazily rendered hex dump. */
function HexView({ entry }: { entry: LogEntry }) {
  const bytes = useMemo(() => (typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : new Uint8Array(entry.data)), [entry]);
  return (
    <>
      {typeof entry.data === 'string' ? <p className="message-details__note">Text frame shown as its UTF-8 bytes.</p> : null}
      <HexDump bytes={bytes} />
    </>
  );
}

/** Time since the connection this entry belongs to opened (the last OPEN before it in the log). */
function SinceOpen({ id, entry }: { id: string; entry: LogEntry }) {
  const openedAt = openedBefore(getLog(id), entry);
  if (openedAt === null) return null;
  return (
    <div>
      <dt>Since open</dt>
      <dd>{formatDuration(entry.at - openedAt)}</dd>
    </div>
  );
}

/** When the connection was last opened before `entry`, scanning the kept log backwards; null if not kept. */
function openedBefore(log: ReturnType<typeof getLog>, entry: LogEntry): number | null {
  for (let i = log.indexOf(entry.seq); i >= 0; i--) {
    const e = log.at(i);
    if (e?.kind === 'state' && e.data === 'OPEN') return e.at;
    if (e !== entry && e?.kind === 'state' && e.data === 'CLOSED') return null;
  }
  return null;
}
