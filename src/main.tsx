import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startSocketWorker } from './connection/workerConnection';
import { PanelBoundary } from './components/PanelBoundary';
import { followTheme } from './look/prefs';
import { startPersistence } from './persist/persistStore';
import { registerServiceWorker } from './pwa/registerServiceWorker';
import { applyShareLinkFromLocation } from './share/applyShareLink';
import './styles.css';

// Drafts, saved messages and recent endpoints from the last visit (never logs); a share link then opens beside them.
startPersistence();
// The stored theme is on the page before the first paint, and follows the Theme combobox after.
followTheme();

// A share link (#share=…) opens its fields in a new connection tab, overwriting no draft; it never connects.
applyShareLinkFromLocation();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {/* Last resort: whatever escapes the panels' own boundaries still leaves a way back, never a blank page. */}
    <PanelBoundary name="page">
      <App />
    </PanelBoundary>
  </StrictMode>,
);

// Installable and offline (built app only): a new version is offered, never switched to silently.
registerServiceWorker();

// The sockets live in a worker; started now, so the first Connect does not wait for it to load.
startSocketWorker();
