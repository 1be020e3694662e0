import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
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

export default defineConfig({
  // Relative asset URLs: dist/ works from any sub-path of a static host.
  base: './',
  plugins: [react(), localEchoPlugin(), contentSecurityPolicy()],
  build: { target: 'es2022', sourcemap: false },
});
