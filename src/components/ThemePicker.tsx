import { setTheme, THEMES, useLookPrefs } from '../look/prefs';

/** The `Theme` combobox: System (follows the operating system, live), Light or Dark; remembered. */
export function ThemePicker() {
  const theme = useLookPrefs((s) => s.theme);
  return (
    <label className="look-control">
      <span>Theme</span>
      <select aria-label="Theme" value={theme} onChange={(event) => {
          const chosen = THEMES.find((t) => t.value === event.target.value);
          if (chosen) setTheme(chosen.value);
        }}>
        {THEMES.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
}
