const swc = require('../jest.swc');

/** End-to-end tests: the real server over HTTP (api/) and in real Chromium (browser/). */
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/api/**/*.test.ts', '<rootDir>/browser/**/*.test.ts'],
  transform: { '^.+\\.(ts|js)$': '<rootDir>/../jest.swc.js' },
  transformIgnorePatterns: swc.transformIgnorePatterns,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/../server/src/testing/fresh-graphql-metadata.ts'],
  testTimeout: 60000,
};
