/**
 * One table, every path: each secret parameter name of SECRET_PARAM_EXAMPLES (and its upper-case
 * and dashed spellings), user-info and a credential-carrying subprotocol go through every path that
 * writes a URL, and no secret value may come out of any of them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import { SECRET_PARAM_EXAMPLES } from '../../src/secrets/urlSecrets';
import { exportLines } from '../../src/export/jsonl';
import { buildShareLink, readShareLink } from '../../src/share/shareLink';
import { COPY_TARGETS, snippetFor } from '../../src/share/copyAs';
import { withoutSecrets } from '../../src/persist/saver';
import { emptyState } from '../../src/persist/schema';
import { RecentEndpoints } from '../../src/components/RecentEndpoints';
import { ConnectionTabs } from '../../src/components/ConnectionTabs';
import { WindowTitle, windowTitle } from '../../src/components/WindowTitle';
import { FIRST_SESSION_ID, useAppStore } from '../../src/store/appStore';
import { createSessionState } from '../../src/store/sessionState';
import { useHistory } from '../../src/store/historyStore';

const spellings = (name: string) => [...new Set([name, name.toUpperCase(), name.replace(/_/g, '-')])];

interface Case {
  name: string;
  url: string;
  subprotocols: string;
  secrets: string[];
}

// Each case: a secret query value, a secret fragment value, user and password (with an @ in the
// password), and a Kubernetes bearer subprotocol, every value unique so a leak names its case.
const CASES: Case[] = SECRET_PARAM_EXAMPLES.flatMap(spellings).map((name, i) => {
  const s = (what: string) => `Zq${what}${i}x`;
  return {
    name,
    url: `wss://${s('User')}:${s('Pass')}@${s('Pass2')}@echo.example:8443/ws?room=1&${encodeURIComponent(name)}=${s('Query')}&x=2#${encodeURIComponent(name)}=${s('Frag')}`,
    subprotocols: `chat, base64url.bearer.authorization.k8s.io.${s('Proto')}`,
    secrets: [s('User'), s('Pass'), s('Pass2'), s('Query'), s('Frag'), s('Proto')],
  };
});

function expectNoSecret(path: string, c: Case, output: string) {
  for (const secret of c.secrets) expect(output.includes(secret), `${path} leaks ${secret} for ${c.name}: ${output}`).toBe(false);
}

// Paths that do not need the page.
const PURE_PATHS: Record<string, (c: Case) => string> = {
  export: (c) =>
    exportLines(
      { endpoint: c.url, subprotocol: c.subprotocols, extensions: '', counters: { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 } },
      [{ at: 0, kind: 'info', data: `Connecting to ${c.url} offering subprotocols ${c.subprotocols}`, size: 0, close: null, format: null }],
    ).join('\n'),
  'share link': (c) => {
    const link = buildShareLink('https://tester.example/app/', { url: c.url, subprotocols: c.subprotocols, format: 'text', message: '' });
    return `${link}\n${JSON.stringify(readShareLink(new URL(link).hash))}`;
  },
  'Copy as': (c) =>
    COPY_TARGETS.map((t) => {
      // A WebSocket URL cannot have a fragment: Copy as refuses one, so it gets the URL without.
      const snippet = snippetFor(t.value, { url: c.url.split('#')[0]!, subprotocols: c.subprotocols.replace(',', ''), message: '', format: 'text' });
      expect(snippet.ok, `${t.label}: ${JSON.stringify(snippet)}`).toBe(true);
      return snippet.ok ? snippet.value : '';
    }).join('\n'),
  persistence: (c) =>
    JSON.stringify(withoutSecrets({ ...emptyState(), tabs: [{ url: c.url, subprotocols: c.subprotocols, message: '', format: 'text' }], history: [{ url: c.url, subprotocols: c.subprotocols, at: 1 }] })),
  'window title': (c) => windowTitle(c.url),
};

describe('no path writes a secret', () => {
  beforeEach(() => {
    useHistory.setState({ endpoints: [], rememberSecretsFor: [] });
  });
  afterEach(cleanup);

  it('has a table that covers every name seen leaking before', () => {
    for (const name of ['ticket', 'auth_code', 'sessionKey', 'vncticket', 'code', 'cookie', 'sid', 'otp']) {
      expect(CASES.map((c) => c.name)).toContain(name);
    }
  });

  it.each(Object.keys(PURE_PATHS))('%s', (path) => {
    for (const c of CASES) expectNoSecret(path, c, PURE_PATHS[path]!(c));
  });

  it('Recent endpoints (even for an endpoint whose secrets are remembered), tab labels and document.title', () => {
    for (const c of CASES.slice(0, 12)) {
      const id = FIRST_SESSION_ID;
      useAppStore.setState({ sessions: { [id]: createSessionState(id, { url: c.url, subprotocols: c.subprotocols }) }, order: [id], activeId: id });
      useHistory.setState({ endpoints: [{ url: c.url, subprotocols: c.subprotocols, at: 1 }], rememberSecretsFor: ['wss://echo.example:8443/ws'] });
      const { container } = render(createElement('div', null, createElement(RecentEndpoints, { id }), createElement(ConnectionTabs), createElement(WindowTitle, { id })));
      expect(screen.getByRole('list', { name: 'Recent endpoints' }).textContent).toContain('echo.example');
      // Text, accessible names and tooltips alike.
      const attributes = [...container.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
      expectNoSecret('the page', c, `${container.textContent}\n${attributes.join('\n')}`);
      expect(document.title).toBe('echo.example:8443/ws — WebSocket Tester');
      expectNoSecret('document.title', c, document.title);
      cleanup();
    }
  });
});
