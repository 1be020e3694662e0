import { useEffect, useRef } from 'react';
import { formatCount } from '../format/count';
import { visibleText } from '../format/visibleText';
import { useSession } from '../store/appStore';
import { selectEntry } from '../store/connectionActions';
import type { LogEntry } from '../store/logEntry';
import { getLog } from '../store/sessionReads';
import { CloseDetails, EntryMeta, isMessage } from './details/EntryMeta';
import { PayloadDetails } from './details/PayloadDetails';
import './MessageDetails.css';

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

/** One entry: its facts, then its close details, its event text, or its payload views and actions. */
function EntryDetails({ id, entry }: { id: string; entry: LogEntry }) {
  const message = isMessage(entry);
  return (
    <div className="message-details__body">
      <EntryMeta id={id} entry={entry} />
      {entry.kind === 'close' && entry.close ? <CloseDetails entry={entry} /> : null}
      {!message && entry.kind !== 'close' ? <pre className="message-details__event">{visibleText(String(entry.data))}</pre> : null}
      {message ? <PayloadDetails id={id} entry={entry} /> : null}
    </div>
  );
}
