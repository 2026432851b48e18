// @ts-check
// Public appeals on the reporting page (and so in the embed, which frames it): an alert the police marked
// public shows as "The police are looking for witnesses of…" with "Report something related", which starts
// the report linked to it (widget.js's window.shieldReportRelated). The list comes from
// GET /api/public/alerts, which the service answers from memory. Its texts are the police's: put in with
// textContent, never as HTML.
'use strict';

(function () {
  /**
   * A public appeal as GET /api/public/alerts gives it.
   * @typedef {{ id: string, severity: string, title: string, text: string, lang: string, photoUrl?: string,
   *   asksForSightings?: boolean }} Appeal
   */
  /** @type {Record<string, { region: string, lead: string, more: string, related: string, inOriginal: string }>} */
  const TEXTS = {
    en: {
      region: 'Police appeal',
      lead: 'The police are looking for witnesses of:',
      more: 'What happened',
      related: 'Report something related',
      inOriginal: '(in the original language)',
    },
    nl: {
      region: 'Oproep van de politie',
      lead: 'De politie zoekt getuigen van:',
      more: 'Wat er gebeurde',
      related: 'Iets gerelateerds melden',
      inOriginal: '(in de oorspronkelijke taal)',
    },
    fr: {
      region: 'Appel de la police',
      lead: 'La police recherche des témoins de\u00a0:',
      more: 'Ce qui s’est passé',
      related: 'Signaler quelque chose en lien',
      inOriginal: '(dans la langue d’origine)',
    },
    de: {
      region: 'Aufruf der Polizei',
      lead: 'Die Polizei sucht Zeugen zu:',
      more: 'Was geschah',
      related: 'Etwas Zusammenhängendes melden',
      inOriginal: '(in der Ausgangssprache)',
    },
  };
  const found = document.getElementById('appeals');
  if (!found) return;
  // Its own binding, so that the checker knows it present inside the (hoisted) functions below.
  const box = found;
  let shownFor = '';

  function pageLocale() {
    const lang = document.documentElement.lang;
    return Object.prototype.hasOwnProperty.call(TEXTS, lang) ? lang : 'en';
  }

  /**
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

  /** Starts the report linked to the appeal once the chat is ready (it may still be connecting). */
  /** @param {string} alertId */
  function reportRelated(alertId) {
    let tries = 0;
    const attempt = function () {
      if (typeof window.shieldReportRelated === 'function') {
        window.shieldReportRelated(alertId);
        const chat = document.getElementById('webchat');
        if (chat) chat.focus();
        return;
      }
      tries += 1;
      if (tries < 100) window.setTimeout(attempt, 300);
    };
    attempt();
  }

  /**
   * @param {Appeal[]} appeals
   * @param {string} locale
   */
  function render(appeals, locale) {
    const texts = TEXTS[locale];
    box.replaceChildren();
    box.hidden = appeals.length === 0;
    box.setAttribute('aria-label', texts.region);
    for (const appeal of appeals) {
      const item = el('article', null, 'appeal appeal--' + appeal.severity);
      item.dataset.alert = appeal.id;
      const lead = el('p', texts.lead, 'appeal__lead');
      const title = el('h2', appeal.title, 'appeal__title');
      title.lang = appeal.lang;
      const head = el('div', null, 'appeal__head');
      head.append(lead, title);
      item.append(head);
      if (appeal.photoUrl) {
        // The police's photo, its alternative text the appeal's title (in the same language).
        const photo = el('img', null, 'appeal__photo');
        photo.src = appeal.photoUrl;
        photo.alt = appeal.title;
        photo.lang = appeal.lang;
        photo.setAttribute('loading', 'lazy');
        item.append(photo);
      }
      const details = el('details', null, 'appeal__details');
      const summary = el('summary', texts.more);
      const text = el('p', appeal.text, 'appeal__text');
      text.lang = appeal.lang;
      details.append(summary, text);
      if (appeal.lang !== locale) details.append(el('p', texts.inOriginal, 'appeal__note'));
      item.append(details);
      if (appeal.asksForSightings) {
        const action = el('button', texts.related, 'appeal__related');
        action.setAttribute('type', 'button');
        action.addEventListener('click', function () {
          reportRelated(appeal.id);
        });
        item.append(action);
      }
      box.append(item);
    }
  }

  function load() {
    const locale = pageLocale();
    if (locale === shownFor) return;
    shownFor = locale;
    fetch('/api/public/alerts?lang=' + locale)
      .then(function (response) {
        return response.ok ? response.json() : { alerts: [] };
      })
      .then(function (answer) {
        // The language may have changed while the answer travelled: only the latest is drawn.
        if (locale === pageLocale()) render(answer.alerts || [], locale);
      })
      .catch(function () {
        // No appeals shown is the right failure: the page works without them.
      });
  }

  load();
  new MutationObserver(load).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
  });
})();
