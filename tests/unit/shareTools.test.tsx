import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ShareTools } from '../../src/components/ShareTools';
import { FIRST_SESSION_ID, getSession, useAppStore } from '../../src/store/appStore';
import { createSessionState, type Drafts } from '../../src/store/sessionState';
import { setDraft } from '../../src/store/connectionActions';
import { applyShareLinkFromLocation } from '../../src/share/applyShareLink';
import { buildShareLink, readShareLink } from '../../src/share/shareLink';
import { setSectionOpen } from '../../src/look/prefs';

const id = FIRST_SESSION_ID;

function reset(drafts: Partial<Drafts> = {}) {
  useAppStore.setState({ sessions: { [id]: createSessionState(id, drafts) }, order: [id], activeId: id });
}

const copyAs = () => screen.getByRole('combobox', { name: /^copy as$/i });
const snippet = () => screen.getByRole('region', { name: 'Share' }).querySelector('pre');

beforeEach(() => {
  // Share folds away in the side panel (closed on a first visit); these tests use what is inside.
  setSectionOpen('share', true);
  reset({ url: 'wss://example.com/socket?room=1&token=abc', subprotocols: 'chat', message: "it's", format: 'text' });
  history.replaceState(null, '', '/app/');
});

describe('Copy as', () => {
  it('offers exactly websocat, wscat, JavaScript, Python and curl', () => {
    render(<ShareTools id={id} />);
    const names = within(copyAs()).getAllByRole('option').map((o) => o.textContent);
    expect(names.filter((n) => !/…$/.test(n ?? ''))).toEqual(['websocat', 'wscat', 'JavaScript', 'Python', 'curl']);
    expect(snippet()).toBeNull();
  });

  it('shows the snippet before copying, follows the drafts, and copies it', async () => {
    const user = userEvent.setup();
    render(<ShareTools id={id} />);
    await user.selectOptions(copyAs(), 'wscat');
    // Secrets are left out by default: the pasted command reads them from the environment.
    expect(screen.getByRole('checkbox', { name: 'Include secrets in command' })).not.toBeChecked();
    expect(snippet()).toHaveTextContent(
      `# Secrets are left out: the shell reads $TOKEN from the environment (export TOKEN='…'). wscat -c 'wss://example.com/socket?room=1&token='"$TOKEN" -s chat -x 'it'\\''s' -w 1`,
    );
    expect(snippet()!.textContent).not.toContain('abc');

    await user.click(screen.getByRole('checkbox', { name: 'Include secrets in command' }));
    expect(snippet()).toHaveTextContent(`wscat -c 'wss://example.com/socket?room=1&token=abc' -s chat -x 'it'\\''s' -w 1`);

    act(() => setDraft(id, { message: '' }));
    await waitFor(() => expect(snippet()).toHaveTextContent(/^wscat -c 'wss:\/\/example.com\/socket\?room=1&token=abc' -s chat$/));

    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(await navigator.clipboard.readText()).toBe(snippet()!.textContent);
    expect(await screen.findByRole('status', { name: 'Share status' })).toHaveTextContent('Copied command');
  });

  it('renders a message as text, never as HTML', async () => {
    reset({ url: 'wss://h/', message: '<img src=x onerror=alert(1)>' });
    const user = userEvent.setup();
    render(<ShareTools id={id} />);
    await user.selectOptions(copyAs(), 'JavaScript');
    expect(snippet()!.querySelector('img')).toBeNull();
    expect(snippet()).toHaveTextContent('ws.send("<img src=x onerror=alert(1)>")');
  });

  it('explains why the Simulator cannot be copied, with nothing to copy', async () => {
    reset({ url: 'simulator://local' });
    const user = userEvent.setup();
    render(<ShareTools id={id} />);
    await user.selectOptions(copyAs(), 'curl');
    expect(snippet()).toBeNull();
    expect(screen.getByText(/Simulator runs inside this page/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Copy command' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an alert when the clipboard is refused', async () => {
    const user = userEvent.setup();
    render(<ShareTools id={id} />);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    await user.selectOptions(copyAs(), 'Python');
    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/did not allow copying/);
  });
});

describe('Copy link', () => {
  it('copies a link without the secrets by default, and says which were left out', async () => {
    const user = userEvent.setup();
    render(<ShareTools id={id} />);
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    const link = await navigator.clipboard.readText();
    expect(link.startsWith(`${location.origin}/app/#share=`)).toBe(true);
    expect(screen.getByText(link)).toBeInTheDocument();
    expect(readShareLink(new URL(link).hash)).toEqual({ url: 'wss://example.com/socket?room=1', subprotocols: 'chat', message: "it's", format: 'text' });
    expect(screen.getByText(/Left out of the link: token/)).toBeInTheDocument();
    expect(await screen.findByRole('status', { name: 'Share status' })).toHaveTextContent('Copied link');
  });

  it('keeps the secrets when Include secrets in link is ticked', async () => {
    const user = userEvent.setup();
    render(<ShareTools id={id} />);
    await user.click(screen.getByRole('checkbox', { name: 'Include secrets in link' }));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    const link = await navigator.clipboard.readText();
    expect(readShareLink(new URL(link).hash)).toMatchObject({ url: 'wss://example.com/socket?room=1&token=abc' });
    expect(screen.queryByText(/Left out of the link/)).toBeNull();
  });
});

describe('opening a share link', () => {
  it('fills a new tab, leaves the first tab\'s drafts, never connects, and removes the fragment', () => {
    reset({ url: 'wss://mine/', message: 'my draft' });
    const link = buildShareLink(`${location.origin}/app/?x=1`, { url: 'wss://h/s', subprotocols: 'a b', format: 'hex', message: 'de ad' });
    history.replaceState(null, '', link);
    const opened = applyShareLinkFromLocation();
    expect(opened).not.toBeNull();
    expect(opened).not.toBe(id);
    expect(useAppStore.getState().activeId).toBe(opened);
    expect(getSession(id)!.drafts).toMatchObject({ url: 'wss://mine/', message: 'my draft' });
    const session = getSession(opened!)!;
    expect(session.drafts).toMatchObject({ url: 'wss://h/s', subprotocols: 'a b', format: 'hex', message: 'de ad' });
    expect(session.readyState).toBe('CLOSED');
    expect(session.openedUrl).toBeNull();
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/app/?x=1');
  });

  it('shows a damaged link in the endpoint alert and fills nothing', () => {
    reset({ url: 'wss://kept/' });
    history.replaceState(null, '', '/app/#share=garbage!');
    expect(applyShareLinkFromLocation()).toBeNull();
    expect(useAppStore.getState().order).toEqual([id]);
    const session = getSession(id)!;
    expect(session.problems.endpoint).toMatch(/share link is damaged/);
    expect(session.drafts.url).toBe('wss://kept/');
    expect(location.hash).toBe('');
  });

  it('leaves any other fragment alone', () => {
    reset({ url: 'wss://kept/' });
    history.replaceState(null, '', '/app/#somewhere');
    expect(applyShareLinkFromLocation()).toBeNull();
    expect(getSession(id)!.drafts.url).toBe('wss://kept/');
    expect(location.hash).toBe('#somewhere');
  });
});
