import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { postActivity, testActivity } from '../../../helpers/http';
import { inventedSubmission } from '../../../helpers/fixtures';
import { startCaseFixture, type CaseFixture } from '../../../helpers/cases';

type Json = Record<string, unknown>;

describe('case follow-up with a web witness (case API and chat, over HTTP)', () => {
  let fixture: CaseFixture;
  before(async () => {
    fixture = await startCaseFixture();
  });
  after(async () => {
    await fixture.close();
  });

  it('an officer asks, the witness answers through the status check, the officer reads it and closes the case', async () => {
    const saved = await fixture.reports.submit(inventedSubmission({ channel: 'webchat' }));
    assert.equal(saved.status, 'saved');
    if (saved.status !== 'saved') return;
    const { caseNumber, receiptCode } = saved;
    const supervisor = await fixture.login('supervisor@police.test');

    for (const status of ['triaged', 'in_progress']) {
      assert.equal(
        (await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, { status })).status,
        200,
      );
    }
    const asked = await fixture.call('POST', `/api/cases/${caseNumber}/questions`, supervisor, {
      text: 'Which way did the person go?',
    });
    assert.equal(asked.status, 201);
    await fixture.call('POST', `/api/cases/${caseNumber}/notes`, supervisor, { text: 'INTERNAL-NOTE-7' });

    const conversationId = `web-witness-${randomUUID()}`;
    const say = async (text: string): Promise<string> => {
      const answer = await postActivity(
        fixture.service.url,
        testActivity({ text, conversationId, channelId: 'webchat' }),
      );
      assert.equal(answer.status, 200);
      return answer.replies.join('\n');
    };
    assert.match(await say('status'), /case number/);
    assert.match(await say(caseNumber), /receipt code/);
    const shown = await say(receiptCode);
    assert.match(shown, /Which way did the person go\?/);
    assert.doesNotMatch(shown, /INTERNAL-NOTE-7|supervisor/, 'no notes, no officer');
    assert.match(await say('Towards the station, on foot.'), /answer has been added/);

    const detail = (await fixture.call('GET', `/api/cases/${caseNumber}`, supervisor)).body as {
      questions: Json[];
    };
    assert.equal(detail.questions[0].answer, 'Towards the station, on foot.');
    const closed = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
      status: 'closed',
      outcome: 'resolved',
    });
    assert.equal(closed.status, 200);
    assert.equal(((closed.body as Json).case as Json).status, 'closed');
  });
});
