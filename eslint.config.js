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
);
