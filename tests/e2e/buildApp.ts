import { join } from 'node:path';
import { build, type InlineConfig } from 'vite';

/** Builds the app as `npm run build` does (production React, the project's vite.config.ts) into outDir. */
export async function buildApp(outDir: string, extra: InlineConfig = {}): Promise<void> {
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      ...extra,
      configFile: join(import.meta.dirname, '../../vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { ...extra.build, outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
