import assert from 'node:assert/strict';
import { AdmissionControl } from '../../../bot/http/admission';
import { ProofOfWork, type ProofOfWorkOptions } from '../../../bot/http/proofOfWork';
import { payloadOf, solvedPayload } from '../../helpers/proofOfWork';
import { TestClock } from '../../helpers/witness';

const SECRET = 'an-invented-web-chat-secret-for-tests-only';

describe('ProofOfWork', () => {
  let clock: TestClock;
  const proofOfWork = (options: Partial<ProofOfWorkOptions> = {}) =>
    new ProofOfWork({
      secret: SECRET,
      maxNumber: 2_000,
      ttlSeconds: 60,
      replayMemory: 100,
      clock: clock.now,
      ...options,
    });
  beforeEach(() => {
    clock = new TestClock(new Date());
  });

  it('accepts the solution of its own challenge once and refuses its second use', async () => {
    const check = proofOfWork();
    const payload = await solvedPayload(await check.challenge());
    assert.equal(await check.verify(payload), undefined, 'the first use is accepted');
    assert.equal(await check.verify(payload), 'ProofOfWorkReplayed', 'the second use is refused');
    assert.deepEqual(check.counts, { issued: 1, accepted: 1, refused: 1 });
  });

  it('signs a challenge with its expiry and the HMAC of its answer (stateless: another instance with the same secret accepts it)', async () => {
    const challenge = await proofOfWork().challenge();
    assert.match(challenge.signature ?? '', /^[0-9a-f]{64}$/);
    assert.match(challenge.parameters.keySignature ?? '', /^[0-9a-f]{64}$/);
    assert.equal(challenge.parameters.expiresAt, Math.floor(clock.now().getTime() / 1000) + 60);
    assert.equal(await proofOfWork().verify(await solvedPayload(challenge)), undefined);
  });

  it('refuses a challenge of a service with another secret', async () => {
    const foreign = await new ProofOfWork({
      secret: 'another-invented-secret',
      maxNumber: 2_000,
      ttlSeconds: 60,
      replayMemory: 10,
    }).challenge();
    assert.equal(await proofOfWork().verify(await solvedPayload(foreign)), 'ProofOfWorkInvalid');
  });

  it('refuses a wrong answer, and a challenge whose expiry was moved', async () => {
    const check = proofOfWork();
    const challenge = await check.challenge();
    const payload = JSON.parse(Buffer.from(await solvedPayload(challenge), 'base64').toString()) as {
      solution: { counter: number; derivedKey: string };
    };
    const wrongKey = `${payload.solution.derivedKey.slice(0, 63)}${payload.solution.derivedKey.endsWith('0') ? '1' : '0'}`;
    assert.equal(
      await check.verify(payloadOf(challenge, { ...payload.solution, derivedKey: wrongKey })),
      'ProofOfWorkInvalid',
    );
    const later = {
      ...challenge,
      parameters: { ...challenge.parameters, expiresAt: (challenge.parameters.expiresAt ?? 0) + 3600 },
    };
    assert.equal(await check.verify(payloadOf(later, payload.solution)), 'ProofOfWorkInvalid');
    assert.equal(
      await check.verify(payloadOf(challenge, payload.solution)),
      undefined,
      'the right one still is',
    );
  });

  it('refuses the solution of an expired challenge', async () => {
    const check = proofOfWork();
    const payload = await solvedPayload(await check.challenge());
    clock.advance(61_000);
    assert.equal(await check.verify(payload), 'ProofOfWorkExpired');
  });

  describe('refuses a payload that is not a solved challenge as malformed', () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['a number', () => Promise.resolve(42)],
      ['an empty string', () => Promise.resolve('')],
      ['not base64 JSON', () => Promise.resolve('%%%not-base64%%%')],
      ['base64 of a JSON array', () => Promise.resolve(Buffer.from('[1,2]').toString('base64'))],
      ['too long', () => Promise.resolve('A'.repeat(4_000))],
      ['without its solution', async () => payloadOf(await proofOfWork().challenge(), undefined)],
      [
        'with a parameter the service never signs (a huge cost)',
        async () => {
          const challenge = await proofOfWork().challenge();
          return payloadOf(
            { ...challenge, parameters: { ...challenge.parameters, cost: 1_000_000_000 } },
            { counter: 1, derivedKey: '00'.repeat(32) },
          );
        },
      ],
      [
        'with an upper-case key',
        async () => {
          const challenge = await proofOfWork().challenge();
          return payloadOf(challenge, { counter: 1, derivedKey: 'AB'.repeat(32) });
        },
      ],
    ];
    for (const [name, payload] of cases) {
      it(name, async () => {
        assert.equal(await proofOfWork().verify(await payload()), 'ProofOfWorkMalformed');
      });
    }
  });

  it('remembers a bounded number of used solutions, forgetting the oldest first', async () => {
    const check = proofOfWork({ replayMemory: 2 });
    const payloads = await Promise.all([1, 2, 3].map(async () => solvedPayload(await check.challenge())));
    for (const payload of payloads) assert.equal(await check.verify(payload), undefined);
    assert.equal(await check.verify(payloads[2]), 'ProofOfWorkReplayed', 'the newest is remembered');
    assert.equal(await check.verify(payloads[0]), undefined, 'the oldest was forgotten (the bound)');
  });
});

describe('AdmissionControl.pressure', () => {
  const shedding = {
    eventLoopLagMs: 10_000,
    maxInFlight: 1_000,
    anonymousPerSecond: 1_000,
    loginConcurrency: 2,
  };
  const controls: AdmissionControl[] = [];
  afterEach(() => {
    for (const control of controls.splice(0)) control.close();
  });
  const admission = (
    inFlight: number,
    pressure?: ConstructorParameters<typeof AdmissionControl>[0]['pressure'],
  ) => {
    const control = new AdmissionControl({
      ...shedding,
      inFlight: () => inFlight,
      ...(pressure ? { pressure } : {}),
    });
    controls.push(control);
    return control;
  };

  it('is never felt without thresholds', async () => {
    const control = admission(500);
    for (let i = 0; i < 5; i += 1) assert.equal(await control.admit(), undefined);
    assert.equal(control.pressure(), undefined);
  });

  it('is felt over the anonymous rate of its threshold, while the requests are still admitted', async () => {
    const control = admission(0, { eventLoopLagMs: 10_000, maxInFlight: 100, anonymousPerSecond: 3 });
    for (let i = 0; i < 3; i += 1) assert.equal(await control.admit(), undefined);
    assert.equal(control.pressure(), undefined, 'at the threshold, not yet');
    assert.equal(await control.admit(), undefined, 'the fourth is admitted (shedding is higher)');
    assert.equal(control.pressure(), 'anonymousRate');
  });

  it('is felt with more requests in flight than its threshold', () => {
    assert.equal(
      admission(5, { eventLoopLagMs: 10_000, maxInFlight: 4, anonymousPerSecond: 100 }).pressure(),
      'inFlight',
    );
    assert.equal(
      admission(4, { eventLoopLagMs: 10_000, maxInFlight: 4, anonymousPerSecond: 100 }).pressure(),
      undefined,
    );
  });
});
