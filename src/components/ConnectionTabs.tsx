import { connectionLabel } from '../secrets/connectionLabel';
import { redactUrl } from '../secrets/urlSecrets';
import { useEffect, type KeyboardEvent } from 'react';
import { useAppStore, useSession } from '../store/appStore';
import { activateTab, closeTab, newConnection } from '../store/tabsActions';

/** Keys that move between tabs (WAI-ARIA tabs pattern), as a new index from the current one. */
const TAB_KEYS: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/**
 * One tab per connection: its host and a state dot; Ctrl/Cmd+number switches tabs. The tablist
 * holds only tabs (roving tabindex: the active tab is the one tab stop); each tab's `Close tab`
 * button lies outside the tablist, placed beside its tab by CSS order, and only the active tab's
 * is in the tab order.
 */
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

  const onKeyDown = (event: KeyboardEvent) => {
    const index = order.indexOf(activeId);
    if (event.key === 'Delete' && order.length > 1) {
      event.preventDefault();
      const next = order[index + 1] ?? order[index - 1];
      closeTab(activeId);
      if (next) focusTab(next);
      return;
    }
    const move = TAB_KEYS[event.key];
    if (!move) return;
    event.preventDefault();
    const next = order[move(index, order.length)];
    if (next) {
      activateTab(next);
      focusTab(next);
    }
  };

  return (
    <div className="tabs">
      <div className="tabs__strip">
        <div role="tablist" aria-label="Connections" className="tabs__list" onKeyDown={onKeyDown}>
          {order.map((id, index) => (
            <ConnectionTab key={id} id={id} number={index + 1} active={id === activeId} />
          ))}
        </div>
        <div className="tabs__closers">
          {order.map((id, index) => (
            <button
              key={id}
              type="button"
              className={`tab__close${id === activeId ? ' tab__close--active' : ''}`}
              style={{ order: index * 2 + 1 }}
              aria-label="Close tab"
              aria-describedby={`tab-${id}`}
              title="Close tab (Delete on the tab)"
              tabIndex={id === activeId ? 0 : -1}
              onClick={() => closeTab(id)}
            >
              <span aria-hidden="true">×</span>
            </button>
          ))}
        </div>
      </div>
      <button type="button" className="button tabs__new" onClick={() => newConnection()}>
        New connection
      </button>
    </div>
  );
}

function focusTab(id: string): void {
  // After React has rendered the new active tab (and, on Delete, removed the closed one).
  requestAnimationFrame(() => document.getElementById(`tab-${id}`)?.focus());
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
      aria-controls={active ? `panel-${id}` : undefined}
      tabIndex={active ? 0 : -1}
      className={`tab${active ? ' tab--active' : ''}`}
      style={{ order: (number - 1) * 2 }}
      title={`${redactUrl(url) || 'No URL yet'} — ${readyState}${number <= 9 ? ` (Ctrl+${number})` : ''}`}
      onClick={() => activateTab(id)}
    >
      <span className={`state__dot state--${readyState.toLowerCase()}`} aria-hidden="true" />
      <span className="tab__label">{readOnly ? `${label} (imported)` : label}</span>
      <span className="visually-hidden"> {readyState}</span>
    </div>
  );
}
