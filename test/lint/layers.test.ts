import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = path.resolve(__dirname, '../../..');

type FlatConfig = Linter.Config;

/** The layer rules exactly as eslint.config.mjs declares them. */
async function layerBoundaries(): Promise<FlatConfig[]> {
  const config = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.mjs')).href)) as {
    layerBoundaries: FlatConfig[];
  };
  return config.layerBoundaries;
}

/** The messages of the layer rules for one import written in one file. */
async function refusals(file: string, importPath: string): Promise<string[]> {
  const linter = new Linter({ configType: 'flat' });
  const config: FlatConfig[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...(await layerBoundaries()),
  ];
  const messages = linter.verify(`import { thing } from '${importPath}';\nexport { thing };\n`, config, {
    filename: path.join(ROOT, file),
  });
  return messages.map((message) => message.message);
}

describe('the layer rules (eslint no-restricted-imports)', () => {
  const refused: [string, string][] = [
    ['dialogs/reportDialog.ts', '../bot/logger'],
    ['dialogs/cards/review.ts', '../../bot/config'],
    ['dialogs/reportDialog.ts', 'restify'],
    ['dialogs/reportDialog.ts', 'mongoose'],
    ['models/report.ts', '../bot/config'],
    ['models/report.ts', '../dialogs/questionnaire'],
    ['models/report.ts', 'botbuilder'],
    ['models/report.ts', 'botbuilder-dialogs'],
    ['models/report.ts', 'restify'],
    ['models/mongoStorage.ts', '../bot/logger'],
    ['models/core/errors.ts', 'mongoose'],
    ['models/core/errors.ts', 'botbuilder'],
    ['models/core/errors.ts', '../report'],
    ['bot/config.ts', '../models/officer'],
    ['bot/config.ts', '../dialogs/locales'],
    ['dialogs/report/answers.ts', 'botbuilder'],
    ['dialogs/draft.ts', 'botbuilder-dialogs'],
    ['dialogs/report/review.ts', '../../bot/logger'],
    ['dialogs/report/submission.ts', 'mongoose'],
  ];
  for (const [file, importPath] of refused) {
    it(`refuses ${importPath} in ${file}`, async () => {
      const messages = await refusals(file, importPath);
      assert.equal(messages.length, 1, `expected one refusal, got: ${messages.join(' | ') || 'none'}`);
    });
  }

  const allowed: [string, string][] = [
    ['dialogs/reportDialog.ts', '../models/reportRepository'],
    ['dialogs/reportDialog.ts', 'botbuilder-dialogs'],
    ['models/report.ts', 'mongoose'],
    ['models/report.ts', './core/errors'],
    ['models/mongoStorage.ts', 'botbuilder'],
    ['models/core/errors.ts', './roles'],
    ['bot/config.ts', '../models/core/roles'],
    ['bot/server.ts', '../models/db'],
    ['bot/server.ts', '../dialogs/locales'],
    ['dialogs/report/prompts.ts', 'botbuilder'],
    ['dialogs/report/answers.ts', '../../models/evidenceTypes'],
  ];
  for (const [file, importPath] of allowed) {
    it(`allows ${importPath} in ${file}`, async () => {
      assert.deepEqual(await refusals(file, importPath), []);
    });
  }
});
