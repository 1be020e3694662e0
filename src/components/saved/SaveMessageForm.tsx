import type { FormEvent, KeyboardEvent } from 'react';
import type { SavedMessage } from '../../store/savedMessagesStore';

export interface SaveFormValues {
  name: string;
  folder: string;
}

/** Escape inside a small form cancels it. */
export const escapeCancels = (cancel: () => void) => (event: KeyboardEvent) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    cancel();
  }
};

/** The `Save message` form: a name (prefilled), an optional folder, and what it would replace. */
export function SaveMessageForm({ values, items, onChange, onSave, onCancel }: {
  values: SaveFormValues;
  items: readonly SavedMessage[];
  onChange: (values: SaveFormValues) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const folders = [...new Set(items.map((m) => m.folder).filter(Boolean))].sort();
  const replaces = items.find((m) => m.name === values.name.trim() && m.folder === values.folder.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave();
  };
  return (
    <form className="saved-form" aria-label="Save the composer's message" onSubmit={submit} onKeyDown={escapeCancels(onCancel)}>
      <label className="saved-form__field">
        <span>Name</span>
        <input
          aria-label="Message name"
          value={values.name}
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => onChange({ ...values, name: event.target.value })}
        />
      </label>
      <label className="saved-form__field">
        <span>Folder</span>
        <input
          aria-label="Folder"
          placeholder={folders.length ? `optional, e.g. ${folders.slice(0, 2).join(', ')}` : 'optional'}
          value={values.folder}
          onChange={(event) => onChange({ ...values, folder: event.target.value })}
        />
      </label>
      {replaces ? <p className="hint">Replaces the saved message “{replaces.name}”{replaces.folder ? ` in ${replaces.folder}` : ''}.</p> : null}
      <div className="saved-form__actions">
        <button type="submit" className="button button--primary button--small">Save</button>
        <button type="button" className="button button--small" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
