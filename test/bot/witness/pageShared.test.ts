import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import restify from 'restify';
import { pageShared } from '../../../bot/witness/pageShared';
import { registerPages } from '../../../bot/witness/pages';
import { languageNamed } from '../../../dialogs/commands';
import { LOCALES, messagesFor } from '../../../dialogs/locales';
import { ACCEPTED_EVIDENCE_TYPES, PREVIEW_TYPES } from '../../../models/core/evidenceTypes';
import { ALERT_LOCALES, ALERT_SEVERITIES } from '../../../models/store/alert';
import { CASE_NUMBER, CASE_OUTCOMES } from '../../../models/core/cases';

describe('What the reporting page shares with the service (/web/shared.js)', () => {
  let server: restify.Server;
  let url = '';
  before(async () => {
    server = restify.createServer();
    // As the service does (bot/http/server.ts): the versioned URL is read from the query.
    server.use(restify.plugins.queryParser({ mapParams: false }));
    registerPages(server, []);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        resolve();
      });
    });
    url = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => {
    server.close();
  });

  it("is the service's own language names, language names and evidence types, not a copy", async () => {
    const response = await fetch(`${url}/web/shared.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    const window: { shieldShared?: unknown } = {};
    runInNewContext(await response.text(), { window });
    assert.deepEqual(
      JSON.parse(JSON.stringify(window.shieldShared)),
      JSON.parse(JSON.stringify(pageShared())),
    );
    const shared = pageShared();
    assert.equal(shared.uploadAccept, ACCEPTED_EVIDENCE_TYPES.join(','));
    assert.deepEqual(shared.previewTypes, PREVIEW_TYPES);
    // The console's: the case API's and the alert API's own values, and who may use which.
    assert.deepEqual(shared.console.caseOutcomes, CASE_OUTCOMES);
    assert.deepEqual(shared.console.alertLocales, ALERT_LOCALES);
    assert.deepEqual(shared.console.alertSeverities, ALERT_SEVERITIES);
    assert.equal(`^${shared.console.caseNumberPattern}$`, CASE_NUMBER.source);
    assert.deepEqual(shared.console.nextStatus, {
      new: 'triaged',
      triaged: 'in_progress',
      in_progress: 'closed',
      closed: undefined,
    });
    assert.deepEqual(shared.console.alertWriterRoles, ['liaison', 'supervisor', 'admin']);
    assert.deepEqual(shared.console.caseReaderRoles, ['officer', 'supervisor', 'admin']);
    for (const locale of LOCALES) {
      assert.equal(shared.ownNames[locale], messagesFor(locale).languageName);
      // A header button's name is one the bot switches on, and each page name is one the bot knows.
      assert.equal(languageNamed(shared.ownNames[locale]), locale);
      for (const name of shared.languageNames[locale]) assert.equal(languageNamed(name), locale);
    }
  });

  it('is loaded by the page before widget.js, under its versioned URL', async () => {
    const page = await (await fetch(`${url}/`)).text();
    const shared = page.indexOf('src="/web/shared.js?v=');
    assert.ok(shared > 0, 'the page loads /web/shared.js with its version');
    assert.ok(shared < page.indexOf('src="/web/widget.js?v='), 'before widget.js, which reads it');
    const version = /src="\/web\/shared\.js\?v=([0-9a-f]{12})"/.exec(page)?.[1];
    const cached = await fetch(`${url}/web/shared.js?v=${version}`);
    assert.match(cached.headers.get('cache-control') ?? '', /immutable/);
  });
});
