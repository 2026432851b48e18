// @ts-check
// The console's alerts to partners (issue 16): compose, follow delivery, change and withdraw; invitations
// in bulk (CSV); registration decisions (administrators). It uses the console's session through
// window.shieldConsole (app.js) and renders into #alerts. Everything that came from anyone (titles, texts,
// organisation names) goes in with textContent, never innerHTML.
'use strict';

(function () {
  /**
   * The alert APIs' answers, as this file reads them (bot/police/alerts/alertRoutes.ts).
   * @typedef {{ id: string, title: Record<string, string>, text: Record<string, string>, originalLocale: string,
   *   severity: string, state: string, sectors: 'all' | string[], areas: 'all' | string[], expiresAt: string,
   *   createdAt: string | null, withdrawnAt: string | null, public?: boolean, photo?: { url: string } | null }} Alert
   * @typedef {{ tenants?: number, targeted?: number, delivered?: number, pending?: number, failed?: number,
   *   uninstalled?: number, seen?: number, relatedReports?: number, failureReasons?: Record<string, number> }} Delivery
   * @typedef {{ caseNumber: string, submittedAt: string, urgent?: boolean, status: string }} RelatedReport
   * @typedef {{ id: string, name: string }} Sector
   * @typedef {{ name: string, tenantId: string, active: boolean, createdAt: string, updatedAt?: string }} Organisation
   * @typedef {{ name: string, redeemed: boolean }} Invitation
   */

  /**
   * An element the console's page (console/index.html) ships.
   * @param {string} id
   * @returns {HTMLElement}
   */
  function byId(id) {
    const node = document.getElementById(id);
    if (!node) throw new Error('alerts.js: the page has no #' + id);
    return node;
  }

  // As the service defines them (/web/shared.js, bot/witness/pageShared.ts).
  const SHARED = window.shieldShared.console;
  const LOCALES = SHARED.alertLocales;
  const SEVERITIES = SHARED.alertSeverities;
  const ALERT_ID = /^[0-9a-f]{24}$/;
  const DAY_MS = 86_400_000;
  const root = byId('alerts');
  const nav = byId('console-nav');
  /** Sector names by language, fetched once per language. @type {Record<string, Sector[]>} */
  const sectorNames = {};

  const consoleApi = () => window.shieldConsole;
  const lang = () => consoleApi().lang();
  const role = () => {
    const officer = consoleApi().officer();
    return officer ? officer.role : null;
  };
  /** @param {readonly string[]} roles */
  const roleIn = (roles) => {
    const current = role();
    return current !== null && roles.includes(current);
  };
  const mayWrite = () => roleIn(SHARED.alertWriterRoles);
  const mayReadCases = () => roleIn(SHARED.caseReaderRoles);

  /**
   * A text of the alerts part in the console's language, with {placeholders} filled in.
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
    let text = lookup(window.shieldAlertText[lang()]);
    if (typeof text !== 'string') text = lookup(window.shieldAlertText.en);
    if (typeof text !== 'string') return key;
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
      params && params[name] !== undefined && params[name] !== null ? String(params[name]) : whole,
    );
  }

  // The console's DOM helpers (app.js), read when first used: this script runs before app.js.
  /** @type {Window['shieldConsole']['el']} */
  const el = (tag, text, className) => consoleApi().el(tag, text, className);
  /** @type {Window['shieldConsole']['button']} */
  const button = (text, onClick, className) => consoleApi().button(text, onClick, className);

  /**
   * @param {string} text
   * @param {string} href
   */
  function link(text, href) {
    const node = /** @type {HTMLAnchorElement} */ (el('a', text));
    node.href = href;
    node.dataset.route = '';
    return node;
  }

  let fieldCount = 0;
  /**
   * A labelled control: the label's `for` names the control.
   * @param {string} text
   * @param {HTMLElement} control
   */
  function labelled(text, control) {
    fieldCount += 1;
    control.id = control.id || `alert-field-${fieldCount}`;
    const label = el('label', text);
    label.htmlFor = control.id;
    const wrap = el('div', null, 'alert-field');
    wrap.append(label, control);
    return wrap;
  }

  /**
   * @param {string} type
   * @param {string} name
   * @param {string} [value]
   */
  function input(type, name, value) {
    const node = /** @type {HTMLInputElement} */ (document.createElement('input'));
    node.type = type;
    node.name = name;
    if (value !== undefined) node.value = value;
    return node;
  }

  /**
   * @param {string} name
   * @param {string} value
   * @param {string} text
   * @param {boolean} checked
   */
  function checkbox(name, value, text, checked) {
    const box = input('checkbox', name, value);
    box.checked = !!checked;
    const label = el('label', null, 'choice');
    label.append(box, ' ', el('span', text));
    return label;
  }

  /**
   * @param {string} name
   * @param {ReadonlyArray<readonly [string, string]>} options value and text
   * @param {string} chosen
   */
  function select(name, options, chosen) {
    const node = /** @type {HTMLSelectElement} */ (document.createElement('select'));
    node.name = name;
    for (const [value, text] of options) {
      const option = /** @type {HTMLOptionElement} */ (el('option', text));
      option.value = value;
      option.selected = value === chosen;
      node.append(option);
    }
    return node;
  }

  /** @param {string | null | undefined} value */
  function formatTime(value) {
    return value ? new Date(value).toLocaleString(lang()) : '';
  }

  /**
   * A date-time input's value (local time, to the minute) for a moment.
   * @param {Date} date
   */
  function localInputValue(date) {
    const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return shifted.toISOString().slice(0, 16);
  }

  /**
   * The alert's title in the console's language, else in its original language.
   * @param {Alert} alert
   */
  function titleOf(alert) {
    return alert.title[lang()] || alert.title[alert.originalLocale] || Object.values(alert.title)[0] || '';
  }

  /** @param {Alert} alert */
  function stateOf(alert) {
    if (alert.state === 'active' && new Date(alert.expiresAt).getTime() <= Date.now()) return 'expired';
    return alert.state;
  }

  const base = () => `${consoleApi().base}/alerts`;
  /** @param {string} id */
  const alertUrl = (id) => `${base()}/${encodeURIComponent(id)}`;

  /** @returns {Promise<Sector[]>} */
  async function sectorsInLanguage() {
    const language = lang();
    if (!sectorNames[language]) {
      const answer = await consoleApi().api('GET', `/api/partners/sectors?lang=${language}`);
      sectorNames[language] = answer.sectors;
    }
    return sectorNames[language];
  }

  /**
   * Where the console shows a message (role=alert, set by app.js).
   * @param {string} text
   */
  function say(text) {
    consoleApi().say(text);
  }

  /** @param {string} text */
  function heading(text) {
    const node = el('h2', text);
    node.tabIndex = -1;
    return node;
  }

  /** @param {string} current */
  function tabs(current) {
    const list = el('ul', null, 'alert-tabs');
    /** @type {[string, string, string][]} */
    const entries = [
      ['list', t('tabList'), base()],
      ['new', t('tabNew'), `${base()}/new`],
      ['invitations', t('tabInvitations'), `${base()}/invitations`],
    ];
    if (role() === 'admin') entries.push(['partners', t('tabPartners'), `${base()}/partners`]);
    for (const [id, text, href] of entries) {
      const item = el('li');
      const anchor = link(text, href);
      if (id === current) anchor.setAttribute('aria-current', 'page');
      item.append(anchor);
      list.append(item);
    }
    const wrap = el('nav', null, 'alert-tabs-nav');
    wrap.setAttribute('aria-label', t('alertsTitle'));
    wrap.append(list);
    return wrap;
  }

  /**
   * @param {string} current
   * @param {string} title
   */
  function page(current, title) {
    root.replaceChildren();
    root.append(heading(title), tabs(current));
  }

  // ---- the list ----

  /** @param {unknown} value */
  function figure(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  /**
   * @param {string} label
   * @param {string | Node | null} content
   * @param {string} [className]
   */
  function cell(label, content, className) {
    const node = el('td', null, className);
    node.dataset.label = label;
    if (typeof content === 'string') node.textContent = content;
    else if (content) node.append(content);
    return node;
  }

  async function showList() {
    page('list', t('alertsTitle'));
    /** @type {{ alerts: (Alert & { delivery: Delivery })[] }} */
    const answer = await consoleApi().api('GET', `/api/alerts?lang=${lang()}`);
    if (answer.alerts.length === 0) {
      root.append(el('p', t('noAlerts')));
      return;
    }
    const table = el('table', null, 'alert-table');
    table.id = 'alert-list';
    const head = el('thead');
    const headRow = el('tr');
    const columns = [
      'colTitle',
      'colSeverity',
      'colState',
      'colCreated',
      'colExpires',
      'colTargeted',
      'colDelivered',
      'colFailed',
      'colSeen',
    ];
    for (const column of columns) {
      const th = el('th', t(column));
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    const body = el('tbody');
    for (const alert of answer.alerts) {
      const row = el('tr');
      row.dataset.alert = alert.id;
      const first = el('td', null, 'alert-title-cell');
      first.append(link(titleOf(alert), alertUrl(alert.id)));
      if (alert.public) first.append(' ', el('span', t('publicBadge'), 'badge-public'));
      row.append(first);
      row.append(
        cell(
          t('colSeverity'),
          el('span', t(`severities.${alert.severity}`), `severity severity-${alert.severity}`),
        ),
      );
      row.append(cell(t('colState'), t(`states.${stateOf(alert)}`)));
      row.append(cell(t('colCreated'), formatTime(alert.createdAt)));
      row.append(cell(t('colExpires'), formatTime(alert.expiresAt)));
      row.append(cell(t('colTargeted'), figure(alert.delivery.targeted), 'figure'));
      row.append(cell(t('colDelivered'), figure(alert.delivery.delivered), 'figure'));
      row.append(cell(t('colFailed'), figure(alert.delivery.failed), 'figure'));
      row.append(cell(t('colSeen'), figure(alert.delivery.seen), 'figure'));
      body.append(row);
    }
    table.append(head, body);
    root.append(table);
  }

  // ---- compose and change ----

  /**
   * The title and text boxes of each language; `alert` fills them for a change.
   * @param {Alert | null} alert
   */
  function languageFields(alert) {
    const group = el('fieldset', null, 'alert-languages');
    group.append(el('legend', t('languageHint')));
    for (const locale of LOCALES) {
      const language = t(`languages.${locale}`);
      const block = el('div', null, 'alert-language');
      block.lang = locale;
      const title = input('text', `title-${locale}`, alert ? alert.title[locale] || '' : '');
      title.maxLength = 200;
      const text = /** @type {HTMLTextAreaElement} */ (document.createElement('textarea'));
      text.name = `text-${locale}`;
      text.maxLength = 4000;
      text.value = alert ? alert.text[locale] || '' : '';
      const titleField = labelled(t('titleIn', { language }), title);
      const textField = labelled(t('textIn', { language }), text);
      // The labels are in the officer's language, the boxes in the language written in them.
      for (const label of [titleField.querySelector('label'), textField.querySelector('label')]) {
        if (label) label.lang = lang();
      }
      block.append(titleField, textField);
      group.append(block);
    }
    return group;
  }

  /**
   * @param {HTMLFormElement} form
   * @param {string} prefix
   */
  function localisedValues(form, prefix) {
    /** @type {Record<string, string>} */
    const values = {};
    for (const locale of LOCALES) {
      const box = /** @type {HTMLInputElement} */ (form.elements.namedItem(`${prefix}-${locale}`));
      const value = box.value.trim();
      if (value) values[locale] = value;
    }
    return values;
  }

  /** @param {string} chosen */
  function severityField(chosen) {
    return labelled(
      t('severity'),
      select(
        'severity',
        SEVERITIES.map((severity) => [severity, t(`severities.${severity}`)]),
        chosen,
      ),
    );
  }

  /** @param {Date} value */
  function expiryField(value) {
    const box = input('datetime-local', 'expiresAt', localInputValue(value));
    box.required = true;
    return labelled(t('expiresAt'), box);
  }

  /** "All" or "only these" with its choices shown only for "only these". */
  /**
   * The optional photo's file input; the service checks the type by the bytes (JPEG or PNG).
   * @param {string} text
   */
  function photoField(text) {
    const file = input('file', 'photo');
    file.accept = 'image/*';
    fieldCount += 1;
    const hint = el('p', t('photoHint'), 'alert-note');
    hint.id = `alert-photo-hint-${fieldCount}`;
    file.setAttribute('aria-describedby', hint.id);
    const wrap = labelled(text, file);
    wrap.classList.add('alert-photo-field');
    wrap.append(hint);
    return wrap;
  }

  /**
   * The file chosen in a form's photo input, if any.
   * @param {HTMLFormElement} form
   */
  function chosenPhoto(form) {
    const box = /** @type {HTMLInputElement} */ (form.elements.namedItem('photo'));
    return box && box.files && box.files.length > 0 ? box.files[0] : null;
  }

  /**
   * Sends a photo to an alert (PUT, multipart).
   * @param {string} alertId
   * @param {File} file
   */
  function sendPhoto(alertId, file) {
    const body = new FormData();
    body.append('photo', file, file.name);
    return consoleApi().api('PUT', `/api/alerts/${alertId}/photo`, body);
  }

  /**
   * @param {string} name
   * @param {string} legend
   * @param {string} allText
   * @param {string} chosenText
   * @param {HTMLElement} choices
   */
  function targetGroup(name, legend, allText, chosenText, choices) {
    const group = el('fieldset', null, 'alert-target');
    group.append(el('legend', legend));
    const all = input('radio', `${name}-scope`, 'all');
    all.checked = true;
    const some = input('radio', `${name}-scope`, 'some');
    const allLabel = el('label', null, 'choice');
    allLabel.append(all, ' ', el('span', allText));
    const someLabel = el('label', null, 'choice');
    someLabel.append(some, ' ', el('span', chosenText));
    choices.hidden = true;
    const toggle = () => {
      choices.hidden = !some.checked;
    };
    all.addEventListener('change', toggle);
    some.addEventListener('change', toggle);
    group.append(allLabel, someLabel, choices);
    return group;
  }

  async function showCompose() {
    page('new', t('tabNew'));
    const sectors = await sectorsInLanguage();
    const form = /** @type {HTMLFormElement} */ (el('form', null, 'alert-form'));
    form.id = 'alert-compose';
    form.noValidate = true;
    form.append(languageFields(null));
    const original = select(
      'originalLocale',
      LOCALES.map((locale) => [locale, t(`languages.${locale}`)]),
      lang(),
    );
    form.append(labelled(t('originalLocale'), original), severityField('advisory'));
    const sectorChoices = el('div', null, 'alert-choices');
    for (const sector of sectors) sectorChoices.append(checkbox('sector', sector.id, sector.name, false));
    form.append(targetGroup('sectors', t('sectors'), t('allSectors'), t('chosenSectors'), sectorChoices));
    const areaBox = /** @type {HTMLTextAreaElement} */ (document.createElement('textarea'));
    areaBox.name = 'areas';
    areaBox.maxLength = 20000;
    const areaChoices = labelled(t('areasBox'), areaBox);
    form.append(targetGroup('areas', t('areas'), t('allAreas'), t('chosenAreas'), areaChoices));
    form.append(expiryField(new Date(Date.now() + 3 * DAY_MS)));
    form.append(checkbox('asksForSightings', 'yes', t('asksForSightings'), true));
    form.append(checkbox('public', 'yes', t('publicAppeal'), false));
    form.append(photoField(t('photo')));
    const send = el('button', t('send'));
    send.setAttribute('type', 'submit');
    form.append(send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      sendAlert(form).catch(consoleApi().failed);
    });
    root.append(form);
  }

  /**
   * @param {HTMLFormElement} form
   * @param {string} name
   */
  function checked(form, name) {
    return Array.from(form.querySelectorAll(`input[name="${name}"]:checked`)).map(
      (box) => /** @type {HTMLInputElement} */ (box).value,
    );
  }

  /**
   * @param {HTMLFormElement} form
   * @param {string} name
   */
  function valueOf(form, name) {
    return /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  }

  /**
   * The expiry as an ISO time (the input is in the officer's local time); the API names a bad one.
   * @param {HTMLFormElement} form
   */
  function expiryOf(form) {
    const value = valueOf(form, 'expiresAt');
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
  }

  /** @param {HTMLFormElement} form */
  async function sendAlert(form) {
    say('');
    const title = localisedValues(form, 'title');
    const text = localisedValues(form, 'text');
    const languages = Object.keys(title);
    let originalLocale = valueOf(form, 'originalLocale');
    // One language written: that is the original, whatever the select still says.
    if (languages.length === 1) originalLocale = languages[0];
    const someSectors = checked(form, 'sectors-scope')[0] === 'some';
    const someAreas = checked(form, 'areas-scope')[0] === 'some';
    const areas = valueOf(form, 'areas')
      .split(/[,;\n]/)
      .map((area) => area.trim())
      .filter(Boolean);
    const body = {
      title,
      text,
      originalLocale,
      severity: valueOf(form, 'severity'),
      sectors: someSectors ? checked(form, 'sector') : 'all',
      areas: someAreas ? areas : 'all',
      expiresAt: expiryOf(form),
      asksForSightings: checked(form, 'asksForSightings').length > 0,
      public: checked(form, 'public').length > 0,
    };
    /** @type {{ alert: Alert, delivery: Delivery }} */
    const answer = await consoleApi().api('POST', '/api/alerts', body);
    const photo = chosenPhoto(form);
    let photoProblem = '';
    // The alert goes out at once; its cards are updated with the photo when it arrives.
    if (photo) {
      await sendPhoto(answer.alert.id, photo).catch((error) => {
        photoProblem = error instanceof Error ? error.message : String(error);
      });
    }
    consoleApi().navigate(alertUrl(answer.alert.id));
    say(
      photoProblem ? t('photoFailed', { reason: photoProblem }) : t('sent', { n: answer.delivery.targeted }),
    );
  }

  // ---- one alert ----

  /** @param {Delivery} delivery */
  function figures(delivery) {
    const list = el('dl', null, 'alert-figures');
    list.id = 'alert-figures';
    /** @type {[string, number | undefined][]} */
    const rows = [
      ['tenants', delivery.tenants],
      ['targeted', delivery.targeted],
      ['delivered', delivery.delivered],
      ['pending', delivery.pending],
      ['failed', delivery.failed],
      ['uninstalled', delivery.uninstalled],
      ['seen', delivery.seen],
      ['relatedReports', delivery.relatedReports],
    ];
    for (const [key, value] of rows) {
      const item = el('div');
      item.dataset.figure = key;
      item.append(el('dt', t(key)), el('dd', figure(value)));
      list.append(item);
    }
    return list;
  }

  /** @param {Delivery} delivery */
  function reasons(delivery) {
    const entries = Object.entries(delivery.failureReasons || {});
    if (entries.length === 0) return null;
    const wrap = el('div');
    wrap.append(el('h4', t('reasons')));
    const list = el('ul', null, 'alert-reasons');
    for (const [reason, count] of entries) list.append(el('li', `${reason}: ${count}`));
    wrap.append(list);
    return wrap;
  }

  /** @param {RelatedReport[]} reports */
  function relatedList(reports) {
    const wrap = el('section');
    wrap.setAttribute('aria-labelledby', 'alert-related-title');
    const title = el('h3', t('relatedReports'));
    title.id = 'alert-related-title';
    wrap.append(title);
    if (reports.length === 0) {
      wrap.append(el('p', t('noRelated')));
      return wrap;
    }
    const list = el('ul', null, 'alert-related');
    list.id = 'alert-related';
    for (const report of reports) {
      const item = el('li');
      // A liaison reads no cases: the numbers are shown, not linked.
      item.append(
        mayReadCases()
          ? link(report.caseNumber, consoleApi().caseUrl(report.caseNumber))
          : el('span', report.caseNumber),
      );
      item.append(` · ${formatTime(report.submittedAt)}`);
      if (report.urgent) item.append(' ', el('span', '!', 'badge-urgent'));
      item.append(` · ${report.status}`);
      list.append(item);
    }
    wrap.append(list);
    return wrap;
  }

  /** @param {Alert} alert */
  function alertTexts(alert) {
    const wrap = el('div', null, 'alert-texts');
    for (const locale of LOCALES) {
      if (!alert.title[locale]) continue;
      const block = el('article', null, 'alert-text');
      block.lang = locale;
      const original = locale === alert.originalLocale ? ' ★' : '';
      const language = el('p', `${t(`languages.${locale}`)}${original}`, 'alert-language-name');
      language.lang = lang();
      block.append(language, el('h3', alert.title[locale]), el('p', alert.text[locale], 'witness-text'));
      wrap.append(block);
    }
    return wrap;
  }

  /** @param {string} id */
  async function showAlert(id) {
    /** @type {[{ alert: Alert, delivery: Delivery }, { reports: RelatedReport[] }]} */
    const [answer, related] = await Promise.all([
      consoleApi().api('GET', `/api/alerts/${id}`),
      consoleApi().api('GET', `/api/alerts/${id}/reports`),
    ]);
    const alert = answer.alert;
    page('', titleOf(alert));
    const meta = el('p', null, 'alert-meta');
    meta.id = 'alert-meta';
    meta.append(
      el('span', t(`severities.${alert.severity}`), `severity severity-${alert.severity}`),
      ` · ${t(`states.${stateOf(alert)}`)}`,
      ` · ${t('createdBy', { time: formatTime(alert.createdAt) })}`,
      ` · ${t('expiresAt')} ${formatTime(alert.expiresAt)}`,
    );
    if (alert.withdrawnAt) meta.append(` · ${t('withdrawnAt', { time: formatTime(alert.withdrawnAt) })}`);
    if (alert.public) meta.append(' ', el('span', t('publicBadge'), 'badge-public'));
    const names = await sectorsInLanguage();
    const sectorText =
      alert.sectors === 'all'
        ? t('allSectors')
        : alert.sectors
            .map((id) => (names.find((sector) => sector.id === id) || { name: id }).name)
            .join(', ');
    const areaText = alert.areas === 'all' ? t('allAreas') : alert.areas.join(', ');
    const target = el('p', `${t('target')} ${sectorText}; ${areaText}`, 'alert-target-text');
    root.append(meta, target);
    if (alert.photo) {
      const photo = /** @type {HTMLImageElement} */ (el('img', null, 'alert-photo'));
      photo.id = 'alert-photo';
      photo.src = alert.photo.url;
      photo.alt = t('photoAlt', { title: titleOf(alert) });
      root.append(photo);
    }
    root.append(alertTexts(alert));
    const deliveryTitle = el('h3', t('delivery'));
    root.append(deliveryTitle, figures(answer.delivery));
    const why = reasons(answer.delivery);
    if (why) root.append(why);
    root.append(button(t('refresh'), () => showAlert(id).catch(consoleApi().failed)));
    root.append(relatedList(related.reports));
    if (alert.state === 'active') root.append(changeForm(alert), withdrawControls(alert));
  }

  /** @param {Alert} alert */
  function changeForm(alert) {
    const details = el('details', null, 'alert-change');
    details.append(el('summary', t('change')));
    const form = /** @type {HTMLFormElement} */ (el('form', null, 'alert-form'));
    form.id = 'alert-change';
    form.noValidate = true;
    form.append(languageFields(alert), severityField(alert.severity), expiryField(new Date(alert.expiresAt)));
    form.append(photoField(alert.photo ? t('photoReplace') : t('photo')));
    const save = el('button', t('save'));
    save.setAttribute('type', 'submit');
    form.append(save);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      say('');
      const body = {
        title: localisedValues(form, 'title'),
        text: localisedValues(form, 'text'),
        severity: valueOf(form, 'severity'),
        expiresAt: expiryOf(form),
      };
      const photo = chosenPhoto(form);
      consoleApi()
        .api('PATCH', `/api/alerts/${alert.id}`, body)
        .then(() => (photo ? sendPhoto(alert.id, photo) : undefined))
        .then(() => showAlert(alert.id))
        .then(() => say(photo ? t('photoSaved') : t('saved')))
        .catch(consoleApi().failed);
    });
    details.append(form);
    return details;
  }

  /** @param {Alert} alert */
  function withdrawControls(alert) {
    const wrap = el('div', null, 'alert-withdraw');
    const confirmation = el('div', null, 'alert-confirm');
    confirmation.hidden = true;
    confirmation.setAttribute('role', 'group');
    const start = button(t('withdraw'), () => {
      confirmation.hidden = false;
      start.hidden = true;
      yes.focus();
    });
    const yes = button(t('withdrawYes'), () => {
      say('');
      consoleApi()
        .api('POST', `/api/alerts/${alert.id}/withdraw`, {})
        .then(() => showAlert(alert.id))
        .then(() => say(t('withdrawn')))
        .catch(consoleApi().failed);
    });
    yes.id = 'alert-withdraw-yes';
    const no = button(t('cancel'), () => {
      confirmation.hidden = true;
      start.hidden = false;
      start.focus();
    });
    start.id = 'alert-withdraw';
    confirmation.append(el('p', t('withdrawConfirm')), yes, ' ', no);
    wrap.append(start, confirmation);
    return wrap;
  }

  // ---- invitations ----

  async function showInvitations() {
    page('invitations', t('invitationsTitle'));
    const sectors = await sectorsInLanguage();
    const form = /** @type {HTMLFormElement} */ (el('form', null, 'alert-form'));
    form.id = 'invitation-form';
    const names = /** @type {HTMLTextAreaElement} */ (document.createElement('textarea'));
    names.name = 'organisations';
    names.required = true;
    names.rows = 8;
    names.setAttribute('aria-describedby', 'invitation-hint');
    const hint = el('p', t('invitationsHint'), 'alert-note');
    hint.id = 'invitation-hint';
    form.append(labelled(t('organisations'), names), hint);
    const sectorGroup = el('fieldset', null, 'alert-target');
    sectorGroup.append(el('legend', t('invitationSectors')));
    const choices = el('div', null, 'alert-choices');
    for (const sector of sectors) choices.append(checkbox('sector', sector.id, sector.name, false));
    sectorGroup.append(choices);
    form.append(sectorGroup);
    form.append(
      labelled(
        t('activation'),
        select(
          'activation',
          ['pending', 'active'].map((value) => [value, t(`activations.${value}`)]),
          'pending',
        ),
      ),
    );
    const days = input('number', 'expiresInDays', '30');
    days.min = '1';
    days.max = '365';
    days.required = true;
    form.append(labelled(t('expiresInDays'), days));
    const create = el('button', t('createInvitations'));
    create.setAttribute('type', 'submit');
    form.append(create);
    const result = el('div', null, 'invitation-result');
    result.id = 'invitation-result';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      createInvitations(form, result).catch(consoleApi().failed);
    });
    const lookup = /** @type {HTMLFormElement} */ (el('form', null, 'alert-form alert-inline'));
    lookup.id = 'batch-form';
    const batch = input('text', 'batchId');
    batch.pattern = '[0-9a-f]{24}';
    batch.required = true;
    batch.maxLength = 24;
    lookup.append(labelled(t('batchLookup'), batch));
    const show = el('button', t('batchButton'));
    show.setAttribute('type', 'submit');
    lookup.append(show);
    lookup.addEventListener('submit', (event) => {
      event.preventDefault();
      showBatch(batch.value.trim(), result).catch(consoleApi().failed);
    });
    root.append(form, lookup, result);
  }

  /**
   * @param {string} text
   * @param {string[]} sectors
   */
  function organisationsOf(text, sectors) {
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name, areas] = line.split(';');
        return {
          name: name.trim(),
          sectors,
          areas: (areas || '')
            .split(',')
            .map((area) => area.trim())
            .filter(Boolean),
        };
      });
  }

  /**
   * @param {HTMLFormElement} form
   * @param {HTMLElement} result
   */
  async function createInvitations(form, result) {
    say('');
    const body = {
      organisations: organisationsOf(valueOf(form, 'organisations'), checked(form, 'sector')),
      activation: valueOf(form, 'activation'),
      expiresInDays: Number(valueOf(form, 'expiresInDays')),
    };
    // The codes are shown once, by this answer, and never stored: they go straight into the file.
    const response = await consoleApi().authorisedFetch('POST', '/api/invitations?format=csv', body);
    if (!response.ok) {
      /** @type {{ message?: string }} */
      const answer = await response.json().catch(() => ({}));
      throw new Error(answer.message || `${response.status}`);
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    const batchId = (/invitations-([0-9a-f]{24})\.csv/.exec(disposition) || [])[1] || '';
    consoleApi().saveBlob(await response.blob(), `invitations-${batchId || 'batch'}.csv`);
    /** @type {HTMLInputElement} */ (document.querySelector('#batch-form input[name="batchId"]')).value =
      batchId;
    say(t('invitationsCreated', { n: body.organisations.length, batch: batchId }));
    if (batchId) await showBatch(batchId, result);
  }

  /**
   * @param {string} batchId
   * @param {HTMLElement} result
   */
  async function showBatch(batchId, result) {
    /** @type {{ redeemed: number, count: number, invitations: Invitation[] }} */
    const answer = await consoleApi().api('GET', `/api/invitations/${encodeURIComponent(batchId)}`);
    result.replaceChildren(el('p', t('batchStatus', { redeemed: answer.redeemed, count: answer.count })));
    const table = el('table', null, 'alert-table');
    const head = el('tr');
    for (const column of ['colOrganisation', 'colRedeemed']) {
      const th = el('th', t(column));
      th.scope = 'col';
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (const invitation of answer.invitations) {
      const row = el('tr');
      row.append(
        cell(t('colOrganisation'), invitation.name),
        cell(t('colRedeemed'), invitation.redeemed ? t('yes') : t('no')),
      );
      body.append(row);
    }
    table.append(thead, body);
    result.append(table);
  }

  // ---- registrations (administrators) ----

  async function showPartners() {
    page('partners', t('partnersTitle'));
    if (role() !== 'admin') {
      root.append(el('p', t('adminOnly')));
      return;
    }
    root.append(el('p', t('partnersHint'), 'alert-note'));
    /** @type {{ organisations: Organisation[] }} */
    const answer = await consoleApi().api('GET', '/api/admin/organisations');
    const waiting = answer.organisations.filter((organisation) => !organisation.active);
    if (waiting.length === 0) {
      root.append(el('p', t('noPending')));
      return;
    }
    const list = el('ul', null, 'alert-partners');
    list.id = 'pending-partners';
    for (const organisation of waiting) {
      const item = el('li');
      item.append(
        el('strong', organisation.name),
        el('span', ` · ${t('colTenant')} ${organisation.tenantId}`, 'tenant-id'),
        el('span', ` · ${t('colSince')} ${formatTime(organisation.updatedAt || organisation.createdAt)} `),
      );
      item.append(
        button(t('activate', { name: organisation.name }), () => {
          consoleApi()
            .api('PATCH', `/api/admin/organisations/${encodeURIComponent(organisation.tenantId)}`, {
              active: true,
            })
            .then(() => showPartners())
            .then(() => say(t('activated', { name: organisation.name })))
            .catch(consoleApi().failed);
        }),
      );
      list.append(item);
    }
    root.append(list);
  }

  // ---- routes ----

  /** @param {string} pathname */
  function viewOf(pathname) {
    const prefix = base();
    if (pathname === prefix) return 'list';
    if (!pathname.startsWith(`${prefix}/`)) return null;
    const rest = decodeURIComponent(pathname.slice(prefix.length + 1));
    if (rest === 'new' || rest === 'invitations' || rest === 'partners') return rest;
    return ALERT_ID.test(rest) ? rest : null;
  }

  function applyNav() {
    const shown = mayWrite();
    nav.hidden = !shown;
    for (const anchor of nav.querySelectorAll('a')) {
      const target = /** @type {HTMLAnchorElement} */ (anchor);
      const onAlerts = location.pathname.startsWith(base());
      const isAlerts = target.dataset.nav === 'alerts';
      if (isAlerts === onAlerts) target.setAttribute('aria-current', 'page');
      else target.removeAttribute('aria-current');
      target.textContent = t(isAlerts ? 'navAlerts' : 'navCases');
    }
    nav.setAttribute('aria-label', t('navigation'));
    // A liaison reads no cases: the cases entry is not offered.
    const cases = /** @type {HTMLElement | null} */ (nav.querySelector('[data-nav="cases"]'));
    if (cases) cases.hidden = !mayReadCases();
  }

  async function open() {
    consoleApi().show('alerts');
    applyNav();
    if (!mayWrite()) {
      root.replaceChildren(heading(t('alertsTitle')), el('p', t('notAllowed')));
      return;
    }
    const view = viewOf(location.pathname) || 'list';
    if (view === 'list') await showList();
    else if (view === 'new') await showCompose();
    else if (view === 'invitations') await showInvitations();
    else if (view === 'partners') await showPartners();
    else await showAlert(view);
    const title = root.querySelector('h2');
    if (title && document.activeElement === document.body) /** @type {HTMLElement} */ (title).focus();
  }

  window.shieldAlerts = {
    /** Whether this module shows the page at `pathname` (a liaison, who reads no cases, always lands here). */
    handles(pathname) {
      if (viewOf(pathname)) return true;
      if (role() === 'liaison') {
        history.replaceState(null, '', base());
        return true;
      }
      return false;
    },
    open,
    /** After login and on every route: the menu entry for those who may write alerts. */
    applyNav,
  };

  for (const anchor of nav.querySelectorAll('a')) anchor.addEventListener('click', () => say(''));
  // After app.js's own listener has taken the new language (this script is loaded before it).
  byId('console-lang').addEventListener('change', () => {
    setTimeout(() => {
      if (!consoleApi().officer()) return;
      applyNav();
      if (!root.hidden) open().catch(consoleApi().failed);
    }, 0);
  });
})();
