// Shield Reporter case console: plain browser code, no framework. Every text that came from a witness (or
// from anyone) is put into the page with textContent, never innerHTML, so it can never become markup.
'use strict';

(function () {
  const TOKEN_KEY = 'shield-case-token';
  const OFFICER_KEY = 'shield-case-officer';
  const NEXT_STATUS = { new: 'triaged', triaged: 'in_progress', in_progress: 'closed' };
  const OUTCOMES = ['no_further_action', 'passed_on', 'resolved'];

  const $ = (id) => document.getElementById(id);
  const state = { cursor: null, current: null, officer: null, officers: null };
  // Inside a Teams tab the officer is signed in by Teams: its token (Entra ID) is the bearer token, there is
  // no login form and no log out, and the page follows the Teams theme.
  const teams = { active: false, token: null };

  /** Creates an element with text content (never HTML) and optional class. */
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function show(section) {
    for (const id of ['login', 'list', 'detail']) $(id).hidden = id !== section;
    $('who').hidden = section === 'login';
  }

  function say(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  async function teamsToken(renew) {
    if (renew || !teams.token) teams.token = await window.microsoftTeams.authentication.getAuthToken();
    return teams.token;
  }

  function applyTheme(theme) {
    document.body.className = `theme-${theme === 'dark' || theme === 'contrast' ? theme : 'default'}`;
  }

  function logout() {
    state.officers = null;
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(OFFICER_KEY);
    show('login');
  }

  /** Thrown for a refused request; `status` lets a caller tell "not allowed" from a failure. */
  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function api(method, url, body, renewed) {
    const bearer = teams.active ? await teamsToken(false) : token();
    const headers = { Authorization: `Bearer ${bearer}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401) {
      // A Teams token may have expired since it was fetched: ask Teams for a fresh one, once.
      if (teams.active && !renewed) {
        await teamsToken(true);
        return api(method, url, body, true);
      }
      if (teams.active)
        throw new ApiError('Teams could not sign you in; close the tab and open it again.', 401);
      logout();
      throw new ApiError('Your session has ended; please log in again.', 401);
    }
    if (!response.ok) {
      throw new ApiError(answer.message || `The request failed (${response.status}).`, response.status);
    }
    return answer;
  }

  function formatTime(value) {
    return value ? new Date(value).toLocaleString() : '';
  }

  // ---- list ----

  function listUrl(cursor) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData($('filters'))) if (value) params.set(name, String(value));
    if (cursor) params.set('cursor', cursor);
    return `/api/cases?${params.toString()}`;
  }

  function caseRow(item) {
    const row = el('tr');
    row.dataset.case = item.caseNumber;
    if (item.urgent) row.classList.add('urgent');
    row.append(el('td', item.caseNumber));
    const urgent = el('td');
    if (item.urgent) urgent.append(el('span', 'URGENT', 'badge-urgent'));
    row.append(urgent);
    row.append(el('td', item.status.replace('_', ' ')));
    row.append(el('td', item.category));
    row.append(el('td', formatTime(item.submittedAt)));
    row.append(el('td', item.place, 'witness-text'));
    row.append(el('td', item.summary, 'witness-text'));
    row.addEventListener('click', () => openCase(item.caseNumber).catch((error) => say(error.message)));
    return row;
  }

  async function loadList(append) {
    const page = await api('GET', listUrl(append ? state.cursor : null));
    const rows = $('case-rows');
    if (!append) rows.replaceChildren();
    for (const item of page.cases) rows.append(caseRow(item));
    state.cursor = page.nextCursor;
    $('more').hidden = !page.nextCursor;
    show('list');
  }

  // ---- detail ----

  function renderAnswers(answers) {
    const list = $('answers');
    list.replaceChildren();
    for (const answer of answers) {
      if (answer.items) {
        list.append(el('dt', answer.label));
        if (answer.items.length === 0) list.append(el('dd', '—'));
        for (const item of answer.items) {
          const block = el('dd');
          block.append(el('strong', item.title));
          const inner = el('dl');
          for (const sub of item.answers) {
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
    }
  }

  // Object URLs of the photo previews on screen; released when the case view is drawn again.
  const previews = [];
  const PREVIEW_TYPES = ['image/jpeg', 'image/png'];

  /** Fetches one of the case's stored files with the officer's token (an <img> or link could send none). */
  async function evidenceBlob(caseNumber, fileId) {
    const response = await fetch(
      `/api/cases/${encodeURIComponent(caseNumber)}/attachments/${encodeURIComponent(fileId)}`,
      { headers: { Authorization: `Bearer ${token()}` } },
    );
    if (response.status === 401) {
      logout();
      throw new Error('Your session has ended; please log in again.');
    }
    if (!response.ok) throw new Error(`The file could not be opened (${response.status}).`);
    return response.blob();
  }

  /** A name for the saved file: the witness's name without anything a file system could misread. */
  function downloadName(name) {
    return name.replace(/[^\p{L}\p{N} ._-]+/gu, '_').replace(/^[.\s]+/, '') || 'evidence';
  }

  async function saveFile(caseNumber, attachment) {
    const url = URL.createObjectURL(await evidenceBlob(caseNumber, attachment.fileId));
    const link = document.createElement('a');
    link.href = url;
    link.download = downloadName(attachment.name);
    link.click();
    // The browser has started the download from the object URL by now; give it time before releasing it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  function showPreview(caseNumber, attachment, item) {
    const image = el('img', null, 'evidence-preview');
    image.alt = `Photo: ${attachment.name}`;
    item.append(image);
    evidenceBlob(caseNumber, attachment.fileId)
      .then((blob) => {
        if (!image.isConnected) return;
        const url = URL.createObjectURL(blob);
        previews.push(url);
        image.src = url;
      })
      .catch((error) => say(error.message));
  }

  function renderAttachments(caseNumber, attachments) {
    for (const url of previews.splice(0)) URL.revokeObjectURL(url);
    const list = $('attachments');
    list.replaceChildren();
    if (attachments.length === 0) list.append(el('li', 'none'));
    for (const attachment of attachments) {
      const item = el('li');
      item.dataset.fileId = attachment.fileId || '';
      if (attachment.fileId) {
        // A file in the evidence store: the case API serves it, with the officer's token and an audit entry.
        item.append(el('span', attachment.name, 'attachment-name'));
        item.append(el('span', ` (${attachment.contentType}) `));
        const button = el('button', 'Download', 'attachment-download');
        button.type = 'button';
        button.addEventListener('click', () =>
          saveFile(caseNumber, attachment).catch((error) => say(error.message)),
        );
        item.append(button);
        if (PREVIEW_TYPES.includes(attachment.contentType)) showPreview(caseNumber, attachment, item);
        list.append(item);
        continue;
      }
      let url = null;
      try {
        url = new URL(attachment.contentUrl, location.href);
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

  function renderQuestions(questions) {
    const list = $('questions');
    list.replaceChildren();
    if (questions.length === 0) list.append(el('li', 'none yet'));
    for (const question of questions) {
      const item = el('li');
      item.append(el('div', `${formatTime(question.askedAt)}: ${question.text}`, 'witness-text'));
      item.append(
        el(
          'div',
          question.answer === null
            ? 'not answered yet'
            : `Answer (${formatTime(question.answeredAt)}): ${question.answer}`,
          'witness-text answer-value',
        ),
      );
      list.append(item);
    }
  }

  function renderNotes(notes) {
    const list = $('notes');
    list.replaceChildren();
    if (notes.length === 0) list.append(el('li', 'none yet'));
    for (const note of notes)
      list.append(el('li', `${formatTime(note.at)} · ${note.author}: ${note.text}`, 'witness-text'));
  }

  function renderHistory(history) {
    const list = $('history');
    list.replaceChildren();
    for (const entry of history) {
      const details = Object.entries(entry.detail)
        .map(([key, value]) => `${key}: ${value}`)
        .join(', ');
      list.append(
        el(
          'li',
          `${formatTime(entry.at)} · ${entry.action} · ${entry.actor}${details ? ` · ${details}` : ''}`,
        ),
      );
    }
  }

  function renderWorkflow(item) {
    const box = $('workflow');
    box.replaceChildren();
    const next = NEXT_STATUS[item.status];
    if (!next) {
      box.append(el('p', `Closed: ${item.outcome || ''}`));
      return;
    }
    const form = el('form');
    form.id = 'workflow-form';
    let outcome = null;
    if (next === 'closed') {
      outcome = el('select');
      outcome.id = 'outcome';
      for (const value of OUTCOMES) {
        const option = el('option', value.replaceAll('_', ' '));
        option.value = value;
        outcome.append(option);
      }
      form.append(outcome);
    }
    const button = el('button', `Move to ${next.replace('_', ' ')}`);
    button.type = 'submit';
    form.append(button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = outcome ? { status: next, outcome: outcome.value } : { status: next };
      api('PATCH', `/api/cases/${encodeURIComponent(item.caseNumber)}`, body)
        .then(() => openCase(item.caseNumber))
        .catch((error) => say(error.message));
    });
    box.append(form);
  }

  /** Whether the officer may assign cases. In Teams the role is known only to the server: ask it once. */
  async function mayAssign() {
    if (state.officer.role === null) {
      try {
        state.officers = (await api('GET', '/api/officers')).officers;
        state.officer.role = 'supervisor';
      } catch (error) {
        if (error.status !== 403) throw error;
        state.officer.role = 'officer';
      }
    }
    return state.officer.role === 'supervisor' || state.officer.role === 'admin';
  }

  async function renderAssign(item) {
    const box = $('assign');
    box.replaceChildren();
    if (item.status === 'closed' || !(await mayAssign())) return;
    state.officers = state.officers || (await api('GET', '/api/officers')).officers;
    const form = el('form');
    form.id = 'assign-form';
    const select = el('select');
    select.id = 'assignee';
    const none = el('option', 'nobody');
    none.value = '';
    select.append(none);
    for (const officer of state.officers) {
      const option = el('option', `${officer.email} (${officer.role})`);
      option.value = officer.id;
      option.selected = officer.id === item.assignee;
      select.append(option);
    }
    const button = el('button', 'Assign');
    button.type = 'submit';
    form.append(el('span', 'Assigned to '), select, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      api('PATCH', `/api/cases/${encodeURIComponent(item.caseNumber)}`, { assignee: select.value || null })
        .then(() => openCase(item.caseNumber))
        .catch((error) => say(error.message));
    });
    box.append(form);
  }

  async function openCase(caseNumber) {
    say('');
    const lang = $('detail-lang').value;
    const found = await api(
      'GET',
      `/api/cases/${encodeURIComponent(caseNumber)}?lang=${encodeURIComponent(lang)}`,
    );
    const item = found.case;
    state.current = caseNumber;
    $('detail-title').textContent = `${item.caseNumber}${item.urgent ? ' · URGENT' : ''}`;
    $('detail-meta').textContent =
      `Status: ${item.status.replace('_', ' ')} · received ${formatTime(item.submittedAt)} · channel ${item.channel}` +
      ` · questionnaire version ${item.questionnaireVersion} · assignee ${item.assignee || 'none'}`;
    renderWorkflow(item);
    await renderAssign(item);
    renderAnswers(found.answers);
    renderAttachments(item.caseNumber, item.attachments);
    renderQuestions(found.questions);
    renderNotes(found.notes);
    renderHistory(found.history);
    show('detail');
  }

  function post(kind, textarea) {
    const text = $(textarea).value;
    return api('POST', `/api/cases/${encodeURIComponent(state.current)}/${kind}`, { text }).then(() => {
      $(textarea).value = '';
      return openCase(state.current);
    });
  }

  // ---- wiring ----

  function loggedIn(officer) {
    state.officer = officer;
    $('who-name').textContent = officer.role ? `${officer.email} (${officer.role})` : officer.email;
    return loadList(false);
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

  async function start() {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      say('');
      fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: $('email').value, password: $('password').value }),
      })
        .then(async (response) => {
          const answer = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error(answer.message || 'Login failed.');
          sessionStorage.setItem(TOKEN_KEY, answer.token);
          sessionStorage.setItem(OFFICER_KEY, JSON.stringify(answer.officer));
          $('password').value = '';
          return loggedIn(answer.officer);
        })
        .catch((error) => say(error.message));
    });
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      loadList(false).catch((error) => say(error.message));
    });
    $('more').addEventListener('click', () => loadList(true).catch((error) => say(error.message)));
    $('back').addEventListener('click', () => loadList(false).catch((error) => say(error.message)));
    $('logout').addEventListener('click', logout);
    $('detail-lang').addEventListener('change', () =>
      openCase(state.current).catch((error) => say(error.message)),
    );
    $('note-form').addEventListener('submit', (event) => {
      event.preventDefault();
      post('notes', 'note-text').catch((error) => say(error.message));
    });
    $('question-form').addEventListener('submit', (event) => {
      event.preventDefault();
      post('questions', 'question-text').catch((error) => say(error.message));
    });

    // Outside Teams, teams-js fails at once (no parent window) and the console works as a web page.
    if (await window.shieldTeams.start()) {
      await startInTeams().catch((error) => say(error.message));
      return;
    }
    const saved = sessionStorage.getItem(OFFICER_KEY);
    if (token() && saved) loggedIn(JSON.parse(saved)).catch((error) => say(error.message));
    else show('login');
  }

  start().catch((error) => say(error.message));
})();
