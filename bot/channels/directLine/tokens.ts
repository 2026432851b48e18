import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Coded } from '../../../models/core/errors';

/** A refused token, with a stable code: expired, or not one of ours (forged, malformed, other audience). */
export class TokenError extends Error {
  constructor(
    readonly code: Coded<'TokenExpired' | 'TokenInvalid'>,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const ISSUER = 'shield-reporter';
const CLIENT_AUDIENCE = 'directline';
const CONNECTOR_AUDIENCE = 'connector';

/** What a web chat token grants: one conversation, for one user. */
export interface TokenGrant {
  conversationId: string;
  userId: string;
  /** The locale the web page asked for, kept in the token until the conversation is stored. */
  locale?: string | undefined;
  /**
   * When the conversation's first token was issued (kept across refreshes): a conversation is stored only
   * with its first message, so until then the token is all there is of it, and its age says whether a
   * missing conversation is still to begin or was deleted.
   */
  bornAt?: Date | undefined;
}

/**
 * Tokens of the self-hosted Direct Line channel, signed by the service (HS256). A client token is bound to
 * one conversation; a connector token lets the bot post its replies back to the channel.
 */
export class DirectLineTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    readonly ttlSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    // Without a configured secret (development), a random one: tokens then die with the process.
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }

  private async sign(
    audience: string,
    subject: string,
    claims: Record<string, string | number>,
    ttl: number,
  ): Promise<string> {
    const now = Math.floor(this.clock().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .sign(this.key);
  }

  /**
   * Whether the token's HS256 signature is ours: one synchronous HMAC. jose checks the signature again
   * through WebCrypto, whose job machinery costs about 15 times as much (measured: about 100 us against 7 us
   * a check), so a flood of forged or malformed tokens is refused here before it reaches jose.
   */
  signedByUs(token: string): boolean {
    const end = token.lastIndexOf('.');
    if (end <= 0 || token.indexOf('.') === end) return false;
    const expected = createHmac('sha256', this.key).update(token.slice(0, end)).digest();
    const given = Buffer.from(token.slice(end + 1), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async check(token: string, audience: string) {
    if (!this.signedByUs(token)) throw new TokenError('TokenInvalid', 'The token is not valid.');
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience,
        algorithms: ['HS256'],
        currentDate: this.clock(),
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('TokenExpired', 'The token has expired.');
      throw new TokenError('TokenInvalid', 'The token is not valid.');
    }
  }

  /** A client token for one conversation and user (a new conversation is born now). */
  async issue(grant: TokenGrant): Promise<{ token: string; expiresIn: number }> {
    const born = Math.floor((grant.bornAt ?? this.clock()).getTime() / 1000);
    const token = await this.sign(
      CLIENT_AUDIENCE,
      grant.userId,
      { conv: grant.conversationId, born, ...(grant.locale ? { loc: grant.locale } : {}) },
      this.ttlSeconds,
    );
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The grant of a valid client token; throws TokenError otherwise. */
  async verify(token: string): Promise<TokenGrant> {
    const payload = await this.check(token, CLIENT_AUDIENCE);
    if (typeof payload.conv !== 'string' || typeof payload.sub !== 'string') {
      throw new TokenError('TokenInvalid', 'The token is not valid.');
    }
    // Tokens issued before the claim existed count as born when they were issued.
    const born = typeof payload.born === 'number' ? payload.born : (payload.iat ?? 0);
    return {
      conversationId: payload.conv,
      userId: payload.sub,
      bornAt: new Date(born * 1000),
      ...(typeof payload.loc === 'string' ? { locale: payload.loc } : {}),
    };
  }

  /**
   * The name of a web chat client for counting failed receipt checks: a keyed hash of its address, so that
   * the counters (which sit beside a case number) never hold a witness's address; the same on every
   * instance that shares the secret.
   */
  clientKey(address: string): string {
    return `webchat:${createHmac('sha256', this.key).update(`client\u0000${address}`).digest('base64url').slice(0, 22)}`;
  }

  /** A short-lived token with which the bot's connector client posts replies to this channel. */
  async issueConnector(): Promise<string> {
    return this.sign(CONNECTOR_AUDIENCE, 'bot', {}, 300);
  }

  /** Checks a connector token; throws TokenError otherwise. */
  async verifyConnector(token: string): Promise<void> {
    await this.check(token, CONNECTOR_AUDIENCE);
  }
}
