/**
 * How the page looks and which side-panel sections are open: the Theme choice and the open state of
 * each disclosure. Kept in the stored settings (persist/schema.ts validates them on load).
 */
import { create } from 'zustand';

export const THEMES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;
export type Theme = (typeof THEMES)[number]['value'];

/** The side panel's foldable sections, and whether each is open on a first visit. */
export const SECTION_DEFAULTS = {
  closing: true,
  keepAlive: false,
  saved: true,
  recent: true,
  share: false,
  agent: true,
} as const;
export type SectionId = keyof typeof SECTION_DEFAULTS;
export type OpenSections = Record<SectionId, boolean>;

export interface LookPrefs {
  theme: Theme;
  sections: OpenSections;
}

/** The preferences of a page that has stored none. */
export function defaultPrefs(): LookPrefs {
  return { theme: 'system', sections: { ...SECTION_DEFAULTS } };
}

/** Theme and open sections, shared by every connection tab. */
export const useLookPrefs = create<LookPrefs>()(defaultPrefs);

/** Chooses the theme. */
export function setTheme(theme: Theme): void {
  useLookPrefs.setState({ theme });
}

/** Opens or folds one side-panel section. */
export function setSectionOpen(section: SectionId, open: boolean): void {
  useLookPrefs.setState((s) => (s.sections[section] === open ? s : { sections: { ...s.sections, [section]: open } }));
}

/**
 * Puts the theme on the page: `data-theme` on the root element sets `color-scheme`, and the colours
 * follow it through `light-dark()` (styles.css); `system` leaves the choice to prefers-color-scheme, live.
 */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (root.dataset.theme !== theme) root.dataset.theme = theme;
}

/** Keeps the page's theme in step with the store; returns the unsubscribe. */
export function followTheme(): () => void {
  applyTheme(useLookPrefs.getState().theme);
  return useLookPrefs.subscribe((s, prev) => {
    if (s.theme !== prev.theme) applyTheme(s.theme);
  });
}
