/** Every keyboard shortcut of the page, as the `Keyboard shortcuts` dialog lists them (one home). */
export const SHORTCUTS: readonly { keys: string; where: string; does: string }[] = [
  { keys: '?', where: 'anywhere but a text field', does: 'Show these keyboard shortcuts' },
  { keys: 'Tab, Shift+Tab', where: 'anywhere', does: 'Move to the next or previous control' },
  { keys: 'Enter', where: 'URL or Subprotocols', does: 'Connect (Disconnect while connected)' },
  { keys: 'Ctrl+Enter, Cmd+Enter', where: 'Message', does: 'Send' },
  { keys: 'Ctrl+1 … Ctrl+9, Cmd+1 … Cmd+9', where: 'anywhere', does: 'Switch to that connection tab' },
  { keys: '← →, Home, End', where: 'Connections tabs', does: 'Switch to the previous, next, first or last tab' },
  { keys: 'Delete', where: 'a connection tab', does: 'Close the tab (its connection too)' },
  { keys: '↑ ↓, Page Up, Page Down, Home, End', where: 'Messages log', does: 'Move through the entries' },
  { keys: 'Enter', where: 'a log entry', does: 'Open it in Message details' },
  { keys: 'Escape', where: 'Message details', does: 'Close the details; focus goes back to the entry' },
  { keys: 'Escape', where: 'this dialog', does: 'Close it; focus goes back where it was' },
];
