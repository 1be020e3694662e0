import { pathToFileURL } from 'node:url';

/**
 * Runs `main` when the module at `moduleUrl` is the script Node was started with (not when it is
 * imported by tests); a failure prints its message, not a stack, and exits with 1.
 */
export function runIfMain(/** @type {string} */ moduleUrl, /** @type {() => Promise<void>} */ main) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

/** Closes the running server on Ctrl+C or SIGTERM, then exits. */
export function closeOnSignals(/** @type {{ close(): Promise<unknown> }} */ running) {
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
