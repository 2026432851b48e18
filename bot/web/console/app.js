// @ts-check
// Shield Reporter case console: plain browser code, no framework. Every text that came from a witness (or
// from anyone) is put into the page with textContent, never innerHTML, so it can never become markup.
'use strict';

(function () {
  /**
   * The case API's answers, as this file reads them (bot/police/cases).
   * @typedef {{ id?: string, email: string, role: string | null }} SignedIn the officer signed in
   * @typedef {{ id: string, email: string, role: string }} OfficerEntry one of GET /api/officers
   * @typedef {Record<string, string>} OfficerNames account ids to names, as a case answer gives them
   * @typedef {{ caseNumber: string, urgent?: boolean, unreadAnswers: number, status: string, category: string,
   *   submittedAt: string, place?: string, summary?: string }} CaseRow one case of the list
   * @typedef {{ caseNumber: string, urgent?: boolean, status: string, submittedAt: string, channel: string,
   *   locale: string, questionnaireHash?: string, assignee?: string | null, closedAt?: string | null,
   *   outcome?: string | null, answers?: Record<string, unknown> }} CaseItem
   * @typedef {{ label: string, value: string | null }} AnswerLine
   * @typedef {{ id: string, label: string, value: string | null,
   *   items?: { title: string, answers: AnswerLine[] }[] }} AnswerRow
   * @typedef {{ latitude: number, longitude?: number }} FileLocation
   * @typedef {{ fileId: string, name: string, contentType: string, location?: FileLocation }} StoredFile a file
   *   in the evidence store
   * @typedef {{ fileId?: undefined, name: string, contentType: string, contentUrl: string }} LinkedFile a file
   *   kept elsewhere (Teams)
   * @typedef {StoredFile | LinkedFile} Attachment
   * @typedef {{ askedAt: string, text: string, answer: string | null, answeredAt?: string }} Question
   * @typedef {{ at: string, author: string, text: string }} Note
   * @typedef {{ with?: string, reopened?: boolean, to?: string, from?: string, outcome?: string,
   *   assignee?: string | null }} HistoryDetail
   * @typedef {{ action: string, actor: string, at: string, detail?: HistoryDetail }} HistoryEntry
   * @typedef {{ count: number, readers: string[], lastAt: string, lastBy: string }} Reads
   * @typedef {{ caseNumber: string, status: string, when?: string, submittedAt: string, openQuestions: number,
   *   place?: string, summary?: string }} Brief a related case in brief
   * @typedef {{ case: CaseItem, officers?: OfficerNames, incident?: { cases: Brief[] } | null,
   *   possibleDuplicates?: Brief[] | null, answers: AnswerRow[], questions: Question[], notes: Note[],
   *   history: HistoryEntry[], reads?: Reads | null }} CaseAnswer GET /api/cases/:caseNumber
   */

  const TOKEN_KEY = 'shield-case-token';
  const REFRESH_KEY = 'shield-case-refresh';
  const OFFICER_KEY = 'shield-case-officer';
  const DRAFTS_KEY = 'shield-case-drafts';
  const PENDING_KEY = 'shield-case-pending';
  const LANG_KEY = 'shield-console-lang';
  const LAST_OFFICER_KEY = 'shield-case-last-officer';
  // As the service defines them (/web/shared.js, bot/witness/pageShared.ts); the languages are the console's texts'.
  const SHARED = window.shieldShared.console;
  const NEXT_STATUS = SHARED.nextStatus;
  const OUTCOMES = SHARED.caseOutcomes;
  const LANGS = Object.keys(window.shieldConsoleText);
  const CASE_PATH = new RegExp(`/cases/(${SHARED.caseNumberPattern})$`);
  /**
   * Browser storage, or memory where the page may not use it (a Teams tab framed by another site can be
   * refused localStorage and sessionStorage): the console then still works, only forgetting on reload.
   */
  /** @param {'localStorage' | 'sessionStorage'} kind */
  function storage(kind) {
    /** @type {Map<string, string>} */
    const memory = new Map();
    /** @type {Storage | null} */
    let real = null;
    try {
      real = window[kind];
      real.getItem('probe');
    } catch {
      real = null;
    }
    return {
      /** @param {string} key */
      getItem: (key) => (real ? real.getItem(key) : (memory.get(key) ?? null)),
      /** @param {string} key @param {string} value */
      setItem: (key, value) => (real ? real.setItem(key, value) : memory.set(key, String(value))),
      /** @param {string} key */
      removeItem: (key) => (real ? real.removeItem(key) : memory.delete(key)),
    };
  }
  const local = storage('localStorage');
  const session = storage('sessionStorage');
  // The list refreshes itself this often while it is on screen (a test may shorten it in localStorage).
  const POLL_MS = Number(local.getItem('shield-console-poll-ms')) || 30_000;

  // The console lives at /console, or at /teams/console as the Teams tab; each case at <base>/cases/<number>.
  const BASE = location.pathname.startsWith('/teams/console') ? '/teams/console' : '/console';

  /**
   * An element of the page by id (the console's own index.html has every one; a clear error if not).
   * @param {string} id
   * @returns {HTMLElement}
   */
  const $ = (id) => {
    const node = document.getElementById(id);
    if (!node) throw new Error(`app.js: the page has no #${id}`);
    return node;
  };
  /** A form field of the page by id (an input, select or textarea: each has a value). @param {string} id */
  const field = (id) => /** @type {HTMLInputElement} */ ($(id));
  /** A dialog of the page by id. @param {string} id */
  const dialogOf = (id) => /** @type {HTMLDialogElement} */ ($(id));
  /** An image of the page by id. @param {string} id */
  const pictureOf = (id) => /** @type {HTMLImageElement} */ ($(id));
  /**
   * @type {{ cursor: string | null, current: string | null, officer: SignedIn | null,
   *   officers: OfficerEntry[] | null, order: string[], listLoaded: boolean, lang: string }}
   */
  const state = {
    cursor: null,
    current: null,
    officer: null,
    officers: null,
    order: [],
    listLoaded: false,
    lang: 'en',
  };
  // Inside a Teams tab the officer is signed in by Teams: its token (Entra ID) is the bearer token, there is
  // no login form and no log out, and the page follows the Teams theme.
  /** @type {{ active: boolean, token: string | null }} */
  const teams = { active: false, token: null };

  // ---- texts ----

  function pickLanguage() {
    const saved = local.getItem(LANG_KEY);
    if (saved && LANGS.includes(saved)) return saved;
    const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
    return LANGS.includes(browser) ? browser : 'en';
  }

  /**
   * The text for a key ("events.note") in the officer's language, with {placeholders} filled in.
   * @param {string} key
   * @param {Record<string, unknown>} [params]
   * @returns {string}
   */
  function t(key, params) {
    /** @param {ConsoleTexts | undefined} catalogue */
    const lookup = (catalogue) =>
      key.split('.').reduce(
        /** @param {string | ConsoleTexts | undefined} node @param {string} part */
        (node, part) => (node && typeof node === 'object' ? node[part] : undefined),
        /** @type {string | ConsoleTexts | undefined} */ (catalogue),
      );
    let text = lookup(window.shieldConsoleText[state.lang]);
    if (typeof text !== 'string') text = lookup(window.shieldConsoleText.en);
    if (typeof text !== 'string') return key;
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
      params && params[name] !== undefined && params[name] !== null ? String(params[name]) : whole,
    );
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    field('console-lang').value = state.lang;
    for (const node of document.querySelectorAll('[data-i18n]'))
      node.textContent = t(/** @type {HTMLElement} */ (node).dataset.i18n || '');
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      const input = /** @type {HTMLInputElement} */ (node);
      input.placeholder = t(input.dataset.i18nPlaceholder || '');
    }
    document.title = t('title');
  }

  /**
   * Creates an element with text content (never HTML) and optional class.
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {unknown} [text]
   * @param {string} [className]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  /**
   * @param {unknown} text
   * @param {(event: MouseEvent) => void} [onClick]
   * @param {string} [className]
   */
  function button(text, onClick, className) {
    const node = el('button', text, className);
    node.type = 'button';
    if (onClick) node.addEventListener('click', onClick);
    return node;
  }

  /** @param {string} section */
  function show(section) {
    for (const id of ['login', 'list', 'detail', 'alerts']) $(id).hidden = id !== section;
    $('who').hidden = section === 'login';
  }

  /** @param {string | null | undefined} text */
  function say(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }

  /** @param {unknown} error anything a request or a step threw */
  const failed = (error) => {
    const problem = /** @type {{ kept?: unknown, message?: string } | null | undefined} */ (error);
    if (!problem || !problem.kept) say(problem && problem.message);
  };

  /** @param {string | null | undefined} value */
  function formatTime(value) {
    return value ? new Date(value).toLocaleString(state.lang) : '';
  }

  /** @param {string | undefined} status */
  const statusText = (status) => t(`statuses.${status}`);
  /** @param {string | null | undefined} outcome */
  const outcomeText = (outcome) => (outcome ? t(`outcomes.${outcome}`) : '');
  /**
   * @param {OfficerNames | null | undefined} officers
   * @param {string | null | undefined} id
   */
  const nameOf = (officers, id) => (id ? (officers && officers[id]) || id : t('nobody'));

  // ---- session ----

  function token() {
    return session.getItem(TOKEN_KEY);
  }

  /** @param {{ token: string, refreshToken?: string, officer: SignedIn }} answer */
  function storeSession(answer) {
    session.setItem(TOKEN_KEY, answer.token);
    if (answer.refreshToken) session.setItem(REFRESH_KEY, answer.refreshToken);
    session.setItem(OFFICER_KEY, JSON.stringify(answer.officer));
  }

  function forgetSession() {
    state.officers = null;
    state.officer = null;
    session.removeItem(TOKEN_KEY);
    session.removeItem(REFRESH_KEY);
    session.removeItem(OFFICER_KEY);
  }

  /**
   * @param {boolean} renew
   * @returns {Promise<string>}
   */
  async function teamsToken(renew) {
    if (renew || !teams.token) teams.token = await window.microsoftTeams.authentication.getAuthToken();
    return teams.token;
  }

  /** @param {string | undefined} theme */
  function applyTheme(theme) {
    document.body.className = `theme-${theme === 'dark' || theme === 'contrast' ? theme : 'default'}`;
  }

  /** Logging out ends the session on the server too (its refresh token is revoked), and drops the drafts. */
  function logout() {
    const refreshToken = session.getItem(REFRESH_KEY);
    forgetSession();
    session.removeItem(DRAFTS_KEY);
    session.removeItem(PENDING_KEY);
    if (refreshToken) {
      fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }).catch(() => undefined);
    }
    show('login');
  }

  /** Thrown for a refused request; `status` lets a caller tell "not allowed" from a failure. */
  class ApiError extends Error {
    /**
     * @param {string} message
     * @param {number} status
     * @param {boolean} [kept]
     */
    constructor(message, status, kept) {
      super(message);
      this.status = status;
      this.kept = kept === true;
    }
  }

  // One renewal at a time: requests refused together all wait for the same new token.
  /** @type {Promise<boolean> | null} */
  let renewing = null;
  function renewSession() {
    const refreshToken = session.getItem(REFRESH_KEY);
    if (!refreshToken) return Promise.resolve(false);
    renewing =
      renewing ||
      fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      })
        .then(async (response) => {
          if (!response.ok) return false;
          storeSession(await response.json());
          return true;
        })
        .catch(() => false)
        .finally(() => {
          renewing = null;
        });
    return renewing;
  }

  /**
   * The session could not be renewed (idle too long, revoked). A change the officer was making is kept, with
   * the case it was for, and done after the next login; the drafts stay too.
   */
  /**
   * @param {string} method
   * @param {string} url
   * @param {unknown} body
   */
  function sessionEnded(method, url, body) {
    const caseNumber = (CASE_PATH.exec(location.pathname) || [])[1] || state.current;
    const change = method !== 'GET';
    const officerId = state.officer && state.officer.id;
    // A file cannot be kept in session storage: an upload interrupted by the login is simply sent again.
    if (change && !(body instanceof FormData))
      session.setItem(PENDING_KEY, JSON.stringify({ method, url, body, caseNumber, officerId }));
    forgetSession();
    show('login');
    say(change && caseNumber ? t('sessionKept', { case: caseNumber }) : t('sessionEnded'));
    return new ApiError(t('sessionEnded'), 401, true);
  }

  /**
   * @param {string} method
   * @param {string} url
   * @param {unknown} body
   * @param {string | null} bearer
   */
  async function request(method, url, body, bearer) {
    /** @type {Record<string, string>} */
    const headers = { Authorization: `Bearer ${bearer}` };
    // A file goes as multipart (FormData), whose boundary the browser writes into the Content-Type itself.
    if (body instanceof FormData) return fetch(url, { method, headers, body });
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /**
   * A request to the case API with the officer's token, renewed once when the API refuses it.
   * @param {string} method
   * @param {string} url
   * @param {unknown} [body]
   */
  async function authorisedFetch(method, url, body) {
    if (teams.active) {
      let response = await request(method, url, body, await teamsToken(false));
      // A Teams token may have expired since it was fetched: ask Teams for a fresh one, once.
      if (response.status === 401) response = await request(method, url, body, await teamsToken(true));
      if (response.status === 401) throw new ApiError(t('teamsFailed'), 401);
      return response;
    }
    let response = await request(method, url, body, token());
    if (response.status === 401 && (await renewSession()))
      response = await request(method, url, body, token());
    if (response.status === 401) throw sessionEnded(method, url, body);
    return response;
  }

  /**
   * @param {string} method
   * @param {string} url
   * @param {unknown} [body]
   */
  async function api(method, url, body) {
    const response = await authorisedFetch(method, url, body);
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new ApiError(answer.message || t('requestFailed', { status: response.status }), response.status);
    }
    return answer;
  }

  /** Does the change kept when the session ended, then shows the case it was for. */
  async function retryPending() {
    const saved = session.getItem(PENDING_KEY);
    if (!saved) return false;
    session.removeItem(PENDING_KEY);
    /** @type {{ method: string, url: string, body: unknown, caseNumber?: string | null }} */
    const pending = JSON.parse(saved);
    await api(pending.method, pending.url, pending.body);
    if (pending.caseNumber) {
      const kind = /\/(notes|questions)$/.exec(pending.url);
      if (kind) dropDraft(pending.caseNumber, kind[1]);
      navigate(caseUrl(pending.caseNumber), true);
      say(t('retried', { case: pending.caseNumber }));
      return true;
    }
    return false;
  }

  // ---- drafts: what the officer typed belongs to the case it was typed on ----

  /** @returns {Record<string, string>} */
  function drafts() {
    try {
      return JSON.parse(session.getItem(DRAFTS_KEY) || '{}');
    } catch {
      return {};
    }
  }

  /**
   * @param {string} caseNumber
   * @param {string} kind
   */
  function draftOf(caseNumber, kind) {
    return drafts()[`${caseNumber}/${kind}`] || '';
  }

  /**
   * @param {string} caseNumber
   * @param {string} kind
   * @param {string} text
   */
  function saveDraft(caseNumber, kind, text) {
    const all = drafts();
    if (text) all[`${caseNumber}/${kind}`] = text;
    else delete all[`${caseNumber}/${kind}`];
    session.setItem(DRAFTS_KEY, JSON.stringify(all));
  }

  /**
   * @param {string} caseNumber
   * @param {string} kind
   */
  function dropDraft(caseNumber, kind) {
    saveDraft(caseNumber, kind, '');
  }

  const DRAFT_FORMS = [
    { kind: 'notes', form: 'note-form', box: 'note-text' },
    { kind: 'questions', form: 'question-form', box: 'question-text' },
  ];

  /**
   * Puts the case's own drafts in the boxes: a box never shows (or sends) text typed on another case.
   * @param {string | null} caseNumber
   */
  function bindDrafts(caseNumber) {
    for (const { kind, form, box } of DRAFT_FORMS) {
      $(form).dataset.case = caseNumber || '';
      field(box).value = caseNumber ? draftOf(caseNumber, kind) : '';
      $(box).setAttribute('aria-description', caseNumber ? t('draftFor', { case: caseNumber }) : '');
    }
  }

  // ---- routes: every case has its own address ----

  /** @param {string} caseNumber */
  const caseUrl = (caseNumber) => `${BASE}/cases/${encodeURIComponent(caseNumber)}`;

  /**
   * @param {string | null} url
   * @param {boolean} [replace]
   */
  function navigate(url, replace) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    route().catch(failed);
  }

  async function route() {
    // The alerts to partners (alerts.js) have their own pages under <base>/alerts.
    const alerts = window.shieldAlerts;
    alerts.applyNav();
    if (alerts.handles(location.pathname)) {
      bindDrafts(null);
      state.current = null;
      await alerts.open();
      return;
    }
    const match = CASE_PATH.exec(location.pathname);
    if (match) {
      // Opened from its address: the list is fetched too, so that j and k know the next case.
      if (!state.listLoaded) loadList(false, true).catch(() => undefined);
      await openCase(match[1]);
      return;
    }
    bindDrafts(null);
    state.current = null;
    if (state.listLoaded) show('list');
    else await loadList(false);
  }

  /**
   * A click on a console link moves within the page; a click with a modifier opens a tab as usual.
   * @param {MouseEvent} event
   */
  function followLink(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // Only an element has closest(); a click on the document itself leads nowhere.
    const target = event.target;
    const link = target instanceof Element && target.closest('a[data-route]');
    if (!link) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  }

  // ---- list ----

  function listParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(/** @type {HTMLFormElement} */ ($('filters'))))
      if (value) params.set(name, String(value));
    return params;
  }

  /** @param {string | null} cursor */
  function listUrl(cursor) {
    const params = listParams();
    if (cursor) params.set('cursor', cursor);
    return `/api/cases?${params.toString()}`;
  }

  /** A cell with the column's name, which narrow screens show beside the value (the table becomes cards). */
  /**
   * @param {string} column
   * @param {string | Node | null | undefined} content
   * @param {string} [className]
   */
  function cell(column, content, className) {
    const node = el('td', null, className);
    node.dataset.label = t(column);
    if (typeof content === 'string') node.textContent = content;
    else if (content) node.append(content);
    return node;
  }

  /** @param {CaseRow} item */
  function caseRow(item) {
    const row = el('tr');
    row.dataset.case = item.caseNumber;
    if (item.urgent) row.classList.add('urgent');
    if (item.unreadAnswers > 0) row.classList.add('unread');
    const first = el('td', null, 'case-cell');
    first.dataset.label = t('colCase');
    const link = el('a', item.caseNumber, 'case-link');
    link.href = caseUrl(item.caseNumber);
    link.dataset.route = '';
    first.append(link);
    if (item.unreadAnswers > 0)
      first.append(' ', el('span', t('unread', { n: item.unreadAnswers }), 'badge-unread'));
    row.append(first);
    row.append(cell('colUrgent', item.urgent ? el('span', t('urgentBadge'), 'badge-urgent') : ''));
    row.append(cell('colStatus', statusText(item.status)));
    row.append(cell('colCategory', t(`categories.${item.category}`)));
    row.append(cell('colReceived', formatTime(item.submittedAt)));
    row.append(cell('colPlace', item.place, 'witness-text'));
    row.append(cell('colSummary', item.summary, 'witness-text'));
    // The whole row opens the case with the mouse; the keyboard uses the link in its first cell.
    row.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a')) return;
      navigate(caseUrl(item.caseNumber));
    });
    return row;
  }

  /**
   * @param {boolean} append
   * @param {boolean} [quiet]
   */
  async function loadList(append, quiet) {
    /** @type {{ cases: CaseRow[], nextCursor?: string | null }} */
    const page = await api('GET', listUrl(append ? state.cursor : null));
    const rows = $('case-rows');
    const focused =
      document.activeElement && document.activeElement.closest && document.activeElement.closest('tr');
    const focusedCase = focused ? focused.dataset.case : null;
    if (!append) {
      rows.replaceChildren();
      state.order = [];
    }
    for (const item of page.cases) {
      rows.append(caseRow(item));
      state.order.push(item.caseNumber);
    }
    state.cursor = page.nextCursor ?? null;
    state.listLoaded = true;
    $('more').hidden = !page.nextCursor;
    $('no-cases').hidden = state.order.length > 0;
    if (focusedCase) focusRow(focusedCase);
    if (!quiet && !CASE_PATH.test(location.pathname)) show('list');
  }

  /** @param {string} caseNumber */
  function focusRow(caseNumber) {
    const link = /** @type {HTMLElement | null} */ (
      document.querySelector(`#case-rows tr[data-case="${caseNumber}"] a.case-link`)
    );
    if (link) link.focus();
  }

  // The list refreshes itself while it is shown, so new reports and witness answers appear without a click.
  function startPolling() {
    setInterval(() => {
      if (document.visibilityState !== 'visible' || $('list').hidden || !state.officer) return;
      loadList(false, true).catch(() => undefined);
    }, POLL_MS);
  }

  // ---- detail ----

  /**
   * @param {AnswerRow[]} answers
   * @param {CaseItem} item
   */
  function renderAnswers(answers, item) {
    const list = $('answers');
    list.replaceChildren();
    for (const answer of answers) {
      if (answer.items) {
        list.append(el('dt', answer.label));
        if (answer.items.length === 0) list.append(el('dd', '—'));
        for (const entry of answer.items) {
          const block = el('dd');
          block.append(el('strong', entry.title));
          const inner = el('dl');
          for (const sub of entry.answers) {
            if (sub.value === null) continue;
            inner.append(el('dt', sub.label), el('dd', sub.value, 'answer-value'));
          }
          block.append(inner);
          list.append(block);
        }
        continue;
      }
      list.append(
        el('dt', answer.label),
        el('dd', answer.value === null ? '—' : answer.value, 'answer-value'),
      );
      // The witness's own words for the time, where the report kept them, beside the time understood.
      const when = item.answers && item.answers.when;
      if (answer.id === 'when' && when) {
        const words = witnessWords(when);
        if (words) list.append(el('dd', t('witnessWords', { text: words }), 'witness-text witness-words'));
      }
    }
  }

  /** @param {unknown} when the stored answer to "when", whatever its form */
  function witnessWords(when) {
    if (!when || typeof when !== 'object') return null;
    for (const name of ['said', 'text', 'words', 'original', 'raw']) {
      const words = /** @type {Record<string, unknown>} */ (when)[name];
      if (typeof words === 'string' && words.trim()) return words;
    }
    return null;
  }

  // Object URLs of the photo previews on screen; released when the case view is drawn again.
  /** @type {string[]} */
  const previews = [];
  // The service's own list (bot/police/cases/evidence.ts), served in /web/shared.js.
  const PREVIEW_TYPES = window.shieldShared.previewTypes;

  /** Fetches one of the case's stored files with the officer's token (an <img> or link could send none). */
  /**
   * @param {string} caseNumber
   * @param {string} fileId
   */
  async function evidenceBlob(caseNumber, fileId) {
    const response = await authorisedFetch(
      'GET',
      `/api/cases/${encodeURIComponent(caseNumber)}/attachments/${encodeURIComponent(fileId)}`,
    );
    if (!response.ok) throw new Error(t('fileFailed', { status: response.status }));
    return response.blob();
  }

  /**
   * A name for the saved file: the witness's name without anything a file system could misread.
   * @param {string} name
   */
  function downloadName(name) {
    return name.replace(/[^\p{L}\p{N} ._-]+/gu, '_').replace(/^[.\s]+/, '') || 'evidence';
  }

  /**
   * @param {Blob} blob
   * @param {string} name
   */
  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    // The browser has started the download from the object URL by now; give it time before releasing it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /**
   * @param {string} caseNumber
   * @param {StoredFile} attachment
   */
  async function saveFile(caseNumber, attachment) {
    saveBlob(await evidenceBlob(caseNumber, attachment.fileId), downloadName(attachment.name));
  }

  /**
   * @param {HTMLImageElement} image
   * @param {string} name
   */
  function openPhoto(image, name) {
    pictureOf('photo-full').src = image.src;
    pictureOf('photo-full').alt = t('photoAlt', { name });
    $('photo-title').textContent = t('photoAlt', { name });
    dialogOf('photo-dialog').showModal();
  }

  /**
   * @param {string} caseNumber
   * @param {StoredFile} attachment
   * @param {HTMLElement} item
   */
  function showPreview(caseNumber, attachment, item) {
    const image = el('img', null, 'evidence-preview');
    image.alt = t('photoAlt', { name: attachment.name });
    const open = button(t('openFull'), () => openPhoto(image, attachment.name), 'photo-open');
    open.disabled = true;
    item.append(image, open);
    evidenceBlob(caseNumber, attachment.fileId)
      .then((blob) => {
        if (!image.isConnected) return;
        const url = URL.createObjectURL(blob);
        previews.push(url);
        image.src = url;
        open.disabled = false;
        image.addEventListener('click', () => openPhoto(image, attachment.name));
      })
      .catch(failed);
  }

  /**
   * Every file among a case's answers (the evidence questions'), as the case API gives them.
   * @param {Record<string, unknown>} answers
   * @returns {Attachment[]}
   */
  function attachmentsOf(answers) {
    return Object.values(answers).flatMap((value) => {
      const files =
        value && typeof value === 'object'
          ? /** @type {{ attachments?: unknown }} */ (value).attachments
          : undefined;
      return Array.isArray(files) ? /** @type {Attachment[]} */ (files) : [];
    });
  }

  /**
   * @param {string} caseNumber
   * @param {Attachment[]} attachments
   */
  function renderAttachments(caseNumber, attachments) {
    for (const url of previews.splice(0)) URL.revokeObjectURL(url);
    const list = $('attachments');
    list.replaceChildren();
    if (attachments.length === 0) list.append(el('li', t('none')));
    for (const attachment of attachments) {
      const item = el('li');
      item.dataset.fileId = attachment.fileId || '';
      if (attachment.fileId) {
        // A file in the evidence store: the case API serves it, with the officer's token and an audit entry.
        item.append(el('span', attachment.name, 'attachment-name'));
        item.append(el('span', ` (${attachment.contentType}) `));
        item.append(
          button(t('download'), () => saveFile(caseNumber, attachment).catch(failed), 'attachment-download'),
        );
        if (attachment.location) {
          item.append(
            el(
              'p',
              t('gps', { lat: attachment.location.latitude, lon: attachment.location.longitude ?? '—' }),
              'gps',
            ),
          );
        }
        if (PREVIEW_TYPES.includes(attachment.contentType)) showPreview(caseNumber, attachment, item);
        list.append(item);
        continue;
      }
      // Not in the evidence store: the case API gives the file's address instead.
      const linked = /** @type {LinkedFile} */ (attachment);
      let url = null;
      try {
        url = new URL(linked.contentUrl, location.href);
      } catch {
        url = null;
      }
      // A file kept elsewhere (Teams). Only web addresses become links: a javascript: or data: URL stays
      // inert text.
      if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
        const link = el('a', attachment.name);
        link.href = url.href;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        item.append(link);
      } else {
        item.append(el('span', attachment.name));
      }
      item.append(el('span', ` (${attachment.contentType})`));
      list.append(item);
    }
  }

  /** @param {Question[]} questions */
  function renderQuestions(questions) {
    const list = $('questions');
    list.replaceChildren();
    if (questions.length === 0) list.append(el('li', t('noneYet')));
    for (const question of questions) {
      const item = el('li');
      item.append(el('div', `${formatTime(question.askedAt)}: ${question.text}`, 'witness-text'));
      item.append(
        el(
          'div',
          question.answer === null
            ? t('notAnswered')
            : t('answerAt', { at: formatTime(question.answeredAt), text: question.answer }),
          'witness-text answer-value',
        ),
      );
      list.append(item);
    }
  }

  /**
   * @param {Note[]} notes
   * @param {OfficerNames} officers
   */
  function renderNotes(notes, officers) {
    const list = $('notes');
    list.replaceChildren();
    if (notes.length === 0) list.append(el('li', t('noneYet')));
    for (const note of notes)
      list.append(
        el('li', `${formatTime(note.at)} · ${nameOf(officers, note.author)}: ${note.text}`, 'witness-text'),
      );
  }

  /**
   * One history entry as a sentence in the officer's language, with names instead of account ids.
   * @param {HistoryEntry} entry
   * @param {OfficerNames} officers
   * @returns {string[]}
   */
  function historySentence(entry, officers) {
    const who = nameOf(officers, entry.actor);
    /** @type {HistoryDetail} */
    const detail = entry.detail || {};
    if (entry.action === 'case.noteAdded') return [t('events.note', { who })];
    if (entry.action === 'case.questionAsked') return [t('events.question', { who })];
    if (entry.action === 'case.linked') return [t('events.linked', { who, other: detail.with })];
    if (entry.action === 'case.unlinked') return [t('events.unlinked', { who })];
    if (entry.action !== 'case.updated') return [t('events.other', { who, action: entry.action })];
    /** @type {string[]} */
    const sentences = [];
    if (detail.reopened) sentences.push(t('events.reopened', { who }));
    else if (detail.to === 'closed')
      sentences.push(t('events.closed', { who, outcome: outcomeText(detail.outcome) }));
    else if (detail.to)
      sentences.push(t('events.moved', { who, from: statusText(detail.from), to: statusText(detail.to) }));
    if ('assignee' in detail) {
      sentences.push(
        detail.assignee
          ? t('events.assigned', { who, name: nameOf(officers, detail.assignee) })
          : t('events.unassigned', { who }),
      );
    }
    return sentences;
  }

  /**
   * @param {HistoryEntry[]} history
   * @param {Reads | null | undefined} reads
   * @param {OfficerNames} officers
   */
  function renderHistory(history, reads, officers) {
    const list = $('history');
    list.replaceChildren();
    for (const entry of history) {
      for (const sentence of historySentence(entry, officers)) {
        const item = el('li');
        item.append(el('time', formatTime(entry.at), 'history-time'), ' ', el('span', sentence));
        list.append(item);
      }
    }
    $('reads').textContent =
      reads && reads.count > 0
        ? t('reads', {
            n: reads.count,
            names: reads.readers.map((id) => nameOf(officers, id)).join(', '),
            at: formatTime(reads.lastAt),
            who: nameOf(officers, reads.lastBy),
          })
        : t('noReads');
  }

  /**
   * One related case in brief, its number a link to it: the incident's cases are read side by side.
   * @param {Brief} entry
   * @param {string} current
   */
  function briefItem(entry, current) {
    const item = el('li', null, 'brief');
    item.dataset.case = entry.caseNumber;
    if (entry.caseNumber === current) {
      item.append(el('strong', `${entry.caseNumber} (${t('thisCase')})`));
    } else {
      const link = el('a', entry.caseNumber, 'case-link');
      link.href = caseUrl(entry.caseNumber);
      link.dataset.route = '';
      item.append(link);
    }
    item.append(
      ` · ${statusText(entry.status)} · ${formatTime(entry.when || entry.submittedAt)}`,
      entry.openQuestions > 0 ? ` · ${t('openQuestions', { n: entry.openQuestions })}` : '',
    );
    item.append(
      el('div', entry.place, 'witness-text'),
      el('div', entry.summary, 'witness-text brief-summary'),
    );
    return item;
  }

  /**
   * @param {string} caseNumber
   * @param {string} other
   */
  function linkCases(caseNumber, other) {
    return api('POST', `/api/cases/${encodeURIComponent(caseNumber)}/links`, { caseNumber: other }).then(() =>
      openCase(caseNumber),
    );
  }

  /**
   * @param {string} caseNumber
   * @param {{ cases: Brief[] } | null | undefined} incident
   * @param {Brief[] | null | undefined} duplicates
   */
  function renderRelated(caseNumber, incident, duplicates) {
    const box = $('incident');
    box.replaceChildren();
    if (incident) {
      box.append(el('p', t('incidentCases')));
      const list = el('ul', null, 'brief-list');
      list.id = 'incident-cases';
      for (const entry of incident.cases) list.append(briefItem(entry, caseNumber));
      box.append(list);
      const unlink = button(t('unlink'), () =>
        api('DELETE', `/api/cases/${encodeURIComponent(caseNumber)}/links`)
          .then(() => openCase(caseNumber))
          .catch(failed),
      );
      unlink.id = 'unlink';
      box.append(unlink);
    }
    const suggestions = $('suggestions');
    suggestions.replaceChildren();
    if (!duplicates || duplicates.length === 0) {
      suggestions.append(el('p', t('noSuggestions')));
      return;
    }
    suggestions.append(el('p', t('suggestions')));
    const list = el('ul', null, 'brief-list');
    list.id = 'duplicates';
    for (const entry of duplicates) {
      const item = briefItem(entry, caseNumber);
      const link = button(
        t('link'),
        () => linkCases(caseNumber, entry.caseNumber).catch(failed),
        'link-duplicate',
      );
      link.setAttribute('aria-label', `${t('link')} ${entry.caseNumber}`);
      item.append(link);
      list.append(item);
    }
    suggestions.append(list);
  }

  function isSupervisor() {
    return state.officer && (state.officer.role === 'supervisor' || state.officer.role === 'admin');
  }

  /**
   * @param {string} caseNumber
   * @param {object} body
   */
  function patchCase(caseNumber, body) {
    return api('PATCH', `/api/cases/${encodeURIComponent(caseNumber)}`, body).then(() =>
      openCase(caseNumber),
    );
  }

  /** @param {CaseItem} item */
  function askToClose(item) {
    const dialog = dialogOf('close-dialog');
    $('close-title').textContent = t('closeTitle', { case: item.caseNumber });
    const box = $('close-outcomes');
    box.replaceChildren();
    // No outcome is chosen beforehand: the officer says how the case ended.
    for (const value of OUTCOMES) {
      const label = el('label', null, 'choice');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = 'outcome';
      radio.value = value;
      label.append(radio, ' ', el('span', outcomeText(value)));
      box.append(label);
    }
    $('close-problem').hidden = true;
    dialog.dataset.case = item.caseNumber;
    dialog.showModal();
  }

  /** @param {CaseItem} item */
  function renderWorkflow(item) {
    const box = $('workflow');
    box.replaceChildren();
    const next = NEXT_STATUS[item.status];
    if (!next) {
      box.append(
        el('p', t('closedWith', { at: formatTime(item.closedAt), outcome: outcomeText(item.outcome) })),
      );
      if (isSupervisor()) {
        const reopen = button(t('reopen'), () =>
          patchCase(item.caseNumber, { status: 'in_progress' }).catch(failed),
        );
        reopen.id = 'reopen';
        box.append(reopen);
      }
      return;
    }
    if (next === 'closed') {
      const close = button(t('closeCase'), () => askToClose(item));
      close.id = 'close-case';
      box.append(close);
      return;
    }
    const form = el('form');
    form.id = 'workflow-form';
    const submit = el('button', t('moveTo', { status: statusText(next) }));
    submit.type = 'submit';
    form.append(submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      patchCase(item.caseNumber, { status: next }).catch(failed);
    });
    box.append(form);
  }

  /** Whether the officer may assign cases. In Teams the role is known only to the server: ask it once. */
  async function mayAssign() {
    const officer = state.officer;
    // Signed out while the case was loading: nobody to assign as.
    if (!officer) return false;
    if (officer.role === null) {
      try {
        state.officers = (await api('GET', '/api/officers')).officers;
        officer.role = 'supervisor';
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 403) throw error;
        officer.role = 'officer';
      }
      applyRole();
    }
    return isSupervisor();
  }

  /** @param {CaseItem} item */
  async function renderAssign(item) {
    const box = $('assign');
    box.replaceChildren();
    if (item.status === 'closed' || !(await mayAssign())) return;
    /** @type {OfficerEntry[]} */
    const officers = state.officers || (await api('GET', '/api/officers')).officers;
    state.officers = officers;
    const form = el('form');
    form.id = 'assign-form';
    const select = el('select');
    select.id = 'assignee';
    const label = el('label', t('assignedTo'));
    label.htmlFor = 'assignee';
    const none = el('option', t('nobody'));
    none.value = '';
    select.append(none);
    for (const officer of officers) {
      const option = el('option', `${officer.email} (${officer.role})`);
      option.value = officer.id;
      option.selected = officer.id === item.assignee;
      select.append(option);
    }
    const submit = el('button', t('assignButton'));
    submit.type = 'submit';
    form.append(label, ' ', select, ' ', submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      patchCase(item.caseNumber, { assignee: select.value || null }).catch(failed);
    });
    box.append(form);
  }

  /**
   * The submit button of one of the draft forms (each has one).
   * @param {string} form
   */
  function submitOf(form) {
    const submit = $(form).querySelector('button');
    if (!submit) throw new Error(`app.js: #${form} has no button`);
    return submit;
  }

  /** @param {string} caseNumber */
  async function openCase(caseNumber) {
    say('');
    // The boxes belong to the case being opened from this moment on, before anything is fetched.
    state.current = caseNumber;
    bindDrafts(caseNumber);
    for (const { form } of DRAFT_FORMS) submitOf(form).disabled = true;
    /** @type {CaseAnswer} */
    const found = await api(
      'GET',
      `/api/cases/${encodeURIComponent(caseNumber)}?lang=${encodeURIComponent(state.lang)}`,
    );
    if (state.current !== caseNumber) return;
    const item = found.case;
    const officers = found.officers || {};
    $('detail-title').textContent = `${item.caseNumber}${item.urgent ? ` · ${t('urgentBadge')}` : ''}`;
    $('detail-meta').textContent = t('meta', {
      status: statusText(item.status),
      received: formatTime(item.submittedAt),
      channel: t(`channels.${item.channel}`),
      language: t(`languages.${item.locale}`),
      // The questionnaire the report was asked with: the first characters of its content hash.
      version: String(item.questionnaireHash || '').slice(0, 8),
    });
    $('detail-assignee').textContent = t('assignee', { name: nameOf(officers, item.assignee) });
    renderWorkflow(item);
    await renderAssign(item);
    if (state.current !== caseNumber) return;
    renderRelated(item.caseNumber, found.incident, found.possibleDuplicates);
    $('link-form').dataset.case = item.caseNumber;
    renderAnswers(found.answers, item);
    renderAttachments(item.caseNumber, attachmentsOf(item.answers || {}));
    renderQuestions(found.questions);
    renderNotes(found.notes, officers);
    renderHistory(found.history, found.reads, officers);
    // A closed case takes no more questions: the form goes, the questions asked stay listed.
    const closed = item.status === 'closed';
    $('question-form').hidden = closed;
    $('questions-closed').hidden = !closed;
    for (const { form } of DRAFT_FORMS) submitOf(form).disabled = false;
    show('detail');
  }

  /** @param {string} kind */
  function post(kind) {
    const draftForm = DRAFT_FORMS.find((entry) => entry.kind === kind);
    if (!draftForm) throw new Error(`app.js: no draft form for ${kind}`);
    const { form, box } = draftForm;
    // The case this form was bound to, never "whatever case is open now".
    const caseNumber = $(form).dataset.case;
    const text = field(box).value;
    if (!caseNumber || !text.trim()) return Promise.resolve();
    return api('POST', `/api/cases/${encodeURIComponent(caseNumber)}/${kind}`, { text }).then(() => {
      dropDraft(caseNumber, kind);
      if ($(form).dataset.case === caseNumber) field(box).value = '';
      return state.current === caseNumber ? openCase(caseNumber) : undefined;
    });
  }

  // ---- export ----

  /**
   * @param {string} url
   * @param {string} name
   */
  async function download(url, name) {
    const response = await authorisedFetch('GET', url);
    if (!response.ok) {
      /** @type {{ message?: string }} */
      const answer = await response.json().catch(() => ({}));
      throw new Error(answer.message || t('requestFailed', { status: response.status }));
    }
    saveBlob(await response.blob(), name);
  }

  function exportList() {
    const params = listParams();
    params.delete('sort');
    params.set('format', 'csv');
    params.set('lang', state.lang);
    return download(`/api/cases/export?${params.toString()}`, 'cases.csv');
  }

  function exportCase() {
    const caseNumber = state.current;
    // The button is in the case view: a case is open whenever it can be pressed.
    if (!caseNumber) return Promise.resolve();
    return download(
      `/api/cases/${encodeURIComponent(caseNumber)}/export?format=csv&lang=${encodeURIComponent(state.lang)}`,
      `${caseNumber}.csv`,
    );
  }

  function applyRole() {
    $('export-list').hidden = !isSupervisor();
    $('export-case').hidden = !isSupervisor();
  }

  // ---- keyboard ----

  /** @param {EventTarget | null} target */
  function typing(target) {
    // Only an element has closest() (a key pressed on the page itself types nothing).
    if (!(target instanceof Element)) return false;
    return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  }

  /** @param {number} offset */
  function step(offset) {
    if (state.order.length === 0) return;
    // On a case (shown, or still loading), j and k open the next and previous case of the list.
    if (state.current) {
      const index = state.order.indexOf(state.current);
      const next = state.order[index + offset];
      if (next) navigate(caseUrl(next));
      return;
    }
    if ($('list').hidden) return;
    const focused =
      document.activeElement && document.activeElement.closest && document.activeElement.closest('tr');
    const focusedCase = focused ? focused.dataset.case : undefined;
    const index = focusedCase !== undefined ? state.order.indexOf(focusedCase) : -1;
    const next = state.order[Math.max(0, Math.min(state.order.length - 1, index + offset))];
    if (next) focusRow(next);
  }

  /** @param {KeyboardEvent} event */
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    if (!state.officer) return;
    const detailShown = !$('detail').hidden;
    switch (event.key) {
      case 'j':
        step(1);
        break;
      case 'k':
        step(-1);
        break;
      case 'n':
        if (!detailShown) return;
        $('note-text').focus();
        break;
      case 'q':
        if (!detailShown || $('question-form').hidden) return;
        $('question-text').focus();
        break;
      case 'u':
        if (!detailShown) return;
        navigate(BASE);
        break;
      case '?':
        dialogOf('help').showModal();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  // ---- wiring ----

  /** @param {SignedIn} officer */
  async function loggedIn(officer) {
    state.officer = officer;
    $('who-name').textContent = officer.role ? `${officer.email} (${officer.role})` : officer.email;
    applyRole();
    if (await retryPending().catch((error) => (say(error.message), true))) return;
    await route();
  }

  async function startInTeams() {
    teams.active = true;
    $('logout').hidden = true;
    const context = await window.microsoftTeams.app.getContext();
    applyTheme(context.app && context.app.theme);
    window.microsoftTeams.app.registerOnThemeChangeHandler(applyTheme);
    const name = (context.user && context.user.userPrincipalName) || '';
    await loggedIn({ email: name, role: null });
    window.microsoftTeams.app.notifySuccess();
  }

  function wire() {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const kept = session.getItem(PENDING_KEY);
      say('');
      fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: field('email').value, password: field('password').value }),
      })
        .then(async (response) => {
          const answer = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error(answer.message || t('loginFailed'));
          // A kept change and the drafts are only for the officer who made them, never for the next one.
          const previous = kept ? JSON.parse(kept) : null;
          if (previous && previous.officerId && previous.officerId !== answer.officer.id)
            session.removeItem(PENDING_KEY);
          const last = session.getItem(LAST_OFFICER_KEY);
          if (last && last !== answer.officer.id) session.removeItem(DRAFTS_KEY);
          session.setItem(LAST_OFFICER_KEY, answer.officer.id);
          storeSession(answer);
          field('password').value = '';
          return loggedIn(answer.officer);
        })
        .catch(failed);
    });
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      loadList(false).catch(failed);
    });
    $('more').addEventListener('click', () => loadList(true).catch(failed));
    /** @type {HTMLAnchorElement} */ ($('back')).href = BASE;
    $('back').dataset.route = '';
    $('logout').addEventListener('click', logout);
    $('console-lang').addEventListener('change', () => {
      state.lang = field('console-lang').value;
      local.setItem(LANG_KEY, state.lang);
      applyLanguage();
      if (!state.officer) return;
      if (state.current) openCase(state.current).catch(failed);
      else if (state.listLoaded) loadList(false, $('list').hidden).catch(failed);
    });
    for (const { kind, form, box } of DRAFT_FORMS) {
      $(box).addEventListener('input', () => {
        const caseNumber = $(form).dataset.case;
        if (caseNumber) saveDraft(caseNumber, kind, field(box).value);
      });
      $(form).addEventListener('submit', (event) => {
        event.preventDefault();
        post(kind).catch(failed);
      });
    }
    $('close-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = /** @type {HTMLInputElement | null} */ (
        $('close-form').querySelector('input[name=outcome]:checked')
      );
      if (!chosen) {
        $('close-problem').textContent = t('chooseOutcome');
        $('close-problem').hidden = false;
        return;
      }
      const caseNumber = $('close-dialog').dataset.case;
      dialogOf('close-dialog').close();
      // askToClose() names the case before it opens the dialog.
      if (caseNumber) patchCase(caseNumber, { status: 'closed', outcome: chosen.value }).catch(failed);
    });
    $('close-cancel').addEventListener('click', () => dialogOf('close-dialog').close());
    $('link-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const caseNumber = $('link-form').dataset.case;
      const other = field('link-case').value.trim().toUpperCase();
      // openCase() names the case before the form is shown.
      if (!caseNumber) return;
      linkCases(caseNumber, other)
        .then(() => {
          field('link-case').value = '';
        })
        .catch(failed);
    });
    $('help-open').addEventListener('click', () => dialogOf('help').showModal());
    $('help-close').addEventListener('click', () => dialogOf('help').close());
    $('photo-close').addEventListener('click', () => dialogOf('photo-dialog').close());
    $('print').addEventListener('click', () => window.print());
    $('export-list').addEventListener('click', () => exportList().catch(failed));
    $('export-case').addEventListener('click', () => exportCase().catch(failed));
    document.addEventListener('click', followLink);
    document.addEventListener('keydown', onKey);
    window.addEventListener('popstate', () => {
      if (state.officer) route().catch(failed);
    });
  }

  // What alerts.js uses of the console: the session, the messages, the routes, the DOM helpers.
  window.shieldConsole = {
    base: BASE,
    el,
    button,
    api,
    authorisedFetch,
    saveBlob,
    navigate,
    show,
    say,
    failed,
    caseUrl,
    officer: () => state.officer,
    lang: () => state.lang,
  };

  async function start() {
    state.lang = pickLanguage();
    applyLanguage();
    wire();
    startPolling();
    // Outside Teams, teams-js fails at once (no parent window) and the console works as a web page.
    if (await window.shieldTeams.start()) {
      await startInTeams().catch(failed);
      return;
    }
    const saved = session.getItem(OFFICER_KEY);
    if (token() && saved) loggedIn(JSON.parse(saved)).catch(failed);
    else show('login');
  }

  start().catch(failed);
})();
