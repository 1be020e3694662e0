import { useEffect, useId, useRef, useState } from 'react';
import { SHORTCUTS } from '../look/shortcuts';

/** Whether typing `?` there types a character (a text field), so it must not open the dialog. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/**
 * The `Keyboard shortcuts` button and dialog (a modal <dialog>): `?` outside a text field opens it,
 * Escape or Close closes it, and focus goes back to where it was.
 */
export function ShortcutsDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  const show = () => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    setOpen(true);
  };
  const showRef = useRef(show);
  useEffect(() => {
    showRef.current = show;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTextField(event.target)) return;
      event.preventDefault();
      showRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => dialogRef.current?.close();
  const onClose = () => {
    setOpen(false);
    const target = returnTo.current;
    returnTo.current = null;
    if (target?.isConnected) target.focus();
  };

  return (
    <>
      <button type="button" className="button button--small" aria-label="Keyboard shortcuts" aria-haspopup="dialog" title="Keyboard shortcuts (?)" onClick={show}>
        <span className="look-shortcuts__word">Shortcuts </span>
        <kbd aria-hidden="true">?</kbd>
      </button>
      <dialog
        ref={dialogRef}
        className="shortcuts"
        aria-labelledby={titleId}
        onClose={onClose}
        onKeyDown={(event) => {
          // Handled here, so the Escape that closes this dialog does not also close Message details behind it.
          if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
        }}
      >
        <div className="shortcuts__head">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button type="button" className="button button--small" onClick={close}>
            Close
          </button>
        </div>
        {open ? (
          <table className="shortcuts__table">
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Where</th>
                <th scope="col">What it does</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={`${s.keys} ${s.where}`}>
                  <td>
                    <kbd>{s.keys}</kbd>
                  </td>
                  <td>{s.where}</td>
                  <td>{s.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </dialog>
    </>
  );
}
