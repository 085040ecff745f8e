/**
 * Web component tests: React components in jsdom with Testing Library and
 * Apollo's MockedProvider. Self-contained (rootDir is web/), so it runs alone
 * (`npx jest --config web/jest.config.cjs`) or as a project of the root config.
 */
const { ESM_PACKAGES } = require('./jest.transform.cjs');

module.exports = {
  displayName: 'web',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  // jsdom, with Node's Fetch API (see the file).
  testEnvironment: '<rootDir>/jest.environment.cjs',
  transform: { '^.+\\.(ts|tsx|js|mjs|cjs)$': '<rootDir>/jest.transform.cjs' },
  // Packages published only as ES modules are compiled to CommonJS like our sources.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '\\.css$': 'identity-obj-proxy',
  },
  setupFilesAfterEnv: ['<rootDir>/src/test/setup.ts'],
  testTimeout: 15000,
};
