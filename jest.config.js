/**
 * `npm test` runs every Jest project: server unit and service tests, API
 * end-to-end tests, web component tests and browser tests. One PostgreSQL
 * (embedded, or DATABASE_URL) is started and migrated into a template database
 * once per run; every test file clones its own database from it.
 */
const { availableParallelism } = require('node:os');

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  transform: { '^.+\\.(ts|js)$': '<rootDir>/jest.swc.js' },
  projects: ['<rootDir>/server', '<rootDir>/test', '<rootDir>/web/jest.config.cjs'],
  testTimeout: 30000,
  // A fresh worker for every test file: @nestjs/graphql keeps schema metadata beyond Jest's module
  // registry, so a second app built in the same worker sees stale graphql types ("Cannot determine
  // a GraphQL output type"). Restarting workers costs ~1 s per file and keeps files independent.
  workerIdleMemoryLimit: '1MB',
  // Two test files at a time even on two cores (Jest's default is one fewer worker than cores): most
  // of a file's time is spent waiting for PostgreSQL, the server under test or Chromium, not in Jest.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};
