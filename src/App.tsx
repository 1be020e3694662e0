import { ConnectionTabs } from './components/ConnectionTabs';
import { ConnectionView } from './components/ConnectionView';
import { ImportBanner } from './components/ExportImport';
import { StorageStatus } from './components/StorageStatus';
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
      <StorageStatus />
      <WindowTitle id={activeId} />
      <ConnectionTabs />
      <ImportBanner id={activeId} />
      <main>
        {/* Keyed: each tab gets its own view state (scroll, cursor); its connection lives on outside React. */}
        <ConnectionView key={activeId} id={activeId} />
      </main>
    </div>
  );
}
