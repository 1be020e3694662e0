import { Announcer } from './components/Announcer';
import { ConnectionTabs } from './components/ConnectionTabs';
import { ConnectionView } from './components/ConnectionView';
import { ImportBanner } from './components/ExportImport';
import { PanelBoundary } from './components/PanelBoundary';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { StorageStatus } from './components/StorageStatus';
import { ThemePicker } from './components/ThemePicker';
import { UpdatePrompt } from './components/UpdatePrompt';
import { WindowTitle } from './components/WindowTitle';
import './components/Look.css';
import { useAppStore } from './store/appStore';

/** The page: a header (theme, shortcuts), then in `main` the connection tabs and the active connection. */
export function App() {
  const activeId = useAppStore((s) => s.activeId);
  return (
    <div className="app">
      <header className="app__header">
        <h1>WebSocket Tester</h1>
        <p className="app__tagline">Connect, send text, JSON or binary, and read every frame, state change and close code.</p>
        <div className="app__look">
          <PanelBoundary name="theme">
            <ThemePicker />
          </PanelBoundary>
          <PanelBoundary name="keyboard shortcuts">
            <ShortcutsDialog />
          </PanelBoundary>
        </div>
      </header>
      <PanelBoundary name="window title">
        <WindowTitle id={activeId} />
      </PanelBoundary>
      <main className="app__main">
        <PanelBoundary name="storage status">
          <StorageStatus />
        </PanelBoundary>
        <PanelBoundary name="update prompt">
          <UpdatePrompt />
        </PanelBoundary>
        <PanelBoundary name="connection tabs">
          <ConnectionTabs />
        </PanelBoundary>
        <PanelBoundary name="import banner">
          <ImportBanner id={activeId} />
        </PanelBoundary>
        <PanelBoundary name="announcer">
          <Announcer id={activeId} />
        </PanelBoundary>
        {/* Keyed: each tab gets its own view state (scroll, cursor) and its own boundary, so a tab that
            fails leaves the others working; its connection lives on outside React. */}
        <PanelBoundary key={activeId} name="connection view">
          <ConnectionView id={activeId} />
        </PanelBoundary>
      </main>
    </div>
  );
}
