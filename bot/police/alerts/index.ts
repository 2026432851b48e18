import { createHash, randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { FOLLOW_UP_ONLY } from '../../../dialogs/mainDialog';
import type { Config } from '../../config';
import type { AlertTurns } from './alertTurns';
import { admitPublicAppeal } from './publicAppeals';

/**
 * The key that signs invitation codes: INVITATION_SECRET, else one derived from CASE_TOKEN_SECRET (so that
 * every instance agrees without another secret to distribute), else a random one for this process only.
 */
export function invitationSecret(
  config: Pick<Config, 'caseTokenSecret'> & { alerts?: Pick<Config['alerts'], 'invitationSecret'> },
): {
  secret: string;
  source: 'configured' | 'derived' | 'random';
} {
  if (config.alerts?.invitationSecret)
    return { secret: config.alerts.invitationSecret, source: 'configured' };
  if (config.caseTokenSecret) {
    const derived = createHash('sha256')
      .update(`shield-invitations\u0000${config.caseTokenSecret}`)
      .digest('base64url');
    return { secret: derived, source: 'derived' };
  }
  return { secret: randomBytes(32).toString('base64url'), source: 'random' };
}

/**
 * The Teams admission with the Shield network around it: an invitation code is taken before the tenant
 * check (the tenant is not a partner yet), and after it a member's alert buttons and commands. False means
 * the turn was answered and no dialog may run.
 */
export async function admitWithAlerts(
  context: TurnContext,
  admit: (context: TurnContext) => Promise<boolean>,
  turns: AlertTurns,
): Promise<boolean> {
  if (await turns.redeemInvitation(context)) return false;
  if (!(await admitPublicAppeal(context, turns.publicAppeals))) return false;
  if (!(await admit(context))) return false;
  // A former partner's witness may only follow up their reports: no alerts for them.
  if (context.turnState.get(FOLLOW_UP_ONLY)) return true;
  return !(await turns.handleMemberTurn(context));
}
