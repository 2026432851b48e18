// The reporting page: starts (or resumes) a conversation on the service's own Direct Line channel and
// renders the official Web Chat widget. Plain script, no build step; served with a strict CSP.
(function () {
  'use strict';
  var TEXTS = {
    en: {
      service: 'Police reporting service',
      title: 'Report something suspicious',
      skip: 'Skip to the chat',
      language: 'Language',
      emergency: 'Emergency, or someone in danger right now? Call 112. Police without urgency: 101.',
      intro: 'Tell us what you saw or heard. A police officer reads every report. You may stay anonymous.',
      shareLocation: 'Keep the location stored in my photos (it is removed otherwise)',
      chat: 'Conversation with the reporting assistant',
      loading: 'Loading the chat…',
      failed: 'The chat could not be started. Please try again later. In an emergency, call 112.',
      webchat: 'en-US',
    },
    nl: {
      service: 'Meldingsdienst van de politie',
      title: 'Meld iets verdachts',
      skip: 'Naar de chat',
      language: 'Taal',
      emergency: 'Nood, of is iemand nu in gevaar? Bel 112. Politie zonder dringende hulp: 101.',
      intro:
        'Vertel ons wat u zag of hoorde. Elke melding wordt gelezen door een politieagent. U mag anoniem blijven.',
      shareLocation: 'De locatie in mijn foto\u2019s behouden (anders wordt ze verwijderd)',
      chat: 'Gesprek met de meldingsassistent',
      loading: 'De chat wordt geladen…',
      failed: 'De chat kon niet starten. Probeer het later opnieuw. Bij nood, bel 112.',
      webchat: 'nl-NL',
    },
    fr: {
      service: 'Service de signalement de la police',
      title: 'Signaler quelque chose de suspect',
      skip: 'Aller au chat',
      language: 'Langue',
      emergency:
        'Urgence, ou quelqu\u2019un en danger maintenant ? Appelez le 112. Police sans urgence : 101.',
      intro:
        'Dites-nous ce que vous avez vu ou entendu. Chaque signalement est lu par un policier. Vous pouvez rester anonyme.',
      shareLocation: 'Conserver la localisation enregistrée dans mes photos (sinon elle est supprimée)',
      chat: 'Conversation avec l\u2019assistant de signalement',
      loading: 'Chargement du chat…',
      failed: 'Le chat n\u2019a pas pu démarrer. Réessayez plus tard. En cas d\u2019urgence, appelez le 112.',
      webchat: 'fr-FR',
    },
    de: {
      service: 'Meldedienst der Polizei',
      title: 'Etwas Verdächtiges melden',
      skip: 'Zum Chat',
      language: 'Sprache',
      emergency: 'Notfall, oder ist jemand gerade in Gefahr? Rufen Sie 112 an. Polizei ohne Notfall: 101.',
      intro:
        'Sagen Sie uns, was Sie gesehen oder gehört haben. Jede Meldung wird von einem Polizeibeamten gelesen. Sie können anonym bleiben.',
      shareLocation: 'Den in meinen Fotos gespeicherten Ort behalten (sonst wird er entfernt)',
      chat: 'Gespräch mit dem Meldeassistenten',
      loading: 'Chat wird geladen…',
      failed:
        'Der Chat konnte nicht gestartet werden. Bitte versuchen Sie es später erneut. Im Notfall: 112.',
      webchat: 'de-DE',
    },
  };
  var STORE = 'shieldReporter.webchat';
  var params = new URLSearchParams(window.location.search);

  function pickLocale() {
    var wanted = [params.get('locale'), document.documentElement.getAttribute('data-locale')].concat(
      navigator.languages || [navigator.language],
    );
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '')
        .toLowerCase()
        .split(/[-_]/)[0];
      if (TEXTS[code]) return code;
    }
    return 'en';
  }

  var locale = pickLocale();
  var texts = TEXTS[locale];
  document.documentElement.lang = locale;
  if (params.get('embed') === '1') document.body.classList.add('embedded');
  document.title = texts.title;
  Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (element) {
    element.textContent = texts[element.getAttribute('data-text')];
  });
  var nav = document.querySelector('[data-label="language"]');
  if (nav) nav.setAttribute('aria-label', texts.language);
  Array.prototype.forEach.call(document.querySelectorAll('.languages button'), function (button) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    button.addEventListener('click', function () {
      params.set('locale', button.getAttribute('data-locale'));
      window.location.search = params.toString();
    });
  });

  function post(url, token, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body || {}) }).then(
      function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      },
    );
  }

  // A reload continues the same conversation: its id and token are kept for this tab only.
  function session() {
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
    } catch (ignored) {
      saved = null;
    }
    var fresh = function () {
      return post('/api/webchat/token', null, { locale: texts.webchat });
    };
    var start =
      saved && saved.token
        ? post('/v3/directline/tokens/refresh', saved.token).then(function (answer) {
            return { token: answer.token, conversationId: answer.conversationId, resumed: true };
          }, fresh)
        : fresh();
    return start.then(function (answer) {
      window.sessionStorage.setItem(
        STORE,
        JSON.stringify({ token: answer.token, conversationId: answer.conversationId }),
      );
      return answer;
    });
  }

  var status = document.getElementById('chat-status');
  session()
    .then(function (answer) {
      var options = {
        domain: answer.domain || window.location.origin + '/v3/directline',
        token: answer.token,
        webSocket: true,
      };
      if (answer.resumed) options.conversationId = answer.conversationId;
      var directLine = window.WebChat.createDirectLine(options);
      var shareLocation = document.getElementById('share-location');
      if (shareLocation) {
        shareLocation.addEventListener('change', function () {
          post('/api/webchat/preferences', answer.token, { shareLocation: shareLocation.checked }).catch(
            function () {
              shareLocation.checked = false;
            },
          );
        });
      }
      status.remove();
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: texts.webchat,
          styleOptions: {
            accent: '#0b2a5b',
            bubbleBackground: '#e8eef8',
            bubbleFromUserBackground: '#0b2a5b',
            bubbleFromUserTextColor: '#ffffff',
            bubbleBorderRadius: 6,
            bubbleFromUserBorderRadius: 6,
            primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
            sendBoxButtonColor: '#0b2a5b',
            suggestedActionBorderColor: '#0b2a5b',
            suggestedActionTextColor: '#0b2a5b',
            botAvatarInitials: 'SR',
            hideUploadButton: false,
            timestampFormat: 'absolute',
          },
        },
        document.getElementById('webchat'),
      );
      var input = document.querySelector('#webchat input[type="text"], #webchat textarea');
      if (input) input.focus();
    })
    .catch(function () {
      status.textContent = texts.failed;
    });
})();
