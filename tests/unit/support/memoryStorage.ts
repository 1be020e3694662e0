import type { StorageLike } from '../../../src/persist/load';
import type { ChangeFeed } from '../../../src/persist/sync';

/** An in-memory localStorage; `failWith` makes every write throw (quota, disabled storage). */
export class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  writes = 0;
  failWith: Error | null = null;
  private listeners = new Set<{ page: number; fn: (key: string | null, value: string | null) => void }>();
  private writer = 0;

  getItem(key: string) {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string) {
    if (this.failWith) throw this.failWith;
    this.writes++;
    this.data.set(key, value);
    // Like the browser's `storage` event: every other page hears of the write, asynchronously.
    const writer = this.writer;
    for (const l of this.listeners) if (l.page !== writer) queueMicrotask(() => l.fn(key, value));
  }

  /** The storage as page `page` sees it: its writes are announced to the other pages' feeds. */
  asPage(page: number): { storage: StorageLike; changes: ChangeFeed } {
    const storage: StorageLike = {
      getItem: (key) => this.getItem(key),
      setItem: (key, value) => {
        this.writer = page;
        try {
          this.setItem(key, value);
        } finally {
          this.writer = 0;
        }
      },
    };
    const changes: ChangeFeed = (fn) => {
      const entry = { page, fn };
      this.listeners.add(entry);
      return () => this.listeners.delete(entry);
    };
    return { storage, changes };
  }
}

/** A DOMException as Chromium throws when localStorage is full. */
export const quotaError = () => new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.", 'QuotaExceededError');
