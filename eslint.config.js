// Lint rules that guard the architecture (see ../shared/STYLE.md and docs/architecture.md):
// src/shared is imported by server and web and imports neither; the server never imports the
// web app and vice versa; src/server/platform (the ground floor) imports nothing above it; and
// no module of src imports itself back through others.
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', '.bench-results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**', 'node:*', 'fastify*', 'pg', '@electric-sql/*'], message: 'src/shared is pure: no server, web or I/O imports' }] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**'], message: 'the server does not import the web app' },
            // The audit chain is written through recordAudit, which checks each record against the
            // union of actions (src/shared/audit-actions.ts); appendAudit is its unchecked primitive.
            { group: ['**/platform/audit.ts'], importNames: ['appendAudit'], message: 'write audit records with recordAudit (checked against src/shared/audit-actions.ts)' },
          ],
        },
      ],
    },
  },
  {
    // Tests may write raw records (a tampered chain, an old shape) with the primitive.
    files: ['src/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**'], message: 'the server does not import the web app' }] }],
    },
  },
  {
    // The web app talks to the server through the API only: its types and checks come from the
    // contract in src/shared/api, never from the server, not even as types.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'the web app talks to the server through the API only: take types and schemas from src/shared/api' }] },
      ],
    },
  },
  {
    // Imports are followed on disk (with their .ts extensions) for the two rules below.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      // The ground floor: the platform offers hooks (route plugins, job handlers, a seed, the
      // file store's interface) and the composition root (src/server/app.ts) fills them in.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/server/platform',
              from: './src/server',
              except: ['./platform'],
              message: 'src/server/platform knows nothing above it: take what you need as a parameter from src/server/app.ts',
            },
          ],
        },
      ],
      // Runtime cycles: an `import type` is erased at build and is not followed (STYLE.md: break a cycle with one).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
