// The case workflow's rules, which the case API enforces and the console offers (through /web/shared.js).

/** A case's statuses, in the order a case moves through them. */
export const REPORT_STATUSES = ['new', 'triaged', 'in_progress', 'closed'] as const;
export type CaseStatus = (typeof REPORT_STATUSES)[number];

/** How a closed case ended. */
export const CASE_OUTCOMES = ['no_further_action', 'passed_on', 'resolved'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** The one step forward each status may take. */
export const NEXT_STATUS: Readonly<Record<CaseStatus, CaseStatus | undefined>> = {
  new: 'triaged',
  triaged: 'in_progress',
  in_progress: 'closed',
  closed: undefined,
};

/** A case number's form (SR-7KQ2M-X9D4T: two groups of five Crockford base-32 characters). */
export const CASE_NUMBER_PATTERN = 'SR-[0-9A-Z]{5}-[0-9A-Z]{5}';
/** A whole case number. */
export const CASE_NUMBER = new RegExp(`^${CASE_NUMBER_PATTERN}$`);
