import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startPersistence } from './persist/persistStore';
import { applyShareLinkFromLocation } from './share/applyShareLink';
import { FIRST_SESSION_ID } from './store/appStore';
import './styles.css';

// Drafts, saved messages and recent endpoints from the last visit (never logs); a share link then wins.
startPersistence();

// A share link (#share=…) fills the first connection's fields; it never connects.
applyShareLinkFromLocation(FIRST_SESSION_ID);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
