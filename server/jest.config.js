const swc = require('../jest.swc');

/** Server unit and service tests (real PostgreSQL, one cloned database per file). */
module.exports = {
  displayName: 'server',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.(ts|js)$': '<rootDir>/../jest.swc.js' },
  transformIgnorePatterns: swc.transformIgnorePatterns,
  testEnvironment: 'node',
};
