const fs = require('node:fs');

// The browser tests drive Debian's Chromium. Without it they are skipped with one note, unless
// REQUIRE_BROWSER_TESTS=1 (CI), where they run and fail. SKIP_BROWSER_TESTS=1 leaves them out on
// purpose: CI runs them once, on SQLite (they test pages; every API they call is tested on both databases).
process.env.CHROMIUM_PATH ??= '/usr/bin/chromium';
const leftOut = process.env.SKIP_BROWSER_TESTS === '1';
const skipBrowserTests = leftOut || (process.env.REQUIRE_BROWSER_TESTS !== '1' && !fs.existsSync(process.env.CHROMIUM_PATH));
if (skipBrowserTests) {
  process.stderr.write(
    leftOut
      ? 'Browser tests (tests/browser/) left out: SKIP_BROWSER_TESTS=1.\n'
      : `Browser tests (tests/browser/) skipped: no Chromium at ${process.env.CHROMIUM_PATH}. Install Debian's chromium package (apt-get install chromium) to run them.\n`,
  );
}

// `*.unit.test.ts` files test pure logic and touch no database: the PostgreSQL run
// (TEST_DATABASE_URL) leaves them out, they would test exactly what the SQLite run tested.
const databaseIndependentLeftOut = process.env.TEST_DATABASE_URL ? ['\\.unit\\.test\\.ts$'] : [];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(skipBrowserTests ? ['<rootDir>/tests/browser/'] : []), ...databaseIndependentLeftOut],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // The official meilisearch client is published as ES modules only: Jest's CommonJS runtime needs it transformed.
  transformIgnorePatterns: ['/node_modules/(?!meilisearch/)', '<rootDir>/dist/'],
  setupFiles: ['<rootDir>/tests/helpers/env.ts'],
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testSequencer: '<rootDir>/tests/sequencer.js',
  testTimeout: 60_000,
  maxWorkers: 2,
};
