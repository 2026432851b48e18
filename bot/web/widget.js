// @ts-check
// The reporting page: starts (or resumes) a conversation on the service's own Direct Line channel and
// renders the official Web Chat widget. Plain script, no build step; served with a strict CSP.
(function () {
  'use strict';
  const TEXTS = {
    en: {
      service: 'Police reporting service',
      title: 'Report something suspicious',
      skip: 'Skip to the chat',
      language: 'Language',
      emergency112: 'Emergency, or someone in danger right now? Call',
      emergency101: 'No urgency:',
      aboutHeading: 'About this service',
      intro: 'Tell us what you saw or heard. A police officer reads every report. You may stay anonymous.',
      attach: 'Add a photo or document',
      shareLocation: 'Keep the location stored in my photos',
      attachHintSummary: 'Which files? iPhone?',
      attachHint:
        'Photos (JPEG, PNG) or PDF. The location in a photo is removed unless you tick the box. iPhone: if a photo is refused, choose Settings \u203a Camera \u203a Formats \u203a Most Compatible, or send a screenshot of it.',
      chat: 'Conversation with the reporting assistant',
      loading: 'Loading the chat\u2026',
      failed: 'The chat could not be started. Please try again later. In an emergency, call 112.',
      copied: 'Copied.',
      copyFailed: 'Could not copy: select the text and copy it yourself.',
      jumpTo: 'Go to the button',
      close: 'Close',
      webchat: 'en-US',
    },
    nl: {
      service: 'Meldingsdienst van de politie',
      title: 'Meld iets verdachts',
      skip: 'Naar de chat',
      language: 'Taal',
      emergency112: 'Nood, of is iemand nu in gevaar? Bel',
      emergency101: 'Zonder dringende hulp:',
      aboutHeading: 'Over deze dienst',
      intro:
        'Vertel ons wat u zag of hoorde. Elke melding wordt gelezen door een politieagent. U mag anoniem blijven.',
      attach: 'Foto of document toevoegen',
      shareLocation: 'De locatie in mijn foto\u2019s behouden',
      attachHintSummary: 'Welke bestanden? iPhone?',
      attachHint:
        'Foto\u2019s (JPEG, PNG) of pdf. De locatie in een foto wordt verwijderd, tenzij u het vakje aanvinkt. iPhone: wordt een foto geweigerd, kies dan Instellingen \u203a Camera \u203a Formaten \u203a Meest compatibel, of stuur er een schermafbeelding van.',
      chat: 'Gesprek met de meldingsassistent',
      loading: 'De chat wordt geladen\u2026',
      failed: 'De chat kon niet starten. Probeer het later opnieuw. Bij nood, bel 112.',
      copied: 'Gekopieerd.',
      copyFailed: 'Kopi\u00ebren lukte niet: selecteer de tekst en kopieer hem zelf.',
      jumpTo: 'Naar de knop',
      close: 'Sluiten',
      webchat: 'nl-NL',
    },
    fr: {
      service: 'Service de signalement de la police',
      title: 'Signaler quelque chose de suspect',
      skip: 'Aller au chat',
      language: 'Langue',
      emergency112: 'Urgence, ou quelqu\u2019un en danger maintenant\u00a0? Appelez le',
      emergency101: 'Sans urgence\u00a0:',
      aboutHeading: '\u00c0 propos de ce service',
      intro:
        'Dites-nous ce que vous avez vu ou entendu. Chaque signalement est lu par un policier. Vous pouvez rester anonyme.',
      attach: 'Ajouter une photo ou un document',
      shareLocation: 'Conserver la localisation de mes photos',
      attachHintSummary: 'Quels fichiers\u00a0? iPhone\u00a0?',
      attachHint:
        'Photos (JPEG, PNG) ou PDF. La localisation d\u2019une photo est supprim\u00e9e sauf si vous cochez la case. iPhone\u00a0: si une photo est refus\u00e9e, choisissez R\u00e9glages \u203a Appareil photo \u203a Formats \u203a Le plus compatible, ou envoyez-en une capture d\u2019\u00e9cran.',
      chat: 'Conversation avec l\u2019assistant de signalement',
      loading: 'Chargement du chat\u2026',
      failed:
        'Le chat n\u2019a pas pu d\u00e9marrer. R\u00e9essayez plus tard. En cas d\u2019urgence, appelez le 112.',
      copied: 'Copi\u00e9.',
      copyFailed: 'Copie impossible\u00a0: s\u00e9lectionnez le texte et copiez-le vous-m\u00eame.',
      jumpTo: 'Aller au bouton',
      close: 'Fermer',
      webchat: 'fr-FR',
    },
    de: {
      service: 'Meldedienst der Polizei',
      title: 'Etwas Verd\u00e4chtiges melden',
      skip: 'Zum Chat',
      language: 'Sprache',
      emergency112: 'Notfall, oder ist jemand gerade in Gefahr? Rufen Sie',
      emergency101: 'Ohne Notfall:',
      aboutHeading: '\u00dcber diesen Dienst',
      intro:
        'Sagen Sie uns, was Sie gesehen oder geh\u00f6rt haben. Jede Meldung wird von einem Polizeibeamten gelesen. Sie k\u00f6nnen anonym bleiben.',
      attach: 'Foto oder Dokument hinzuf\u00fcgen',
      shareLocation: 'Den Ort in meinen Fotos behalten',
      attachHintSummary: 'Welche Dateien? iPhone?',
      attachHint:
        'Fotos (JPEG, PNG) oder PDF. Der Ort in einem Foto wird entfernt, au\u00dfer Sie setzen das H\u00e4kchen. iPhone: Wird ein Foto abgelehnt, w\u00e4hlen Sie Einstellungen \u203a Kamera \u203a Formate \u203a Maximale Kompatibilit\u00e4t, oder senden Sie ein Bildschirmfoto davon.',
      chat: 'Gespr\u00e4ch mit dem Meldeassistenten',
      loading: 'Chat wird geladen\u2026',
      failed:
        'Der Chat konnte nicht gestartet werden. Bitte versuchen Sie es sp\u00e4ter erneut. Im Notfall: 112.',
      copied: 'Kopiert.',
      copyFailed: 'Kopieren ging nicht: Markieren Sie den Text und kopieren Sie ihn selbst.',
      jumpTo: 'Zur Schaltfl\u00e4che',
      close: 'Schlie\u00dfen',
      webchat: 'de-DE',
    },
  };
  /** The same texts, looked up by a code from outside (the URL, the browser, a button): any string. */
  /** @type {Record<string, typeof TEXTS.en>} */
  const TEXTS_BY_CODE = TEXTS;
  /**
   * What the service answers when a conversation starts or resumes (the token route, the refresh).
   * @typedef {{ token: string, conversationId: string, domain?: string, resumed?: boolean }} ConversationAnswer
   */

  /**
   * An element the page (index.html) ships.
   * @param {string} id
   * @returns {HTMLElement}
   */
  function byId(id) {
    const node = document.getElementById(id);
    if (!node) throw new Error('widget.js: the page has no #' + id);
    return node;
  }

  // What the page must know as the bot knows it (the names that switch the language, each language's own
  // name, the accepted file types) comes from the service's own definitions: /web/shared.js, made by
  // bot/witness/pageShared.ts. A typed language name switches the page as well as the bot.
  const SHARED = window.shieldShared;
  const LANGUAGE_NAMES = SHARED.languageNames;
  // What a header button says to the bot: the language's own name, which the bot understands.
  const OWN_NAME = SHARED.ownNames;
  const STORE = 'shieldReporter.webchat';
  const params = new URLSearchParams(window.location.search);
  const embedded = params.get('embed') === '1';

  /** @param {string | null | undefined} text */
  function simplify(text) {
    return String(text || '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9 ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** @param {string | undefined} text */
  function languageNamed(text) {
    const simple = simplify(text);
    for (const code in LANGUAGE_NAMES) {
      if (LANGUAGE_NAMES[code].indexOf(simple) >= 0) return code;
    }
    return undefined;
  }

  function pickLocale() {
    const wanted = [params.get('locale'), document.documentElement.getAttribute('data-locale')].concat(
      navigator.languages || [navigator.language],
    );
    for (let i = 0; i < wanted.length; i++) {
      const code = String(wanted[i] || '')
        .toLowerCase()
        .split(/[-_]/)[0];
      if (TEXTS_BY_CODE[code]) return code;
    }
    return 'en';
  }

  let locale = pickLocale();
  let texts = TEXTS_BY_CODE[locale];
  if (embedded) document.body.classList.add('embedded');

  // Puts the page's own words in a language (the chat's are the bot's and Web Chat's).
  function applyTexts() {
    texts = TEXTS_BY_CODE[locale];
    document.documentElement.lang = locale;
    document.title = texts.title;
    Array.prototype.forEach.call(
      document.querySelectorAll('[data-text]'),
      /** @param {Element} element */
      function (element) {
        const key = element.getAttribute('data-text');
        // An unknown key empties the element (textContent = undefined did the same).
        element.textContent = (key && /** @type {Record<string, string>} */ (texts)[key]) || '';
      },
    );
    const nav = document.querySelector('[data-label="language"]');
    if (nav) nav.setAttribute('aria-label', texts.language);
    Array.prototype.forEach.call(
      document.querySelectorAll('.languages button'),
      /** @param {Element} button */ function (button) {
        button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
      },
    );
  }
  applyTexts();

  // The embedding page (embed.js) closes its panel on Escape, and learns that the page did load.
  if (embedded && window.parent !== window) {
    window.parent.postMessage({ shieldReporter: 'ready' }, '*');
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') window.parent.postMessage({ shieldReporter: 'close' }, '*');
    });
  }

  /**
   * @param {string} url
   * @param {string} [token]
   * @param {object} [body]
   * @returns {Promise<ConversationAnswer>}
   */
  function post(url, token, body) {
    /** @type {Record<string, string>} */
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body || {}) }).then(
      function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      },
    );
  }

  // A new conversation's token. Under pressure the service answers with a proof-of-work challenge (ALTCHA)
  // instead: solved here, by a worker loaded only then, with nothing for the witness to do, and sent back.
  /**
   * @param {{ locale: string, altcha?: string }} body
   * @param {number} rounds
   * @returns {Promise<ConversationAnswer>}
   */
  function requestToken(body, rounds) {
    return fetch('/api/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.ok) return response.json();
      return response.json().then(
        /** @param {{ challenge?: unknown } | null} answer */
        function (answer) {
          const challenge = answer && answer.challenge;
          if (!challenge || rounds <= 0) throw new Error('HTTP ' + response.status);
          return solveChallenge(challenge).then(function (solution) {
            return requestToken({ locale: body.locale, altcha: solution }, rounds - 1);
          });
        },
        function () {
          throw new Error('HTTP ' + response.status);
        },
      );
    });
  }

  // The solver's files (the worker and the altcha-lib modules it imports, see proofOfWork.js), fetched
  // together into the HTTP cache first: on a slow phone connection that is one round trip for all of them
  // instead of one for the worker and another for its imports.
  const SOLVER_FILES = [
    '/web/proofOfWork.js',
    '/web/altcha/pow.js',
    '/web/altcha/algorithms/web/sha.js',
    '/web/altcha/helpers.js',
    '/web/altcha/types.js',
  ];

  /**
   * altcha's payload: base64 of the challenge with its solution.
   * @param {unknown} challenge
   * @returns {Promise<string>}
   */
  function solveChallenge(challenge) {
    const cached = Promise.all(
      SOLVER_FILES.map(function (file) {
        return fetch(file).then(function (response) {
          return response.arrayBuffer();
        });
      }),
    ).catch(function () {
      return null;
    });
    return cached.then(function () {
      return solveInWorker(challenge);
    });
  }

  /**
   * @param {unknown} challenge
   * @returns {Promise<string>}
   */
  function solveInWorker(challenge) {
    return new Promise(function (resolve, reject) {
      const worker = new Worker('/web/proofOfWork.js', { type: 'module' });
      worker.onmessage = function (event) {
        worker.terminate();
        const solution = event.data && event.data.solution;
        if (solution) resolve(window.btoa(JSON.stringify({ challenge: challenge, solution: solution })));
        else reject(new Error('no solution'));
      };
      worker.onerror = function () {
        worker.terminate();
        reject(new Error('the solver did not start'));
      };
      worker.postMessage({ challenge: challenge });
    });
  }

  // A reload continues the same conversation: its id and token are kept for this tab only.
  function session() {
    /** @type {{ token?: string, conversationId?: string } | null} */
    let saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
    } catch (ignored) {
      saved = null;
    }
    const fresh = function () {
      return requestToken({ locale: texts.webchat }, 2);
    };
    const start =
      saved && saved.token
        ? post('/v3/directline/tokens/refresh', saved.token).then(
            /** @returns {ConversationAnswer} */
            function (answer) {
              return { token: answer.token, conversationId: answer.conversationId, resumed: true };
            },
            fresh,
          )
        : fresh();
    return start.then(function (answer) {
      window.sessionStorage.setItem(
        STORE,
        JSON.stringify({ token: answer.token, conversationId: answer.conversationId }),
      );
      return answer;
    });
  }

  const pageStatus = byId('page-status');
  /** @param {string} text */
  function announce(text) {
    pageStatus.textContent = '';
    window.setTimeout(function () {
      pageStatus.textContent = text;
    }, 50);
  }

  // The copy button the witness used: the focused one, or else the last card button with that title
  // (Web Chat does not say which element was clicked).
  /**
   * @param {string} title
   * @returns {Element | null}
   */
  function copyButtonFor(title) {
    const focused = document.activeElement;
    if (focused && focused.classList && focused.classList.contains('ac-pushButton') && root.contains(focused))
      return focused;
    const buttons = root.querySelectorAll('.ac-pushButton');
    for (let i = buttons.length - 1; i >= 0; i--) {
      if (buttons[i].textContent.trim() === title) return buttons[i];
    }
    return null;
  }

  // Says whether the copy worked, to screen readers and beside the button itself.
  /**
   * @param {Element | null} button
   * @param {boolean} ok
   */
  function copyResult(button, ok) {
    const text = ok ? texts.copied : texts.copyFailed;
    announce(text);
    if (!button) return;
    const card = button.closest('.ac-adaptiveCard') || button.parentNode;
    // A button found in the transcript always has a parent; the check is for the type checker.
    if (!card) return;
    let note = card.querySelector('.copy-note');
    if (!note) {
      note = document.createElement('p');
      note.className = 'copy-note';
      // The live region above says it already; this is for the eyes.
      note.setAttribute('aria-hidden', 'true');
      card.appendChild(note);
    }
    note.textContent = (ok ? '\u2713 ' : '') + text;
    note.classList.toggle('copy-note--failed', !ok);
  }

  /**
   * @param {string} text
   * @param {string} title
   */
  function copyText(text, title) {
    const button = copyButtonFor(title);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () {
          copyResult(button, true);
        },
        function () {
          copyResult(button, false);
        },
      );
    } else {
      copyResult(button, false);
    }
  }

  // Times as people in these countries write them: 24-hour everywhere but English. (Web Chat's own
  // timestamp asks for a 12-hour clock in every language, and its middleware renders only elements.)
  /** @param {string | undefined} timestamp */
  function timeOf(timestamp) {
    // new Date(undefined) is an invalid date, which gives '' below too.
    if (timestamp === undefined) return '';
    const date = new Date(timestamp);
    if (isNaN(date.getTime())) return '';
    const sameDay = new Date().toDateString() === date.toDateString();
    /** @type {Intl.DateTimeFormatOptions} */
    const options = { hour: '2-digit', minute: '2-digit', hourCycle: locale === 'en' ? 'h12' : 'h23' };
    if (!sameDay) {
      options.day = 'numeric';
      options.month = 'short';
    }
    return date.toLocaleString(texts.webchat, options);
  }

  // French puts a space inside guillemets and before : ; ? ! — made non-breaking so that « passer » never
  // leaves its guillemet at the end of a line.
  /** @param {string} text */
  function frenchSpacing(text) {
    return text
      .replace(/\u00ab[ \u00a0]/g, '\u00ab\u202f')
      .replace(/[ \u00a0]\u00bb/g, '\u202f\u00bb')
      .replace(/ ([:;?!])/g, '\u00a0$1');
  }

  const status = byId('chat-status');
  const root = byId('webchat-root');
  const tools = byId('tools');
  let rerender = function () {};

  /** @param {string} code */
  function switchLocale(code) {
    if (!TEXTS_BY_CODE[code] || code === locale) return;
    locale = code;
    applyTexts();
    params.set('locale', code);
    window.history.replaceState(null, '', window.location.pathname + '?' + params.toString());
    rerender();
  }

  /** Sends a message as if typed, once Web Chat runs (null before). @type {((text: string) => void) | null} */
  let sendToBot = null;
  Array.prototype.forEach.call(
    document.querySelectorAll('.languages button'),
    /** @param {Element} button */ function (button) {
      button.addEventListener('click', function () {
        const code = button.getAttribute('data-locale');
        // Each of index.html's language buttons names its language.
        if (code === null || code === locale) return;
        if (!sendToBot) {
          params.set('locale', code);
          window.location.search = params.toString();
          return;
        }
        // The bot switches on its language's name, mid-report too; the page follows when that message goes.
        sendToBot(OWN_NAME[code]);
      });
    },
  );

  // Review cards have a button per answer: the page adds a way straight to the card's main action, and
  // lets each button be announced by its full description ("Change: Person 1 – Height").
  function improveCards() {
    Array.prototype.forEach.call(
      root.querySelectorAll('.ac-pushButton[title]'),
      /** @param {Element} button */ function (button) {
        const title = button.getAttribute('title');
        if (title && button.getAttribute('aria-label') !== title) button.setAttribute('aria-label', title);
      },
    );
    Array.prototype.forEach.call(
      root.querySelectorAll('.ac-adaptiveCard'),
      /** @param {Element} card */ function (card) {
        if (card.getAttribute('data-shield-improved')) return;
        const buttons = card.querySelectorAll('.ac-pushButton');
        const main = /** @type {HTMLElement | null} */ (card.querySelector('.ac-pushButton.style-positive'));
        if (buttons.length < 6 || !main) return;
        card.setAttribute('data-shield-improved', 'true');
        const jump = document.createElement('button');
        jump.type = 'button';
        jump.className = 'card-jump';
        jump.textContent = texts.jumpTo + ' \u201c' + main.textContent + '\u201d \u2193';
        jump.addEventListener('click', function () {
          main.focus();
          main.scrollIntoView({ block: 'nearest' });
        });
        card.insertBefore(jump, card.firstChild);
      },
    );
  }

  session()
    .then(function (answer) {
      /** @type {Parameters<WebChatBundle['createDirectLine']>[0]} */
      const options = {
        domain: answer.domain || window.location.origin + '/v3/directline',
        token: answer.token,
        webSocket: true,
      };
      if (answer.resumed) options.conversationId = answer.conversationId;
      const directLine = window.WebChat.createDirectLine(options);
      const store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
              const outgoing = action.payload && action.payload.activity;
              const named = outgoing && outgoing.type === 'message' && languageNamed(outgoing.text);
              // After this dispatch: Web Chat is not re-rendered from inside its own store.
              if (named)
                window.setTimeout(function () {
                  switchLocale(named);
                }, 0);
            }
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              const incoming = action.payload && action.payload.activity;
              const fromBot = incoming && incoming.from && incoming.from.role === 'bot';
              if (
                fromBot &&
                typeof incoming.text === 'string' &&
                /\u00ab|\u00bb| [:;?!]/.test(incoming.text)
              ) {
                const fixed = Object.assign({}, incoming, { text: frenchSpacing(incoming.text) });
                action = Object.assign({}, action, {
                  payload: Object.assign({}, action.payload, { activity: fixed }),
                });
              }
            }
            return next(action);
          };
        };
      });
      sendToBot = function (text) {
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: text, method: 'keyboard' } });
      };
      // appeal.js: "Report something related" on a public appeal starts the report linked to it.
      window.shieldReportRelated = function (alertId) {
        store.dispatch({ type: 'WEB_CHAT/SEND_POST_BACK', payload: { value: { publicAlert: alertId } } });
      };
      const shareLocation = /** @type {HTMLInputElement} */ (document.getElementById('share-location'));
      shareLocation.addEventListener('change', function () {
        post('/api/webchat/preferences', answer.token, { shareLocation: shareLocation.checked }).catch(
          function () {
            shareLocation.checked = false;
          },
        );
      });
      byId('attach').addEventListener('click', function () {
        const input = /** @type {HTMLInputElement | null} */ (root.querySelector('input[type="file"]'));
        if (input) input.click();
      });

      // A card button whose data is only {copy: "..."} copies that text here and sends nothing, so a
      // receipt code never travels back to the server (see bot/web/README.md).
      /** @typedef {{ cardAction: { title?: string, value?: { copy?: unknown } | string | null } }} CardActionArgs */
      const cardActionMiddleware = function () {
        return /** @param {(args: CardActionArgs) => unknown} next */ function (next) {
          return /** @param {CardActionArgs} args */ function (args) {
            const value = args && args.cardAction && args.cardAction.value;
            if (value && typeof value === 'object' && typeof value.copy === 'string') {
              copyText(value.copy, String(args.cardAction.title || ''));
              return undefined;
            }
            return next(args);
          };
        };
      };
      // The send state (sending, failed) is Web Chat's; the time beside a message is ours.
      /**
       * @typedef {{ hideTimestamp?: boolean, sendState?: string, activity?: { timestamp?: string } }} StatusArgs
       * @typedef {{ $$typeof?: unknown } | null | undefined} StatusElement a React element, or nothing
       */
      const activityStatusMiddleware = function () {
        return /** @param {(args: StatusArgs) => StatusElement} next */ function (next) {
          return /** @param {StatusArgs} args */ function (args) {
            if (!args || args.hideTimestamp || (args.sendState && args.sendState !== 'sent'))
              return next(args);
            const original = next(args);
            const time = timeOf(args.activity && args.activity.timestamp);
            // The page has no React of its own: the new element is Web Chat's own one with other contents.
            if (!time || !original || typeof original !== 'object' || !original.$$typeof) return original;
            return Object.assign({}, original, {
              type: 'span',
              key: null,
              ref: null,
              props: { className: 'chat__time', children: time },
            });
          };
        };
      };

      rerender = function () {
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: store,
            locale: texts.webchat,
            cardActionMiddleware: cardActionMiddleware,
            activityStatusMiddleware: activityStatusMiddleware,
            styleOptions: {
              accent: '#0b2a5b',
              bubbleBackground: '#e8eef8',
              bubbleFromUserBackground: '#0b2a5b',
              bubbleFromUserTextColor: '#ffffff',
              bubbleBorderRadius: 6,
              bubbleFromUserBorderRadius: 6,
              bubbleMaxWidth: 640,
              primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
              sendBoxButtonColor: '#0b2a5b',
              sendBoxTextWrap: true,
              sendBoxMaxHeight: 160,
              suggestedActionLayout: 'flow',
              suggestedActionBorderColor: '#0b2a5b',
              suggestedActionTextColor: '#0b2a5b',
              suggestedActionHeight: 'auto',
              botAvatarInitials: 'SR',
              hideUploadButton: false,
              // A chosen file goes at once; only these types are accepted, so an iPhone sends a JPEG.
              sendAttachmentOn: 'attach',
              uploadAccept: SHARED.uploadAccept,
              uploadMultiple: true,
              // A card taller than the chat opens at its top, not at its last line.
              autoScrollSnapOnPage: true,
              autoScrollSnapOnPageOffset: 0,
            },
          },
          root,
        );
      };
      status.remove();
      tools.hidden = false;
      rerender();
      new MutationObserver(improveCards).observe(root, { childList: true, subtree: true });
      const input = /** @type {HTMLElement | null} */ (
        root.querySelector('[data-id="webchat-sendbox-input"]')
      );
      if (input) input.focus();
    })
    .catch(function () {
      status.textContent = texts.failed;
    });
})();
