import { useState, type FormEvent } from 'react';
import { formatLabel } from '../../compose/formats';
import { send, setDraft } from '../../store/connectionActions';
import { deleteMessage, renameMessage, type SavedMessage } from '../../store/savedMessagesStore';
import { escapeCancels } from './SaveMessageForm';

function load(id: string, item: SavedMessage): void {
  setDraft(id, { message: item.body, format: item.format });
}

/** One saved message: its name loads it (double-click sends), with Send, Rename and Delete beside it. */
export function SavedMessageItem({ id, item, report, announce }: {
  /** The connection whose composer it loads into. */
  id: string;
  item: SavedMessage;
  /** Shows a problem in the list's alert (null clears it). */
  report: (problem: string | null) => void;
  /** Says what was done in the list's status line. */
  announce: (status: string) => void;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);

  const sendNow = () => {
    load(id, item);
    send(id);
  };

  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null) return;
    if (!renaming.trim()) {
      report('A saved message needs a name.');
      return;
    }
    renameMessage(item.id, renaming);
    setRenaming(null);
    report(null);
  };

  if (renaming !== null) {
    return (
      <li className="saved-item saved-item--renaming">
        <form className="saved-rename" onSubmit={submitRename} onKeyDown={escapeCancels(() => setRenaming(null))}>
          <input
            aria-label={`New name for ${item.name}`}
            value={renaming}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setRenaming(event.target.value)}
          />
          <button type="submit" className="button button--small">Save name</button>
          <button type="button" className="button button--small" onClick={() => setRenaming(null)}>Cancel rename</button>
        </form>
      </li>
    );
  }

  return (
    <li className="saved-item">
      <button
        type="button"
        className="saved-item__name"
        title={`${item.body.length > 200 ? `${item.body.slice(0, 200)}…` : item.body}\n\nClick to load into the composer; double-click to send.`}
        onClick={() => load(id, item)}
        onDoubleClick={sendNow}
      >
        {item.name}
      </button>
      {item.format !== 'text' ? <span className="saved-item__format" title={`Format: ${formatLabel(item.format)}`}>{formatLabel(item.format)}</span> : null}
      <button type="button" className="button button--small" aria-label={`Send ${item.name}`} title="Load and send now" onClick={sendNow}>
        Send
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Rename ${item.name}`}
        title="Rename"
        onClick={() => {
          report(null);
          setRenaming(item.name);
        }}
      >
        <span aria-hidden="true">✎</span>
      </button>
      <button
        type="button"
        className="icon-button icon-button--danger"
        aria-label={`Delete ${item.name}`}
        title="Delete"
        onClick={() => {
          deleteMessage(item.id);
          announce(`Deleted “${item.name}”.`);
        }}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </li>
  );
}
