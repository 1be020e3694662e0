import { applyUpdate, useAppUpdate } from '../store/appUpdate';
import './UpdatePrompt.css';

/**
 * Offers a new version once it is installed and waiting. The page keeps running the version it loaded
 * (the service worker serves that one's files) until `Reload to update`, so versions never mix.
 * The status is always in the page, so screen readers announce the offer when it appears.
 */
export function UpdatePrompt() {
  const waiting = useAppUpdate((s) => s.activate !== null);
  return (
    <div role="status" aria-label="App update" className={waiting ? 'update-prompt' : undefined}>
      {waiting ? (
        <>
          <span>A new version is available.</span>{' '}
          <button type="button" className="button button--small" onClick={applyUpdate}>
            Reload to update
          </button>
        </>
      ) : null}
    </div>
  );
}
