import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summaryReporter.ts';

export default defineConfig({
  plugins: [react()],
  test: {
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
          globals: true,
          // NOTE: graphql refuses a schema built by another copy of itself; inlined, graphql-ws
          // imports the same copy as the app's code does (as in the browser bundle).
          server: { deps: { inline: ['graphql-ws'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit-node/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
