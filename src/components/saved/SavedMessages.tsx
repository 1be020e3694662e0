import { useId, useMemo, useState } from 'react';
import { getSession, useSession } from '../../store/appStore';
import { defaultMessageName, groupByFolder, saveMessage, searchMessages, useSavedMessages } from '../../store/savedMessagesStore';
import { Alert } from '../Alert';
import { SideSection } from '../SideSection';
import { SavedMessageItem } from './SavedMessageItem';
import { SaveMessageForm, type SaveFormValues } from './SaveMessageForm';
import { SavedMessagesIO } from './SavedMessagesIO';
import '../Workspace.css';

/** `Save message`, and the list of saved messages: grouped by folder, searchable, each loadable, sendable, renameable and deletable. */
export function SavedMessages({ id }: { id: string }) {
  const items = useSavedMessages((s) => s.items);
  const message = useSession(id, (s) => s.drafts.message);
  const [form, setForm] = useState<SaveFormValues | null>(null);
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const headingId = useId();

  const groups = useMemo(() => groupByFolder(searchMessages(items, query)), [items, query]);

  const openForm = () => {
    setProblem(null);
    setStatus('');
    if (!message) {
      setProblem('Nothing to save: the message is empty. Type a message first.');
      return;
    }
    setForm({ name: defaultMessageName(message), folder: form?.folder ?? '' });
  };

  const save = () => {
    const drafts = getSession(id)?.drafts;
    if (!form || !drafts) return;
    const saved = saveMessage({ name: form.name, folder: form.folder, body: drafts.message, format: drafts.format });
    setForm(null);
    setStatus(`Saved “${saved.name}”${saved.folder ? ` in ${saved.folder}` : ''}.`);
  };

  const renderItems = (list: typeof items) =>
    list.map((item) => <SavedMessageItem key={item.id} id={id} item={item} report={setProblem} announce={setStatus} />);

  return (
    <SideSection
      section="saved"
      title="Saved messages"
      className="workspace-card saved-messages"
      actions={
        <button type="button" className="button button--small" onClick={openForm} aria-expanded={form ? true : false}>
          Save message
        </button>
      }
    >

      {form ? <SaveMessageForm values={form} items={items} onChange={setForm} onSave={save} onCancel={() => setForm(null)} /> : null}

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
        {groups.flatMap(({ folder, items: list }) => {
          if (folder === '') return renderItems(list);
          const folderId = `${headingId}-${encodeURIComponent(folder)}`;
          return [
            <li key={`folder:${folder}`} className="saved-folder">
              <h3 className="saved-folder__name" id={folderId}>
                <span aria-hidden="true" className="saved-folder__icon">▸</span>
                {folder}
              </h3>
              <ul aria-labelledby={folderId} className="saved-list saved-list--nested">
                {renderItems(list)}
              </ul>
            </li>,
          ];
        })}
      </ul>
      {items.length === 0 ? <p className="hint">No saved messages yet. Type a message, then Save message.</p> : null}
      {items.length > 0 && groups.length === 0 ? <p className="hint">No saved message matches “{query}”.</p> : null}

      <SavedMessagesIO empty={items.length === 0} report={setProblem} announce={setStatus} />
    </SideSection>
  );
}
