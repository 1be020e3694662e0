import { connectionLabel } from '../secrets/connectionLabel';
import { redactUrl } from '../secrets/urlSecrets';
import { useEffect, type KeyboardEvent } from 'react';
import { useAppStore, useSession } from '../store/appStore';
import { activateTab, closeTab, newConnection } from '../store/tabsActions';

/** One tab per connection: its host and a state dot; Ctrl/Cmd+number switches tabs. */
export function ConnectionTabs() {
  const order = useAppStore((s) => s.order);
  const activeId = useAppStore((s) => s.activeId);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || !/^[1-9]$/.test(event.key)) return;
      const id = useAppStore.getState().order[Number(event.key) - 1];
      if (!id) return;
      event.preventDefault();
      activateTab(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const index = order.indexOf(activeId);
    const next = order[(index + step + order.length) % order.length];
    if (next) {
      activateTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label="Connections" className="tabs__list" onKeyDown={onKeyDown}>
        {order.map((id, index) => (
          <ConnectionTab key={id} id={id} number={index + 1} active={id === activeId} />
        ))}
      </div>
      <button type="button" className="button tabs__new" onClick={() => newConnection()}>
        New connection
      </button>
    </div>
  );
}

function ConnectionTab({ id, number, active }: { id: string; number: number; active: boolean }) {
  const url = useSession(id, (s) => s.openedUrl ?? s.drafts.url);
  const readyState = useSession(id, (s) => s.readyState);
  const readOnly = useSession(id, (s) => Boolean(s.readOnly));
  const label = connectionLabel(url) || 'New connection';
  return (
    <div
      role="tab"
      id={`tab-${id}`}
      aria-selected={active}
      aria-controls={`panel-${id}`}
      tabIndex={active ? 0 : -1}
      className={`tab${active ? ' tab--active' : ''}`}
      title={`${redactUrl(url) || 'No URL yet'} — ${readyState}${number <= 9 ? ` (Ctrl+${number})` : ''}`}
      onClick={() => activateTab(id)}
    >
      <span className={`state__dot state--${readyState.toLowerCase()}`} aria-hidden="true" />
      <span className="tab__label">{readOnly ? `${label} (imported)` : label}</span>
      <span className="visually-hidden"> {readyState}</span>
      <button
        type="button"
        className="tab__close"
        aria-label="Close tab"
        title="Close tab"
        onClick={(event) => {
          event.stopPropagation();
          closeTab(id);
        }}
      >
        ×
      </button>
    </div>
  );
}
