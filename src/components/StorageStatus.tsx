import { setLoadNotice, useStorageStatus } from '../store/storageStatus';

/**
 * Storage trouble, said in the page: a failing save (quota, private mode, storage disabled) until a
 * save works again, and what loading the stored state had to migrate, skip or reset.
 */
export function StorageStatus() {
  const saveFailure = useStorageStatus((s) => s.saveFailure);
  const loadNotice = useStorageStatus((s) => s.loadNotice);
  if (!saveFailure && !loadNotice) return null;
  return (
    <div className="storage-status">
      {saveFailure ? (
        <p role="alert" className="alert">
          Saving in this browser failed ({saveFailure}): your drafts and saved messages are kept in this page but will not survive a
          reload. Saving is retried.
        </p>
      ) : null}
      {loadNotice ? (
        <div role="alert" className="alert storage-status__notice">
          <span>{loadNotice}</span>{' '}
          <button type="button" className="button button--small" aria-label="Dismiss storage notice" onClick={() => setLoadNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
