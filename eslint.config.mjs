// @ts-check
import tseslint from 'typescript-eslint';

// The browser scripts (bot/web): plain files served as they are, type-checked by tsconfig.browser.json.
const BROWSER_FILES = ['bot/web/**/*.js', 'bot/web/**/*.d.ts'];
// The layers' import rules (each folder's README says the same in words). A pattern names a folder at any
// depth of `../`, so a file moved deeper inside a layer stays under the rule.
const up = (folder) => [`../${folder}/**`, `../../${folder}/**`, `../../../${folder}/**`];
const frameworks = ['restify', 'restify/**', 'botbuilder-dialogs', 'botframework-*', 'helmet', 'ws'];
const restrict = (patterns) => ['error', { patterns: patterns.map((entry) => ({ ...entry })) }];
// What every file of bot/ is held to, beside its folder's own rule (a later rule for the same files
// replaces an earlier one, so each bot/ rule repeats these): storage is reached through the repositories
// of models/store, never through mongoose, the driver, or a model or schema of its own.
const botStorage = [
  {
    group: ['mongoose', 'mongoose/**', 'mongodb', 'mongodb/**'],
    message: 'bot/ reaches storage through the repositories of models/store/, never mongoose or the driver.',
  },
  {
    group: up('models/store'),
    importNamePattern: '(Model|Schema)$',
    message: 'bot/ uses the repositories of models/store/, not its mongoose models or schemas.',
  },
];

/** Layer boundaries: `npm test` fails when a layer imports the wrong way (test/lint/layers.test.ts). */
export const layerBoundaries = [
  {
    // The process (service, index, logger): the folders below have rules of their own, with these.
    files: ['bot/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(botStorage) },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [...up('bot'), ...up('dialogs')],
          message: 'models/ is the inside: it never imports bot/ or dialogs/.',
        },
        { group: [...frameworks, 'botbuilder'], message: 'models/ imports no HTTP or bot framework.' },
      ]),
    },
  },
  {
    files: ['models/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['../*', '../**'],
          message: 'models/core/ imports only models/core/: no storage, no framework.',
        },
        {
          group: [...frameworks, 'botbuilder', 'mongoose', 'mongodb', 'zod'],
          message: 'models/core/ is pure TypeScript.',
        },
      ]),
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: up('bot'),
          message:
            'dialogs/ never imports bot/: the channels and HTTP call the conversation, not the reverse.',
        },
        {
          group: ['restify', 'restify/**', 'helmet', 'ws', 'mongoose', 'mongodb'],
          message: 'dialogs/ reaches storage through models/, and knows no HTTP.',
        },
      ]),
    },
  },
  {
    // The report dialog's pure parts (reading answers, the read-back's words, the report handed over; the
    // draft and its navigation are models/core/'s): unit-tested without a bot, and what stays when the
    // conversation moves off botbuilder.
    files: [
      'dialogs/report/questions.ts',
      'dialogs/report/answers.ts',
      'dialogs/report/review.ts',
      'dialogs/report/submission.ts',
    ],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: up('bot'),
          message:
            'dialogs/ never imports bot/: the channels and HTTP call the conversation, not the reverse.',
        },
        {
          group: ['restify', 'restify/**', 'helmet', 'ws', 'mongoose', 'mongodb'],
          message: 'dialogs/ reaches storage through models/, and knows no HTTP.',
        },
        {
          group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
          message:
            "the report dialog's pure parts import no bot framework (prompts.ts and reportDialog.ts do).",
        },
      ]),
    },
  },
  {
    files: ['bot/http/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [...up('police'), ...up('witness'), ...up('dialogs'), ...up('models/store')],
          message:
            'bot/http/ is the HTTP plumbing every application shares: it knows no application, conversation or storage.',
        },
        ...botStorage,
      ]),
    },
  },
  {
    files: ['bot/channels/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [...up('police'), ...up('witness')],
          message:
            'bot/channels/ carry the conversation: they never import the police application or the pages.',
        },
        ...botStorage,
      ]),
    },
  },
  {
    files: ['bot/witness/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [...up('police'), ...up('channels')],
          message: 'bot/witness/ (the reporting pages) never imports the police application or the channels.',
        },
        ...botStorage,
      ]),
    },
  },
  {
    files: ['bot/police/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: up('witness'), message: 'bot/police/ never imports the witness pages.' },
        ...botStorage,
      ]),
    },
  },
  {
    files: ['bot/config.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['../models/*', '!../models/core', '../dialogs/**'],
          message:
            'bot/config.ts reads the environment only: it may use models/core/, not storage or dialogs.',
        },
        ...botStorage,
      ]),
    },
  },
];

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
  ...layerBoundaries,
);
