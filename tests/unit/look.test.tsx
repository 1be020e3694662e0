import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { loadState } from '../../src/persist/load';
import { SCHEMA_VERSION, STORAGE_KEY, validateState } from '../../src/persist/schema';
import { startPersistence } from '../../src/persist/persistStore';
import { applyTheme, defaultPrefs, SECTION_DEFAULTS, setSectionOpen, setTheme, useLookPrefs } from '../../src/look/prefs';
import { closeAnnouncement, trafficSummary } from '../../src/look/announce';
import { SideSection } from '../../src/components/SideSection';
import { ThemePicker } from '../../src/components/ThemePicker';
import { MemoryStorage } from './support/memoryStorage';

const base = { version: SCHEMA_VERSION, tabs: [], saved: [], history: [], deleted: { saved: [], history: [] } };

afterEach(() => useLookPrefs.setState(defaultPrefs()));

describe('stored look settings', () => {
  it('reads back a stored theme and open sections', () => {
    const sections = { ...SECTION_DEFAULTS, share: true, closing: false };
    const checked = validateState({ ...base, settings: { rememberSecretsFor: [], theme: 'dark', sections } });
    expect(checked.ok && checked.value.state.settings).toEqual({ rememberSecretsFor: [], theme: 'dark', sections });
    expect(checked.ok && checked.value.dropped).toEqual([]);
  });

  it('a bad theme or section flag falls back to its default and is named; the rest is kept', () => {
    const checked = validateState({ ...base, saved: [], settings: { rememberSecretsFor: ['wss://a.example/'], theme: 'neon', sections: { share: 'yes' } } });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.state.settings.theme).toBe('system');
    expect(checked.value.state.settings.sections).toEqual(SECTION_DEFAULTS);
    expect(checked.value.state.settings.rememberSecretsFor).toEqual(['wss://a.example/']);
    expect(checked.value.dropped.join(' ')).toMatch(/theme .*not one of system, light, dark/);
    expect(checked.value.dropped.join(' ')).toMatch(/open sections .*share/);
  });

  it('settings stored before themes existed load with the defaults', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify({ ...base, settings: { rememberSecretsFor: [] } }));
    expect(loadState(storage).notice).toBeUndefined();
    useLookPrefs.setState({ theme: 'dark', sections: { ...SECTION_DEFAULTS, share: true } });
    const stop = startPersistence({ storage, intervalMs: 0 });
    expect(useLookPrefs.getState()).toEqual(defaultPrefs());
    stop();
  });

  it('the theme and open sections are saved as they change, and restored on the next visit', () => {
    const storage = new MemoryStorage();
    const stop = startPersistence({ storage, intervalMs: 0 });
    setTheme('light');
    setSectionOpen('keepAlive', true);
    stop();
    const written = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    expect(written.settings.theme).toBe('light');
    expect(written.settings.sections.keepAlive).toBe(true);

    useLookPrefs.setState(defaultPrefs());
    const again = startPersistence({ storage, intervalMs: 0 });
    expect(useLookPrefs.getState().theme).toBe('light');
    expect(useLookPrefs.getState().sections.keepAlive).toBe(true);
    again();
  });
});

describe('Theme', () => {
  it('offers System, Light and Dark; choosing one sets data-theme on the page', async () => {
    const user = userEvent.setup();
    render(<ThemePicker />);
    const box = screen.getByRole('combobox', { name: 'Theme' });
    expect([...(box as HTMLSelectElement).options].map((o) => o.text)).toEqual(['System', 'Light', 'Dark']);
    const root = document.createElement('div');
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    await user.selectOptions(box, 'Light');
    expect(useLookPrefs.getState().theme).toBe('light');
  });
});

describe('a folding side-panel section', () => {
  it('hides its content when folded and says so with aria-expanded; the state is kept in the store', async () => {
    const user = userEvent.setup();
    render(
      <SideSection section="share" title="Share" className="share" actions={<button type="button">Extra</button>}>
        <button type="button">Copy link</button>
      </SideSection>,
    );
    const toggle = screen.getByRole('button', { name: 'Share' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Extra' })).toBeNull();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Extra' })).toBeVisible();
    expect(useLookPrefs.getState().sections.share).toBe(true);
    act(() => setSectionOpen('share', false));
    expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
  });
});

describe('announcements', () => {
  it('summarises traffic from counter growth, never per message', () => {
    expect(trafficSummary(0, 0, 5000)).toBe('');
    expect(trafficSummary(6000, 0, 5000)).toBe('Received 6,000 messages in the last 5 seconds (about 1,200 a second).');
    expect(trafficSummary(1, 1, 5000)).toBe('Received 1 message and sent 1 in the last 5 seconds.');
    expect(trafficSummary(0, 3, 5000)).toBe('Sent 3 messages in the last 5 seconds.');
    expect(trafficSummary(1200, 0, 1000)).toBe('Received 1,200 messages in the last second.');
  });

  it('says how a connection closed, hidden characters as markers', () => {
    expect(closeAnnouncement({ code: 1006, reason: '', wasClean: false })).toBe('Connection closed: 1006 Abnormal Closure, not clean, no reason given.');
    expect(closeAnnouncement({ code: 4000, reason: 'bye\u202E', wasClean: true })).toContain('U+202E');
  });
});
