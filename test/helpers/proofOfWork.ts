import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

/** Solves a proof-of-work challenge as the page's worker does, and returns altcha's base64 payload. */
export async function solvedPayload(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge was not solved in time');
  return payloadOf(challenge, solution);
}

/** altcha's payload: base64 of the challenge with a solution (any object, to send malformed ones). */
export function payloadOf(challenge: unknown, solution: unknown): string {
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
