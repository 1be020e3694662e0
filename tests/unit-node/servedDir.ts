/** A temporary directory served by serve.js (Local Echo beside it) for one test file's tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../../server/serve.js';

export interface ServedDir {
  /** The directory served (an index.html only). */
  dir: string;
  server: Awaited<ReturnType<typeof startServer>>;
  /** ws://127.0.0.1:PORT of the server. */
  wsOrigin: string;
}

/** Starts the server before the file's tests and removes it and the directory after; the fields fill in at beforeAll. */
export function useServedDir(prefix: string): ServedDir {
  const served = { dir: '', wsOrigin: '' } as ServedDir;
  beforeAll(async () => {
    served.dir = await mkdtemp(join(tmpdir(), prefix));
    await writeFile(join(served.dir, 'index.html'), '<!doctype html><title>tester</title>');
    served.server = await startServer({ root: served.dir, port: 0 });
    served.wsOrigin = served.server.origin.replace(/^http/, 'ws');
  });
  afterAll(async () => {
    await served.server?.close();
    if (served.dir) await rm(served.dir, { recursive: true, force: true });
  });
  return served;
}
