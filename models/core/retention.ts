/**
 * How long a closed case is kept, in days: a week to ten years. The one range for the configured default
 * (`RETENTION_DAYS`) and for the period an administrator sets (`PUT /api/admin/retention`).
 */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;
