// Lint rules that guard the architecture (see ../shared/STYLE.md): src/shared is imported by
// server and web and imports neither; the server never imports the web app and vice versa.
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
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**'], message: 'the server does not import the web app' }] }],
    },
  },
  {
    // Types of the API come from the server's zod schemas (erased at build); code never does.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'the web app talks to the server through the API only (import type is fine)', allowTypeImports: true }] },
      ],
    },
  },
);
