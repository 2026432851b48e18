/** What an officer account may do, each role including the ones before it. */
export const OFFICER_ROLES = ['officer', 'supervisor', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Whether `role` includes the rights of `needed` (admin ⊇ supervisor ⊇ officer). */
export function roleAtLeast(role: OfficerRole, needed: OfficerRole): boolean {
  return OFFICER_ROLES.indexOf(role) >= OFFICER_ROLES.indexOf(needed);
}
