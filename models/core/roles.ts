/**
 * What an account may do, each role including the ones before it: except `liaison` (the Shield network's
 * partner liaison), which reads no cases and whose alert rights officers do not have (bot/police/alerts).
 */
export const OFFICER_ROLES = ['liaison', 'officer', 'supervisor', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Whether `role` includes the rights of `needed` (admin ⊇ supervisor ⊇ officer). */
export function roleAtLeast(role: OfficerRole, needed: OfficerRole): boolean {
  return OFFICER_ROLES.indexOf(role) >= OFFICER_ROLES.indexOf(needed);
}

/** Who may write alerts and invite partners: liaison officers and supervisors (and administrators). */
export function mayWriteAlerts(role: OfficerRole): boolean {
  return role === 'liaison' || roleAtLeast(role, 'supervisor');
}
