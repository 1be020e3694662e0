/**
 * Registers the built app's service worker (see progressiveWebApp() in vite.config.ts), from its own
 * chunk once the page has rendered, so the first paint does not wait for it.
 */
import { setUpdateWaiting } from '../store/appUpdate';

/** How often a page left open asks whether a new version was deployed (a reload asks too). */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/** Registers the service worker in the built app; a browser or host without one keeps the app as it was. */
export function registerServiceWorker(): void {
  // NOTE: no worker under the dev server (it would cache modules Vite serves fresh), nor where the
  // browser has none (an insecure origin, a private window in some browsers).
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  import('virtual:pwa-register')
    .then(({ registerSW }) => {
      const update = registerSW({
        onNeedRefresh: () => setUpdateWaiting(() => void update()),
        onRegisteredSW: (_url, registration) => {
          if (!registration) return;
          // Offline, the check fails quietly and is tried again next time.
          setInterval(() => void registration.update().catch(() => {}), UPDATE_CHECK_INTERVAL_MS);
        },
        // A host that does not serve sw.js (or refuses it): the app works as before, only not offline.
        onRegisterError: () => {},
      });
    })
    .catch(() => {
      // The chunk could not load (a partial deploy): the page itself is already running.
    });
}
