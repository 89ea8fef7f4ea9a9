import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Where a layer may not reach (docs/architecture.md, "Layers"); the message says where the code goes instead. */
const NO_REPOSITORIES = {
  regex: '\\.repository(\\.ts)?$',
  message: 'Pages, routes and API handlers call services; only services use repositories (docs/architecture.md, "Layers").',
};
const NO_KYSELY = {
  name: 'kysely',
  message: 'SQL belongs in a repository; pages, routes and API handlers call services (docs/architecture.md, "Layers").',
};

const NO_WEB = {
  regex: '(^|/)web/',
  message: 'Only the edge (pages, routes, views, API) imports src/web; formats for letters, PDFs and messages are in src/domain/format.ts (docs/architecture.md, "Layers").',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'scratch/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', document: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    // No import cycles: a cycle makes load order matter (a value read before its module ran) and
    // hides which module depends on which.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The thin edge: pages, routes, views and API handlers reach data only through services.
    files: ['src/**/*.pages.tsx', 'src/**/*.routes.{ts,tsx}', 'src/**/*.views.tsx', 'src/**/views/**', 'src/**/*.api.{ts,tsx}', 'src/modules/api/**', 'src/web/**', 'src/app.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_KYSELY], patterns: [NO_REPOSITORIES] }] },
  },
  {
    // The domain is pure: no database, no modules, no I/O libraries (docs/architecture.md, "Layers").
    files: ['src/domain/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kysely', message: 'The domain is pure: queries belong in a repository (docs/architecture.md, "Layers").' },
            { name: 'pg', message: 'The domain is pure (docs/architecture.md, "Layers").' },
          ],
          patterns: [
            { regex: '(^|/)db/', message: 'The domain does not import src/db: move the type into src/domain and let src/db import it (docs/architecture.md, "Layers").' },
            { regex: '(^|/)modules/', message: 'The domain does not import src/modules: modules depend on the domain, not the other way (docs/architecture.md, "Layers").' },
            NO_WEB,
          ],
        },
      ],
    },
  },
  {
    // Below the edge: services, repositories, jobs and the database layer do not know about pages.
    files: ['src/modules/**/*.service.ts', 'src/modules/**/*.repository.ts', 'src/modules/**/*.core.ts', 'src/modules/access-log/**', 'src/jobs/**', 'src/db/**', 'src/compose.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_WEB] }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    // Hono's cookie helpers take Context<any, any, {}>: passing our typed context is safe.
    files: ['src/app.ts', 'src/modules/auth/auth.pages.tsx'],
    rules: { '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
