/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // The official meilisearch client is published as ES modules only: Jest's CommonJS runtime needs it transformed.
  transformIgnorePatterns: ['/node_modules/(?!meilisearch/)', '<rootDir>/dist/'],
  setupFiles: ['<rootDir>/tests/helpers/env.ts'],
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
