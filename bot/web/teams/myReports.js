// @ts-check
// The "My reports" Teams tab. Every value from the server is set with textContent, never as HTML.
(function () {
  'use strict';
  /**
   * One report as GET /api/teams/my-reports gives it.
   * @typedef {{ caseNumber: string, status: string, openQuestions: string[] }} MyReport
   */
  /**
   * @typedef {{ title: string, none: string, status: string, statuses: Record<string, string>, question: string,
   *   failed: string, outside: string }} TabTexts
   */
  /** @type {Record<string, TabTexts>} */
  const texts = {
    en: {
      title: 'My reports',
      none: 'You have not made any report from Teams yet.',
      status: 'Status',
      statuses: {
        new: 'Received',
        triaged: 'Being assessed',
        in_progress: 'Being followed up',
        closed: 'Closed',
      },
      question: 'Question from the police',
      failed: 'Your reports could not be loaded. Please try again later.',
      outside:
        'This is the "My reports" tab of Shield Reporter, the police reporting app. Open it in Microsoft Teams: Apps > Shield Reporter > My reports.',
    },
    nl: {
      title: 'Mijn meldingen',
      none: 'Je hebt nog geen melding gedaan vanuit Teams.',
      status: 'Status',
      statuses: {
        new: 'Ontvangen',
        triaged: 'Wordt beoordeeld',
        in_progress: 'Wordt opgevolgd',
        closed: 'Afgesloten',
      },
      question: 'Vraag van de politie',
      failed: 'Je meldingen konden niet geladen worden. Probeer het later opnieuw.',
      outside:
        'Dit is het tabblad "Mijn meldingen" van Shield Reporter, de meldapp van de politie. Open het in Microsoft Teams: Apps > Shield Reporter > Mijn meldingen.',
    },
    fr: {
      title: 'Mes signalements',
      none: "Vous n'avez encore fait aucun signalement depuis Teams.",
      status: 'État',
      statuses: {
        new: 'Reçu',
        triaged: 'En cours d’évaluation',
        in_progress: 'En cours de suivi',
        closed: 'Clôturé',
      },
      question: 'Question de la police',
      failed: 'Vos signalements n’ont pas pu être chargés. Réessayez plus tard.',
      outside:
        'Ceci est l’onglet « Mes signalements » de Shield Reporter, l’application de signalement de la police. Ouvrez-le dans Microsoft Teams : Applications > Shield Reporter > Mes signalements.',
    },
    de: {
      title: 'Meine Meldungen',
      none: 'Sie haben aus Teams noch keine Meldung gemacht.',
      status: 'Stand',
      statuses: {
        new: 'Eingegangen',
        triaged: 'Wird geprüft',
        in_progress: 'Wird bearbeitet',
        closed: 'Abgeschlossen',
      },
      question: 'Frage der Polizei',
      failed: 'Ihre Meldungen konnten nicht geladen werden. Bitte versuchen Sie es später erneut.',
      outside:
        'Dies ist die Registerkarte „Meine Meldungen“ von Shield Reporter, der Melde-App der Polizei. Öffnen Sie sie in Microsoft Teams: Apps > Shield Reporter > Meine Meldungen.',
    },
  };
  let t = texts.en;
  const statusLine = byId('status');

  /**
   * An element the tab's page (teams/myReports.html) ships.
   * @param {string} id
   * @returns {HTMLElement}
   */
  function byId(id) {
    const node = document.getElementById(id);
    if (!node) throw new Error('myReports.js: the page has no #' + id);
    return node;
  }

  /** @param {string | undefined} theme */
  function applyTheme(theme) {
    document.body.className = 'theme-' + (theme === 'dark' || theme === 'contrast' ? theme : 'default');
  }

  /** @param {MyReport[]} reports */
  function render(reports) {
    const list = byId('reports');
    list.replaceChildren();
    statusLine.textContent = reports.length === 0 ? t.none : '';
    reports.forEach(function (report) {
      const item = document.createElement('li');
      const heading = document.createElement('div');
      heading.className = 'case';
      heading.textContent = report.caseNumber;
      const status = document.createElement('div');
      // The stored status is a code (in_progress); the witness reads words in their language.
      status.textContent = t.status + ': ' + (t.statuses[report.status] || report.status.replace(/_/g, ' '));
      item.append(heading, status);
      report.openQuestions.forEach(function (question) {
        const line = document.createElement('p');
        line.className = 'question';
        line.textContent = t.question + ': ' + question;
        item.append(line);
      });
      list.append(item);
    });
  }

  async function start() {
    if (!(await window.shieldTeams.start())) {
      statusLine.textContent = t.outside;
      return;
    }
    const teams = window.microsoftTeams;
    try {
      const context = await teams.app.getContext();
      const language = String((context.app && context.app.locale) || 'en')
        .toLowerCase()
        .split('-')[0];
      t = texts[language] || texts.en;
      document.documentElement.lang = texts[language] ? language : 'en';
      byId('title').textContent = t.title;
      applyTheme(context.app && context.app.theme);
      teams.app.registerOnThemeChangeHandler(applyTheme);
      const token = await teams.authentication.getAuthToken();
      const response = await fetch('/api/teams/my-reports', {
        headers: { authorization: 'Bearer ' + token },
      });
      // Any refusal (expired sign-in, server trouble) is one plain sentence, never a status code.
      if (!response.ok) throw new Error('not loaded');
      render((await response.json()).reports);
      teams.app.notifySuccess();
    } catch (error) {
      statusLine.textContent = t.failed;
    }
  }

  start();
})();
