import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}

/** Builds the app once, as `npm run build` does, into a temporary folder the end-to-end tests serve. */
export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(join(tmpdir(), 'ws-tester-dist-'));
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  project.provide('distDir', outDir);
  return async () => {
    await rm(outDir, { recursive: true, force: true });
  };
}
