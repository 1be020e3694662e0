import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY } from './server/csp.js';
import { localEchoPlugin } from './server/localEchoPlugin.js';

/**
 * The built page may load only its own files and open only the sockets the user asks for.
 * The <meta> goes first in <head>: a policy applies only to what follows it.
 * NOTE: build only: the dev server's React refresh needs an inline script.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Installable and offline: a web app manifest and a Workbox service worker that precaches the app's
 * own files and nothing else. Every URL is relative, so dist/ works under any sub-path: the worker's
 * scope is the folder of index.html. It has no runtime routes: what is not precached (WebSockets
 * never reach a service worker anyway, Local Echo's paths, anything else) goes to the network untouched.
 * 'prompt': a new version waits until the page's `Reload to update` is pressed, so versions never mix.
 */
function progressiveWebApp() {
  return VitePWA({
    registerType: 'prompt',
    // src/pwa/registerServiceWorker.ts registers it, after the first render, from its own chunk.
    injectRegister: false,
    // The icons are precached by globPatterns already.
    includeManifestIcons: false,
    manifest: {
      name: 'WebSocket Tester',
      short_name: 'WS Tester',
      description: 'Connect to a WebSocket, send text, JSON or binary, and read every frame, state change and close code.',
      id: './',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#1f4e8c',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      // The manifest is added by the plugin itself.
      globPatterns: ['**/*.{html,js,css,svg,png}'],
      // No fallback page: a navigation to anything but index.html (e.g. Local Echo's /echo when the
      // app is served at the root) reaches the server as it would without a service worker.
      navigateFallback: null,
      // The app's own URLs carry no query; a share link lives in the fragment, which never reaches a worker.
      ignoreURLParametersMatching: [/.*/],
      cleanupOutdatedCaches: true,
      runtimeCaching: [],
    },
    devOptions: { enabled: false },
  });
}

export default defineConfig({
  // Relative asset URLs: dist/ works from any sub-path of a static host.
  base: './',
  plugins: [react(), localEchoPlugin(), contentSecurityPolicy(), progressiveWebApp()],
  resolve: {
    // NOTE: mqtt-packet's parser uses only bl's BufferList; bl's main module wraps it in a stream
    // (readable-stream, about 30 KB gzipped) that the page never uses.
    alias: [{ find: /^bl$/, replacement: 'bl/BufferList.js' }],
  },
  build: { target: 'es2022', sourcemap: false },
});
