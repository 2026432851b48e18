import { createHmac, randomBytes } from 'node:crypto';
import { CappedMap, createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { z } from 'zod';

/** Why a submitted proof of work was refused (each a code of the error catalogue). */
export type ProofRefusal =
  'ProofOfWorkMalformed' | 'ProofOfWorkInvalid' | 'ProofOfWorkExpired' | 'ProofOfWorkReplayed';

export interface ProofOfWorkOptions {
  /** The web chat token secret: the challenges' HMAC keys are derived from it (random when absent). */
  secret: string | undefined;
  /** The secret counter is drawn from 0 to this; the solver hashes half of it on average. */
  maxNumber: number;
  ttlSeconds: number;
  /** How many accepted solutions are remembered (to refuse a second use); the oldest are forgotten first. */
  replayMemory: number;
  clock?: () => Date;
}

const ALGORITHM = 'SHA-256';
/** A base64 payload of one challenge and its solution is about 700 characters. */
const MAX_PAYLOAD_CHARS = 2_048;
const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

// The payload altcha's widget and solver send: base64 of `{ challenge, solution }`. Only the parameters
// this service signs are accepted, so that nothing an attacker adds reaches the library's key derivation.
const payloadSchema = z
  .object({
    challenge: z
      .object({
        parameters: z
          .object({
            algorithm: z.literal(ALGORITHM),
            cost: z.literal(1),
            expiresAt: z.number().int().positive(),
            keyLength: z.literal(32),
            keyPrefix: hex(32),
            keySignature: hex(64),
            nonce: hex(32),
            salt: hex(32),
          })
          .strict(),
        signature: hex(64),
      })
      .strict(),
    solution: z
      .object({
        counter: z.number().int().min(0).max(0xffffffff),
        derivedKey: hex(64),
        time: z.number().nonnegative().optional(),
      })
      .strict(),
  })
  .strict();

/**
 * The proof of work a new web chat conversation must show while the service is under pressure (ALTCHA,
 * altcha-lib's v2 challenges, solved in the browser by the same library). Stateless: a challenge is
 * signed (HMAC) with its expiry and the HMAC of its answer, so checking a solution costs two HMACs and no
 * look-up; only accepted solutions are kept, in a bounded memory, to refuse their second use.
 */
export class ProofOfWork {
  private readonly signatureSecret: string;
  private readonly keySignatureSecret: string;
  private readonly used: CappedMap<string, number>;
  private readonly clock: () => Date;
  /** Challenges issued and solutions accepted or refused since the start (for the benchmarks). */
  readonly counts = { issued: 0, accepted: 0, refused: 0 };

  constructor(private readonly options: ProofOfWorkOptions) {
    const root = options.secret ?? randomBytes(32).toString('hex');
    // Keys of their own, so that a challenge's signature can never be taken for a web chat token's.
    const derive = (label: string) => createHmac('sha256', root).update(label).digest('hex');
    this.signatureSecret = derive('proof-of-work challenge');
    this.keySignatureSecret = derive('proof-of-work answer');
    this.used = new CappedMap({ maxSize: options.replayMemory });
    this.clock = options.clock ?? (() => new Date());
  }

  /** A new signed challenge: one SHA-256 and two HMACs here, about maxNumber / 2 hashes for the solver. */
  async challenge(): Promise<Challenge> {
    this.counts.issued += 1;
    return createChallenge({
      algorithm: ALGORITHM,
      cost: 1,
      // Deterministic mode: the answer is this counter, whose key's HMAC the challenge carries.
      counter: randomInt(this.options.maxNumber, 0),
      deriveKey,
      expiresAt: new Date(this.clock().getTime() + this.options.ttlSeconds * 1000),
      hmacSignatureSecret: this.signatureSecret,
      hmacKeySignatureSecret: this.keySignatureSecret,
    });
  }

  /** Checks a submitted payload; undefined when it solves a live challenge of ours for the first time. */
  async verify(payload: unknown): Promise<ProofRefusal | undefined> {
    const refusal = await this.check(payload);
    if (refusal) this.counts.refused += 1;
    else this.counts.accepted += 1;
    return refusal;
  }

  private async check(payload: unknown): Promise<ProofRefusal | undefined> {
    if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD_CHARS) return 'ProofOfWorkMalformed';
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return 'ProofOfWorkMalformed';
    }
    const parsed = payloadSchema.safeParse(decoded);
    if (!parsed.success) return 'ProofOfWorkMalformed';
    const { challenge, solution } = parsed.data;
    const result = await verifySolution({
      challenge,
      solution,
      deriveKey,
      hmacSignatureSecret: this.signatureSecret,
      hmacKeySignatureSecret: this.keySignatureSecret,
    });
    // The library reads the system clock; the service's clock decides as well (tests move it).
    if (result.expired) return 'ProofOfWorkExpired';
    if (!result.verified) return 'ProofOfWorkInvalid';
    if (challenge.parameters.expiresAt * 1000 <= this.clock().getTime()) return 'ProofOfWorkExpired';
    if (!this.used.setIfAbsent(challenge.signature, challenge.parameters.expiresAt))
      return 'ProofOfWorkReplayed';
    return undefined;
  }
}
