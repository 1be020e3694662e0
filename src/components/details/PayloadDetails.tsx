import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ParseResult } from '../../codecs/result';
import { parseEarly } from '../../log/payloadJson';
import type { LogEntry } from '../../store/logEntry';
import { DecodeAs } from './DecodeAs';
import { DetailsActions } from './DetailsActions';
import { HexView, JsonView, TextView } from './DetailsViews';
import { useDecoder } from '../useDecoder';
import { DecodedView } from './DecodedView';

type Tab = 'text' | 'json' | 'hex' | 'decoded';
const RAW_TABS: readonly { value: Tab; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Hex' },
];
const PROTOCOL_TABS: readonly { value: Tab; label: string }[] = [...RAW_TABS, { value: 'decoded', label: 'Decoded' }];

/** The tab opened first: JSON for an object or array, Hex for binary, else Text. */
function defaultTab(entry: LogEntry, parsed: ParseResult<unknown> | null): Tab {
  if (typeof entry.data !== 'string') return 'hex';
  return parsed?.ok && typeof parsed.value === 'object' && parsed.value !== null ? 'json' : 'text';
}

/** A message's payload: the View tabs (Text, JSON, Hex, arrow keys between them), the actions and what they said. */
export function PayloadDetails({ id, entry }: { id: string; entry: LogEntry }) {
  // Parse up front only what could be an object or array (to pick the first tab); the rest on demand.
  const early = useMemo(() => parseEarly(entry), [entry]);
  const decoder = useDecoder(id);
  const decoded = useMemo(() => (decoder ? decoder(entry) : null), [decoder, entry]);
  const TABS = decoded ? PROTOCOL_TABS : RAW_TABS;
  const [chosen, setTab] = useState<Tab>(() => (decoded && !decoded.error ? 'decoded' : defaultTab(entry, early)));
  const tab: Tab = chosen === 'decoded' && !decoded ? defaultTab(entry, early) : chosen;
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
        <DetailsActions id={id} entry={entry} onStatus={setStatus} />
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
        {tab === 'decoded' && decoded ? (
          <DecodedView decoded={decoded} />
        ) : tab === 'text' ? (
          <TextView entry={entry} />
        ) : tab === 'json' ? (
          <JsonView entry={entry} early={early} />
        ) : (
          <HexView entry={entry} />
        )}
      </div>
      <DecodeAs id={id} entry={entry} />
    </div>
  );
}
