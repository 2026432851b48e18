import assert from 'node:assert/strict';
import type { Challenge } from 'altcha-lib';
import { countCommands } from '../../../helpers/commandCounter';
import { DirectLineClient, type Answer } from '../../../helpers/directLineClient';
import { postActivity, testActivity } from '../../../helpers/http';
import { payloadOf, solvedPayload } from '../../../helpers/proofOfWork';
import { servicePerTest, WEBCHAT_TEST_SECRET } from '../../../helpers/serviceConfig';
import { TestClock } from '../../../helpers/witness';

// Pressure is forced through configuration: a threshold of 0 anonymous requests a second means every
// new conversation is asked for a proof of work (shedding stays at its default, far above).
const UNDER_PRESSURE = { PROOF_OF_WORK_RATE: '0', PROOF_OF_WORK_MAX_NUMBER: '2000' };

describe('The web chat token route asks new conversations for a proof of work under pressure', function () {
  this.timeout(30_000);
  const services = servicePerTest({ dataDirPrefix: 'shield-proof', monitorCommands: true });
  let clock: TestClock;
  beforeEach(() => {
    clock = new TestClock(new Date());
  });

  async function serve(environment: Record<string, string>): Promise<DirectLineClient> {
    const service = await services.serve(
      { WEBCHAT_TOKEN_SECRET: WEBCHAT_TEST_SECRET, ...environment },
      { clock: clock.now },
    );
    return new DirectLineClient(service.url);
  }

  const requestToken = (client: DirectLineClient, json: Record<string, unknown> = { locale: 'en' }) =>
    client.call('POST', '/api/webchat/token', { json });
  const codeOf = (answer: Answer) => (answer.body.error as { code?: string } | undefined)?.code;
  const challengeOf = (answer: Answer): Challenge => {
    const challenge = answer.body.challenge as Challenge | undefined;
    assert.ok(challenge?.signature, `a challenge comes with the answer (${answer.status} ${codeOf(answer)})`);
    return challenge;
  };

  it('asks nothing when the service is not under pressure: the first request gets its token', async () => {
    // The shared test keys put the lag and in-flight thresholds out of a busy test machine's reach.
    const client = await serve({});
    const answer = await requestToken(client);
    assert.equal(answer.status, 200);
    assert.equal(typeof answer.body.token, 'string');
  });

  it('answers 403 ProofOfWorkRequired with a challenge, gives the token for its solution, with no database command', async () => {
    const client = await serve(UNDER_PRESSURE);
    const commands = countCommands(services.database());
    const asked = await requestToken(client);
    assert.equal(asked.status, 403);
    assert.equal(codeOf(asked), 'ProofOfWorkRequired');
    const payload = await solvedPayload(challengeOf(asked));
    const issued = await requestToken(client, { locale: 'en', altcha: payload });
    assert.equal(issued.status, 200);
    assert.equal(typeof issued.body.token, 'string');
    assert.deepEqual(commands.seen, [], 'challenges and their checks cost no database round trip');

    const again = await requestToken(client, { locale: 'en', altcha: payload });
    assert.equal(again.status, 409, 'a solution is accepted once');
    assert.equal(codeOf(again), 'ProofOfWorkReplayed');
  });

  it('answers a malformed solution 400 ProofOfWorkMalformed', async () => {
    const client = await serve(UNDER_PRESSURE);
    for (const altcha of [42, 'not base64 JSON', payloadOf({}, {})]) {
      const answer = await requestToken(client, { altcha });
      assert.equal(answer.status, 400, `for ${JSON.stringify(altcha).slice(0, 20)}`);
      assert.equal(codeOf(answer), 'ProofOfWorkMalformed');
    }
  });

  it('answers a wrong solution 403 ProofOfWorkInvalid', async () => {
    const client = await serve(UNDER_PRESSURE);
    const challenge = challengeOf(await requestToken(client));
    const answer = await requestToken(client, {
      altcha: payloadOf(challenge, { counter: 7, derivedKey: 'ab'.repeat(32) }),
    });
    assert.equal(answer.status, 403);
    assert.equal(codeOf(answer), 'ProofOfWorkInvalid');
  });

  it('answers an expired challenge 403 ProofOfWorkExpired with a fresh challenge, whose solution is taken', async () => {
    const client = await serve({ ...UNDER_PRESSURE, PROOF_OF_WORK_TTL_SECONDS: '30' });
    const payload = await solvedPayload(challengeOf(await requestToken(client)));
    clock.advance(31_000);
    const expired = await requestToken(client, { altcha: payload });
    assert.equal(expired.status, 403);
    assert.equal(codeOf(expired), 'ProofOfWorkExpired');
    const issued = await requestToken(client, { altcha: await solvedPayload(challengeOf(expired)) });
    assert.equal(issued.status, 200);
  });

  it('never asks a witness already in a conversation: token refresh, start, reconnect and messages go on', async () => {
    const client = await serve(UNDER_PRESSURE);
    const { token, conversationId } = await client.token();
    const started = await client.call('POST', '/v3/directline/conversations', { token });
    assert.equal(started.status, 201);
    assert.equal((await client.say(conversationId, token, { text: 'report' })).status, 200);
    const refreshed = await client.call('POST', '/v3/directline/tokens/refresh', { token });
    assert.equal(refreshed.status, 200);
    const reconnect = await client.call('GET', `/v3/directline/conversations/${conversationId}`, { token });
    assert.equal(reconnect.status, 200);
    assert.equal(
      (await client.say(conversationId, String(refreshed.body.token), { text: 'no' })).status,
      200,
    );
  });

  it('leaves the Bot Framework endpoint (Teams) alone: a conversation there is never asked', async () => {
    const client = await serve(UNDER_PRESSURE);
    const answer = await postActivity(client.base, testActivity({ channelId: 'msteams', text: 'report' }));
    assert.equal(answer.status, 200);
    assert.ok(answer.replies.length > 0, 'the bot answers');
  });
});
