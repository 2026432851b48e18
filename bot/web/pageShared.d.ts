// The one declaration of /web/shared.js's shape: the service builds it (bot/pageShared.ts) and the browser
// code reads it as window.shieldShared (globals.d.ts). No imports, so that both programs can take it.

/** What the reporting page and the police console must know as the service knows it (/web/shared.js). */
export interface PageShared<L extends string = string> {
  /** The names the bot takes as "switch to this language" (dialogs/commands.ts), simplified. */
  languageNames: Readonly<Record<L, readonly string[]>>;
  /** Each language's own name, which a header button sends to the bot. */
  ownNames: Readonly<Record<L, string>>;
  /** The evidence types the file chooser offers (models/evidenceTypes.ts). */
  uploadAccept: string;
  /** The evidence types the police console previews as pictures (bot/cases/evidence.ts). */
  previewTypes: readonly string[];
}
