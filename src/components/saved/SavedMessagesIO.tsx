import { useRef } from 'react';
import { downloadBlob, readFileText } from '../../files/fileIO';
import { exportSavedMessages, importSavedMessages } from '../../store/savedMessagesFile';
import { messageOf } from '../../format/thrown';

/** `Export saved messages` and `Import saved messages` (a JSON file; bad items are skipped and named). */
export function SavedMessagesIO({ empty, report, announce }: {
  empty: boolean;
  report: (problem: string | null) => void;
  announce: (status: string) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    report(null);
    announce('');
    let text: string;
    try {
      text = await readFileText(file);
    } catch (error) {
      report(`Import failed: ${file.name} could not be read (${messageOf(error)}).`);
      return;
    }
    const result = importSavedMessages(text);
    if (!result.ok) {
      report(`Import failed: ${file.name}: ${result.error}. Nothing was imported.`);
      return;
    }
    const { added, skipped, invalid, problems } = result.value;
    if (invalid) report(`${file.name}: skipped ${invalid} invalid message${invalid === 1 ? '' : 's'}: ${problems.join('; ')}.`);
    const already = skipped ? `, skipped ${skipped} already saved` : '';
    announce(`Imported ${added} message${added === 1 ? '' : 's'} from ${file.name}${already}.`);
  };

  return (
    <div className="saved-messages__io">
      <button
        type="button"
        className="button button--small"
        aria-label="Export saved messages"
        title="Download every saved message as JSON"
        disabled={empty}
        onClick={() => downloadBlob(new Blob([exportSavedMessages()], { type: 'application/json' }), 'saved-messages.json')}
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
  );
}
