// @ts-check
import tseslint from 'typescript-eslint';

// The browser scripts (bot/web): plain files served as they are, type-checked by tsconfig.browser.json.
const BROWSER_FILES = ['bot/web/**/*.js', 'bot/web/**/*.d.ts'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'stubs/**', 'data/**', '*.mjs', '*.cjs', '.ci/**'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Browser code: the same recommended rules without type information (its types come from JSDoc and
    // bot/web/globals.d.ts; tsc -p tsconfig.browser.json checks them), in one dialect: const and let.
    files: BROWSER_FILES,
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'script',
      parserOptions: { projectService: false, project: null },
    },
    rules: {
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always'],
      'no-implicit-globals': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
