// Lint: TypeScript's recommended rules everywhere, and Lit's and lit-a11y's rules on the
// components' templates (bindings Lit would reject, markup that screen readers stumble on).
// Formatting is Prettier's (`.prettierrc.json`); `npm run lint` checks both.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      '**/bundle/',
      '**/node_modules/',
      'packages/relay/demo-data/',
      '.atrium/',
      'packages/widget/custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A callback's unused leading arguments name its shape; `_` marks them.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['packages/widget/src/**/*.ts'],
    plugins: { lit, 'lit-a11y': litA11y },
    rules: { ...lit.configs.recommended.rules, ...litA11y.configs.recommended.rules },
  },
  {
    // A migration sees the schema as it was at its step, not today's Database type; Kysely's own advice is Kysely<any>.
    files: ['packages/relay/src/storage/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Build and test scripts run in Node; the relay's public files run in browsers.
    files: ['**/*.mjs', '**/*.cjs', 'packages/relay/bin/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['packages/relay/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests read socket acknowledgements and JSON bodies loosely, and chai asserts by property access.
    files: ['**/test/**/*.ts', '**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
