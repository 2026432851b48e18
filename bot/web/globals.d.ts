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

interface Window {
  /** /web/shared.js, loaded before widget.js: made by the service from its own definitions (bot/witness/pageShared.ts). */
  shieldShared: import('./pageShared').PageShared;
  /** dist/webchat.js, loaded before widget.js. */
  WebChat: WebChatBundle;
  /** console/i18n.js: every console text by language. */
  shieldConsoleText: Record<string, ConsoleTexts>;
  /** console/alertsText.js: the alerts part's texts by language. */
  shieldAlertText: Record<string, ConsoleTexts>;
  /** console/alerts.js: the alerts to partners in the console. */
  shieldAlerts: {
    handles(pathname: string): boolean;
    open(): Promise<void>;
    applyNav(): void;
  };
  /** console/app.js: what alerts.js uses of the console. */
  shieldConsole: {
    base: string;
    /** An element with text content (never HTML) and an optional class. */
    el<K extends keyof HTMLElementTagNameMap>(
      tag: K,
      text?: unknown,
      className?: string,
    ): HTMLElementTagNameMap[K];
    /** A `type="button"` button with text content. */
    button(text: unknown, onClick?: (event: MouseEvent) => void, className?: string): HTMLButtonElement;
    /** The answer's JSON, as Response.json() gives it. */
    api(method: string, url: string, body?: unknown): ReturnType<Response['json']>;
    authorisedFetch(method: string, url: string, body?: unknown): Promise<Response>;
    saveBlob(blob: Blob, name: string): void;
    navigate(url: string, replace?: boolean): void;
    show(section: string): void;
    say(text: string): void;
    failed(error: unknown): void;
    caseUrl(caseNumber: string): string;
    officer(): { id?: string; email: string; role: string | null } | null;
    lang(): string;
  };
  /** widget.js, once the chat is connected: starts the report linked to a public appeal (appeal.js). */
  shieldReportRelated?: (alertId: string) => void;
  /** teams/teamsStart.js: starts teams-js; true inside Teams. */
  shieldTeams: { start(): Promise<boolean> };
  /** teams-js (UMD build), loaded by teamsStart.js when the page may be in Teams. */
  microsoftTeams: typeof import('@microsoft/teams-js');
  /** Set by the Teams mobile clients' web view. */
  nativeInterface?: unknown;
}
