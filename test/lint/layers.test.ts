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
async function refusals(file: string, importPath: string, name = 'thing'): Promise<string[]> {
  const linter = new Linter({ configType: 'flat' });
  const config: FlatConfig[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...(await layerBoundaries()),
  ];
  const messages = linter.verify(`import { ${name} } from '${importPath}';\nexport { ${name} };\n`, config, {
    filename: path.join(ROOT, file),
  });
  return messages.map((message) => message.message);
}

describe('the layer rules (eslint no-restricted-imports)', () => {
  // [file, import path, the name imported (default: one the rules do not look at)]
  const refused: [string, string, string?][] = [
    ['dialogs/reportDialog.ts', '../bot/logger'],
    ['dialogs/cards/review.ts', '../../bot/config'],
    ['dialogs/reportDialog.ts', 'restify'],
    ['dialogs/reportDialog.ts', 'mongoose'],
    ['models/store/report.ts', '../../bot/config'],
    ['models/store/report.ts', '../../dialogs/questionnaire'],
    ['models/store/report.ts', 'botbuilder'],
    ['models/store/report.ts', 'botbuilder-dialogs'],
    ['models/store/report.ts', 'restify'],
    ['models/store/mongoStorage.ts', 'botbuilder'],
    ['models/store/mongoStorage.ts', '../../bot/logger'],
    ['models/core/errors.ts', 'mongoose'],
    ['models/core/errors.ts', 'botbuilder'],
    ['models/core/errors.ts', '../store/report'],
    ['models/core/errors.ts', 'zod'],
    ['bot/config.ts', '../models/store/officer'],
    ['bot/config.ts', '../dialogs/locales'],
    ['bot/http/server.ts', '../police/cases/caseDesk'],
    ['bot/http/server.ts', '../../models/store/db'],
    ['bot/http/server.ts', '../../dialogs/locales'],
    ['bot/channels/teams/tabRoutes.ts', '../../police/cases/console'],
    ['bot/channels/directLine/upload.ts', '../../witness/pages'],
    ['bot/witness/pageShared.ts', '../police/cases/evidence'],
    ['bot/witness/pages.ts', '../channels/directLine/upload'],
    ['bot/police/cases/routes.ts', '../../witness/pageShared'],
    ['dialogs/report/answers.ts', 'botbuilder'],
    ['models/core/draft.ts', 'botbuilder-dialogs'],
    ['dialogs/report/review.ts', '../../bot/logger'],
    ['dialogs/report/submission.ts', 'mongoose'],
    ['bot/service.ts', 'mongoose'],
    ['bot/index.ts', 'mongodb'],
    ['bot/police/cases/caseDesk.ts', 'mongoose'],
    ['bot/police/alerts/alertRoutes.ts', 'mongoose'],
    ['bot/channels/teams/answerNotice.ts', 'mongoose'],
    ['bot/http/server.ts', 'mongoose'],
    ['bot/witness/pages.ts', 'mongoose'],
    ['bot/config.ts', 'mongoose'],
    ['bot/police/cases/routes.ts', '../../../models/store/report', 'reportModel'],
    ['bot/channels/teams/answerNotice.ts', '../../../models/store/officer', 'officerModel'],
    ['bot/service.ts', '../models/store/mongoStorage', 'botStateModel'],
    ['bot/police/cases/caseDesk.ts', '../../../models/store/caseNote', 'caseNoteSchema'],
  ];
  for (const [file, importPath, name] of refused) {
    it(`refuses ${name ? `${name} from ` : ''}${importPath} in ${file}`, async () => {
      const messages = await refusals(file, importPath, name);
      assert.equal(messages.length, 1, `expected one refusal, got: ${messages.join(' | ') || 'none'}`);
    });
  }

  const allowed: [string, string, string?][] = [
    ['dialogs/reportDialog.ts', '../models/store/reportRepository'],
    ['dialogs/reportDialog.ts', 'botbuilder-dialogs'],
    ['models/store/report.ts', 'mongoose'],
    ['models/store/report.ts', '../core/errors'],
    ['models/core/errors.ts', './roles'],
    ['bot/config.ts', '../models/core/roles'],
    ['bot/http/server.ts', '../../models/core/errors'],
    ['bot/http/server.ts', '../channels/adapter'],
    ['bot/channels/teams/tabRoutes.ts', '../../http/framing'],
    ['bot/police/alerts/alertDelivery.ts', '../../channels/teams/questionDelivery'],
    ['bot/police/cases/routes.ts', '../../../models/store/report'],
    ['bot/service.ts', './police/cases/routes'],
    ['dialogs/report/prompts.ts', 'botbuilder'],
    ['dialogs/report/answers.ts', '../../models/core/evidenceTypes'],
    ['bot/police/cases/caseDesk.ts', '../../../models/store/caseFiles', 'CaseFiles'],
    ['bot/service.ts', '../models/store/mongoStorage', 'MongoStorage'],
    ['bot/channels/teams/myReportsRoute.ts', '../../../models/store/reportLookups', 'ReportLookups'],
  ];
  for (const [file, importPath, name] of allowed) {
    it(`allows ${name ? `${name} from ` : ''}${importPath} in ${file}`, async () => {
      assert.deepEqual(await refusals(file, importPath, name), []);
    });
  }
});
