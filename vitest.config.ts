import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests import workspace packages from their TypeScript sources, so no build is needed for unit
// tests; integration tests that start processes use the built dist (`npm test` builds first).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@news\/shared$/, replacement: `${root}shared/src/index.ts` },
      { find: /^@news\/shared\/(.*)$/, replacement: `${root}shared/src/$1.ts` },
      { find: /^@news\/([a-z]+)$/, replacement: `${root}services/$1/src/index.ts` },
      { find: /^@news\/([a-z]+)\/(.*)$/, replacement: `${root}services/$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['shared/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
