// Lint: TypeScript everywhere (typescript-eslint), and the committed GraphQL schema
// against @graphql-eslint's recommended schema rules and its Relay rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.bench-build/**', '**/.bench-build-swc/**', 'web/src/gql/**', 'bench/results/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Decorated NestJS classes reference Function types for resolver discovery.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: './schema.graphql' } } },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      // Forward pagination only (first/after), as in DESIGN.md.
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // No global Node interface (yet): ids are per type. Small reference lists (divisions, a division's names) stay plain lists; every paged list is a connection.
      '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
      // Root operation types carry no description in code-first NestJS; their fields all do.
      '@graphql-eslint/require-description': ['error', {
        types: true, DirectiveDefinition: true, rootField: true,
        ignoredSelectors: ['[type=ObjectTypeDefinition][name.value=/^(Query|Mutation|Subscription)$/]'],
      }],
      '@graphql-eslint/strict-id-in-types': ['error', { exceptions: { suffixes: ['Connection', 'Edge', 'Payload', 'Result', 'Name', 'Methods', 'Comparison', 'Side', 'Rows', 'Link'], types: ['PageInfo', 'ParentDecision', 'CriticalInfoNumberRule'] } }],
    },
  },
];
