// What the browser scripts in bot/web share through `window`, for the type check of tsconfig.browser.json
// (the scripts are plain files served as they are: no imports, no build step).

/** The part of Web Chat's bundle (botframework-webchat's dist/webchat.js) the reporting page uses. */
interface WebChatStore {
  dispatch(action: { type: string; payload?: unknown }): void;
}
interface WebChatBundle {
  createDirectLine(options: {
    domain: string;
    token: string;
    webSocket: boolean;
    conversationId?: string;
  }): unknown;
  createStore(
    initialState: object,
    middleware: () => (next: (action: WebChatAction) => unknown) => (action: WebChatAction) => unknown,
  ): WebChatStore;
  renderWebChat(options: object, element: HTMLElement): void;
}
/** A Web Chat store action as the page's middleware reads it. */
interface WebChatAction {
  type: string;
  payload?: { activity?: WebChatActivity; [key: string]: unknown };
}
interface WebChatActivity {
  type?: string;
  text?: string;
  from?: { role?: string };
  timestamp?: string;
  [key: string]: unknown;
}

/** The console's texts: a text, or a group of texts by key ("statuses.new"). */
interface ConsoleTexts {
  [key: string]: string | ConsoleTexts;
}

/** /web/shared.js, made by the service from its own definitions (bot/pageShared.ts, PageShared). */
interface PageShared {
  languageNames: Record<string, string[]>;
  ownNames: Record<string, string>;
  uploadAccept: string;
}

interface Window {
  /** /web/shared.js, loaded before widget.js. */
  shieldShared: PageShared;
  /** dist/webchat.js, loaded before widget.js. */
  WebChat: WebChatBundle;
  /** console/i18n.js: every console text by language. */
  shieldConsoleText: Record<string, ConsoleTexts>;
  /** teams/teamsStart.js: starts teams-js; true inside Teams. */
  shieldTeams: { start(): Promise<boolean> };
  /** teams-js (UMD build), loaded by teamsStart.js when the page may be in Teams. */
  microsoftTeams: typeof import('@microsoft/teams-js');
  /** Set by the Teams mobile clients' web view. */
  nativeInterface?: unknown;
}
