/**
 * Turn-state key set by the alert handling (bot/police/alerts) when a member pressed "Report something related"
 * on an alert card: the report dialog starts linked to that alert.
 */
export const RELATED_ALERT = Symbol('relatedAlert');

/** The alert a report is about, as the turn hands it to the dialogs. */
export interface RelatedAlert {
  alertId: string;
  /** The alert's title in the member's language, said back when the report starts. */
  title: string;
}
