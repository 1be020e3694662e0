import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './buildApp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}

/** Builds the app once, as `npm run build` does, into a temporary folder the end-to-end tests serve. */
export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(join(tmpdir(), 'ws-tester-dist-'));
  await buildApp(outDir);
  project.provide('distDir', outDir);
  return async () => {
    await rm(outDir, { recursive: true, force: true });
  };
}
