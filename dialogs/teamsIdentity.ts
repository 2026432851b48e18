import { teamsGetTenant, type Activity } from 'botbuilder';

/** Who is writing, as Teams says it: their organisation's tenant and their Entra ID object id. */
export interface TeamsIdentity {
  readonly tenantId: string | undefined;
  readonly aadObjectId: string | undefined;
  readonly userId: string | undefined;
}

/**
 * The Teams identity of an activity's sender, or undefined outside Teams. The tenant is read with
 * botbuilder's own helper, so the dialogs never parse Teams' channel data themselves.
 */
export function teamsIdentity(activity: Activity): TeamsIdentity | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  const tenantId = teamsGetTenant(activity)?.id;
  return {
    tenantId: typeof tenantId === 'string' && tenantId !== '' ? tenantId : undefined,
    aadObjectId: activity.from?.aadObjectId,
    userId: activity.from?.id,
  };
}
