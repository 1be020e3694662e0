import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { localEchoPlugin } from './server/localEchoPlugin.js';

/**
 * The built page may load only its own files and open only the sockets the user asks for.
 * NOTE: build only: the dev server's React refresh needs an inline script.
 */
function contentSecurityPolicy(): Plugin {
  const policy = [
    "default-src 'self'",
    "connect-src 'self' ws: wss:",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head' }],
  };
}

export default defineConfig({
  // Relative asset URLs: dist/ works from any sub-path of a static host.
  base: './',
  plugins: [react(), localEchoPlugin(), contentSecurityPolicy()],
  build: { target: 'es2022', sourcemap: false },
});
