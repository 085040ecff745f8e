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
  // A worker runs test files one after another, each with its own module registry and global object (as Jest
  // does), until its heap passes this after a file; then it is replaced. Servers started by the e2e files leave
  // some 20 MB each behind, so a worker lasts about 30 of them. "Cannot determine a GraphQL output type" (stale
  // @nestjs/graphql metadata) came from Jest's own process, where the global setup loads the entities: a
  // setupFiles module now starts every file without those storages (server/src/testing/fresh-graphql-metadata.ts).
  // A fresh worker per file ('1MB') cost about 0.7 s of CPU per file: 39 files at -w 2 took 131-141 s of
  // CPU that way, 109-112 s this way (load average 7-11, two cores).
  workerIdleMemoryLimit: '768MB',
  // Two test files at a time even on two cores (Jest's default is one fewer worker than cores): most
  // of a file's time is spent waiting for PostgreSQL, the server under test or Chromium, not in Jest.
  // Three were slower on this two-core machine (the same 39 files: 217 and 243 s against 184 and 185 s).
  maxWorkers: Math.max(2, availableParallelism() - 1),
};
