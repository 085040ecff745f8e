const swc = require('../jest.swc');

/** Server unit and service tests (real PostgreSQL, one cloned database per file). */
module.exports = {
  displayName: 'server',
  rootDir: __dirname,
  // bench/: unit tests of the matching bench's pure modules (bench/matching/*.spec.ts).
  roots: ['<rootDir>/src', '<rootDir>/../bench'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/../bench/**/*.spec.ts'],
  transform: { '^.+\\.(ts|js)$': '<rootDir>/../jest.swc.js' },
  transformIgnorePatterns: swc.transformIgnorePatterns,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/src/testing/fresh-graphql-metadata.ts'],
};
