import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { getSession, useSession } from '../store/appStore';
import { send, setDraft } from '../store/connectionActions';
import {
  defaultMessageName, deleteMessage, exportSavedMessages, groupByFolder, importSavedMessages, renameMessage, saveMessage,
  searchMessages, useSavedMessages, type SavedMessage,
} from '../store/savedMessagesStore';
import { Alert } from './Alert';
import { formatLabel } from '../compose/formats';
import { downloadBlob, readFileText } from '../files/fileIO';
import './Workspace.css';


function load(id: string, item: SavedMessage): void {
  setDraft(id, { message: item.body, format: item.format });
}

function download(text: string, filename: string): void {
  downloadBlob(new Blob([text], { type: 'application/json' }), filename);
}

/** `Save message`, and the list of saved messages: grouped by folder, searchable, each loadable, sendable, renameable and deletable. */
export function SavedMessages({ id }: { id: string }) {
  const items = useSavedMessages((s) => s.items);
  const message = useSession(id, (s) => s.drafts.message);
  const [form, setForm] = useState<{ name: string; folder: string } | null>(null);
  const [query, setQuery] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const groups = useMemo(() => groupByFolder(searchMessages(items, query)), [items, query]);
  const folders = useMemo(() => [...new Set(items.map((m) => m.folder).filter(Boolean))].sort(), [items]);
  const replaces = form ? items.find((m) => m.name === form.name.trim() && m.folder === form.folder.trim()) : undefined;

  const openForm = () => {
    setProblem(null);
    setStatus('');
    if (!message) {
      setProblem('Nothing to save: the message is empty. Type a message first.');
      return;
    }
    setForm({ name: defaultMessageName(message), folder: form?.folder ?? '' });
  };

  const submitSave = (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const drafts = getSession(id)?.drafts;
    if (!drafts) return;
    const saved = saveMessage({ name: form.name, folder: form.folder, body: drafts.message, format: drafts.format });
    setForm(null);
    setStatus(`Saved “${saved.name}”${saved.folder ? ` in ${saved.folder}` : ''}.`);
  };

  const sendNow = (item: SavedMessage) => {
    load(id, item);
    send(id);
  };

  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    if (!renaming.name.trim()) {
      setProblem('A saved message needs a name.');
      return;
    }
    renameMessage(renaming.id, renaming.name);
    setRenaming(null);
    setProblem(null);
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setStatus('');
    let text: string;
    try {
      text = await readFileText(file);
    } catch (error) {
      setProblem(`Import failed: ${file.name} could not be read (${error instanceof Error ? error.message : String(error)}).`);
      return;
    }
    const result = importSavedMessages(text);
    if (!result.ok) {
      setProblem(`Import failed: ${file.name}: ${result.error}. Nothing was imported.`);
      return;
    }
    const skipped = result.skipped ? `, skipped ${result.skipped} already saved` : '';
    setStatus(`Imported ${result.added} message${result.added === 1 ? '' : 's'} from ${file.name}${skipped}.`);
  };

  const escapeCancels = (cancel: () => void) => (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  const renderItem = (item: SavedMessage) =>
    renaming?.id === item.id ? (
      <li key={item.id} className="saved-item saved-item--renaming">
        <form className="saved-rename" onSubmit={submitRename} onKeyDown={escapeCancels(() => setRenaming(null))}>
          <input
            aria-label={`New name for ${item.name}`}
            value={renaming.name}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setRenaming({ id: item.id, name: event.target.value })}
          />
          <button type="submit" className="button button--small">Save name</button>
          <button type="button" className="button button--small" onClick={() => setRenaming(null)}>Cancel rename</button>
        </form>
      </li>
    ) : (
      <li key={item.id} className="saved-item">
        <button
          type="button"
          className="saved-item__name"
          title={`${item.body.length > 200 ? `${item.body.slice(0, 200)}…` : item.body}\n\nClick to load into the composer; double-click to send.`}
          onClick={() => load(id, item)}
          onDoubleClick={() => sendNow(item)}
        >
          {item.name}
        </button>
        {item.format !== 'text' ? <span className="saved-item__format" title={`Format: ${formatLabel(item.format)}`}>{formatLabel(item.format)}</span> : null}
        <button type="button" className="button button--small" aria-label={`Send ${item.name}`} title="Load and send now" onClick={() => sendNow(item)}>
          Send
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Rename ${item.name}`}
          title="Rename"
          onClick={() => {
            setProblem(null);
            setRenaming({ id: item.id, name: item.name });
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
            setStatus(`Deleted “${item.name}”.`);
          }}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </li>
    );

  return (
    <section className="workspace-card saved-messages">
      <div className="workspace-card__head">
        <h2 id={headingId}>Saved messages</h2>
        <button type="button" className="button button--small" onClick={openForm} aria-expanded={form ? true : false}>
          Save message
        </button>
      </div>

      {form ? (
        <form className="saved-form" aria-label="Save the composer's message" onSubmit={submitSave} onKeyDown={escapeCancels(() => setForm(null))}>
          <label className="saved-form__field">
            <span>Name</span>
            <input
              aria-label="Message name"
              value={form.name}
              autoFocus
              onFocus={(event) => event.currentTarget.select()}
              onChange={(event) => setForm({ ...form, name: event.target.value })}
            />
          </label>
          <label className="saved-form__field">
            <span>Folder</span>
            <input aria-label="Folder" placeholder={folders.length ? `optional, e.g. ${folders.slice(0, 2).join(', ')}` : 'optional'} value={form.folder} onChange={(event) => setForm({ ...form, folder: event.target.value })} />
          </label>
          {replaces ? <p className="hint">Replaces the saved message “{replaces.name}”{replaces.folder ? ` in ${replaces.folder}` : ''}.</p> : null}
          <div className="saved-form__actions">
            <button type="submit" className="button button--primary button--small">Save</button>
            <button type="button" className="button button--small" onClick={() => setForm(null)}>Cancel</button>
          </div>
        </form>
      ) : null}

      <Alert message={problem} />
      {status ? <p className="hint" role="status">{status}</p> : null}

      {items.length > 0 ? (
        <input
          type="search"
          className="saved-messages__search"
          aria-label="Search saved messages"
          placeholder="Search saved messages"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      ) : null}

      <ul aria-label="Saved messages" className="saved-list">
        {groups.flatMap(({ folder, items: list }) =>
          folder === ''
            ? list.map(renderItem)
            : [
                <li key={`folder:${folder}`} className="saved-folder">
                  <h3 className="saved-folder__name" id={`${headingId}-${encodeURIComponent(folder)}`}>
                    <span aria-hidden="true" className="saved-folder__icon">▸</span>
                    {folder}
                  </h3>
                  <ul aria-labelledby={`${headingId}-${encodeURIComponent(folder)}`} className="saved-list saved-list--nested">
                    {list.map(renderItem)}
                  </ul>
                </li>,
              ],
        )}
      </ul>
      {items.length === 0 ? <p className="hint">No saved messages yet. Type a message, then Save message.</p> : null}
      {items.length > 0 && groups.length === 0 ? <p className="hint">No saved message matches “{query}”.</p> : null}

      <div className="saved-messages__io">
        <button
          type="button"
          className="button button--small"
          aria-label="Export saved messages"
          title="Download every saved message as JSON"
          disabled={items.length === 0}
          onClick={() => download(exportSavedMessages(), 'saved-messages.json')}
        >
          Export
        </button>
        <button type="button" className="button button--small" aria-label="Import saved messages" title="Add the messages of a JSON file" onClick={() => fileInput.current?.click()}>
          Import
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          aria-label="Saved messages file"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            void onImport(file);
          }}
        />
      </div>
    </section>
  );
}
