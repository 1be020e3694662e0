import { ConnectionView } from './components/ConnectionView';
import { useAppStore } from './store/appStore';

/** The page: a header and the active connection. */
export function App() {
  const activeId = useAppStore((s) => s.activeId);
  return (
    <div className="app">
      <header className="app__header">
        <h1>WebSocket Tester</h1>
        <p className="app__tagline">Connect, send text, JSON or binary, and read every frame, state change and close code.</p>
      </header>
      <main>
        <ConnectionView id={activeId} />
      </main>
    </div>
  );
}
