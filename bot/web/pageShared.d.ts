// The one declaration of /web/shared.js's shape: the service builds it (bot/witness/pageShared.ts) and the browser
// code reads it as window.shieldShared (globals.d.ts). No imports, so that both programs can take it.

/** What the reporting page and the police console must know as the service knows it (/web/shared.js). */
export interface PageShared<L extends string = string> {
  /** The names the bot takes as "switch to this language" (dialogs/commands.ts), simplified. */
  languageNames: Readonly<Record<L, readonly string[]>>;
  /** Each language's own name, which a header button sends to the bot. */
  ownNames: Readonly<Record<L, string>>;
  /** The evidence types the file chooser offers (models/core/evidenceTypes.ts). */
  uploadAccept: string;
  /** The evidence types the police console previews as pictures (bot/police/cases/evidence.ts). */
  previewTypes: readonly string[];
  /** The console's part: what the case and alert APIs accept and who may use them. */
  console: {
    /** A case number's form, without anchors (bot/police/cases/console.ts). */
    caseNumberPattern: string;
    /** The one step forward each case status may take (bot/police/cases/caseDesk.ts); none from closed. */
    nextStatus: Readonly<Record<string, string | undefined>>;
    /** The outcomes a closed case may have (models/store/report.ts). */
    caseOutcomes: readonly string[];
    /** The languages an alert is written in, in the form's order (models/store/alert.ts). */
    alertLocales: readonly string[];
    /** An alert's severities, lowest first (models/store/alert.ts). */
    alertSeverities: readonly string[];
    /** The roles that may write alerts and invite partners (bot/police/alerts/alertRoutes.ts). */
    alertWriterRoles: readonly string[];
    /** The roles that read cases (models/core/roles.ts: officer and above). */
    caseReaderRoles: readonly string[];
  };
}
