import { ConnectionTabs } from './components/ConnectionTabs';
import { ConnectionView } from './components/ConnectionView';
import { ImportBanner } from './components/ExportImport';
import { PanelBoundary } from './components/PanelBoundary';
import { StorageStatus } from './components/StorageStatus';
import { UpdatePrompt } from './components/UpdatePrompt';
import { WindowTitle } from './components/WindowTitle';
import { useAppStore } from './store/appStore';

/** The page: a header, the connection tabs and the active connection. */
export function App() {
  const activeId = useAppStore((s) => s.activeId);
  return (
    <div className="app">
      <header className="app__header">
        <h1>WebSocket Tester</h1>
        <p className="app__tagline">Connect, send text, JSON or binary, and read every frame, state change and close code.</p>
      </header>
      <PanelBoundary name="storage status">
        <StorageStatus />
      </PanelBoundary>
      <PanelBoundary name="update prompt">
        <UpdatePrompt />
      </PanelBoundary>
      <PanelBoundary name="window title">
        <WindowTitle id={activeId} />
      </PanelBoundary>
      <PanelBoundary name="connection tabs">
        <ConnectionTabs />
      </PanelBoundary>
      <PanelBoundary name="import banner">
        <ImportBanner id={activeId} />
      </PanelBoundary>
      <main>
        {/* Keyed: each tab gets its own view state (scroll, cursor) and its own boundary, so a tab that
            fails leaves the others working; its connection lives on outside React. */}
        <PanelBoundary key={activeId} name="connection view">
          <ConnectionView id={activeId} />
        </PanelBoundary>
      </main>
    </div>
  );
}
