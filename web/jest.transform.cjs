/**
 * Jest transform of the web tests: SWC to CommonJS, TSX with React's automatic
 * runtime. `import.meta` (used by ESM-only packages such as react-router, and
 * by Vite's `import.meta.env`) has no CommonJS equivalent: it is replaced by an
 * object with `url` and a test `env`, as Vite would give.
 */
const path = require('node:path');
const swcJest = require('@swc/jest');

/**
 * Under the root config (`npm test`), Jest compiles the root's globalSetup
 * (which loads the NestJS server) with the transform of whichever project's
 * test comes first, possibly this one. Files outside web/ are therefore handed
 * to the root's transform (decorators, NestJS's ESM packages) when it exists.
 */
const WEB_DIR = __dirname + path.sep;
const WEB_ESM = /[\\/]node_modules[\\/](react-router|@remix-run|cookie-es)[\\/]/;
let root = null;
try {
  root = require('../jest.swc.js');
} catch {
  root = null;
}

const options = (syntax) => ({
  jsc: {
    parser: syntax === 'typescript' ? { syntax, tsx: true } : { syntax, jsx: false },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const typescript = swcJest.createTransformer(options('typescript'));
const javascript = swcJest.createTransformer(options('ecmascript'));

const IMPORT_META = /\bimport\.meta\b/g;
const IMPORT_META_VALUE =
  '({ url: require("url").pathToFileURL(__filename).href, env: { MODE: "test", DEV: false, PROD: false, SSR: false, BASE_URL: "/" } })';

function isWebFile(filename) {
  return !root || WEB_ESM.test(filename) || (filename.startsWith(WEB_DIR) && !filename.includes(`${path.sep}node_modules${path.sep}`));
}

function pick(filename) {
  return /\.(ts|tsx)$/.test(filename) ? typescript : javascript;
}

module.exports = {
  process(source, filename, jestOptions) {
    if (!isWebFile(filename)) return root.process(source, filename, jestOptions);
    return pick(filename).process(source.replace(IMPORT_META, IMPORT_META_VALUE), filename, jestOptions);
  },
  getCacheKey(source, filename, jestOptions) {
    if (!isWebFile(filename)) return 'web-root-' + root.getCacheKey(source, filename, jestOptions);
    return 'web-v1' + pick(filename).getCacheKey(source, filename, jestOptions);
  },
};

/** Packages published only as ES modules that the web client imports. */
module.exports.ESM_PACKAGES = ['react-router', '@remix-run', 'cookie-es', ...(root ? root.ESM_PACKAGES : [])];
