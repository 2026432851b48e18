import { testActivity, type ActivityOverrides } from '../../../helpers/http';

/** Invented Teams identities for the tests. */
export const PARTNER_TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const USER_OID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

/** An activity as Teams posts it from a personal chat: channel msteams, tenant and user in channelData. */
export function teamsActivity(
  overrides: ActivityOverrides & { tenantId?: string; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const base = testActivity({ channelId: 'msteams', ...overrides });
  const tenantId = overrides.tenantId ?? PARTNER_TENANT;
  return {
    ...base,
    from: { id: '29:invented-user', name: overrides.fromName ?? 'Test Witness', aadObjectId: USER_OID },
    conversation: { ...(base.conversation as object), conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    ...overrides.extra,
  };
}
