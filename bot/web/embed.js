// @ts-check
// Adds a "Report something suspicious" launcher to any page that includes
//   <script src="https://<service>/embed.js" data-locale="nl" async></script>
// The chat opens in an iframe of the service's own page, so no token or secret ever touches the host page.
// Styles are set through the DOM (element.style), which a host page's CSP allows, unlike a <style> element.
(function () {
  'use strict';
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script) return;
  const origin = new URL(script.src).origin;
  const locale =
    script.getAttribute('data-locale') || document.documentElement.lang || navigator.language || 'en';
  /** @type {Record<string, { label: string, close: string, refused: string, open: string }>} */
  const WORDS = {
    nl: {
      label: 'Meld iets verdachts',
      close: 'Sluiten',
      refused:
        'Deze website mag het meldingsformulier niet tonen. Meld via de website van de politie, of bel 101. Bij nood, bel 112.',
      open: 'Meldingspagina openen',
    },
    fr: {
      label: 'Signaler quelque chose de suspect',
      close: 'Fermer',
      refused:
        'Ce site n\u2019est pas autoris\u00e9 \u00e0 afficher le formulaire de signalement. Signalez sur le site de la police, ou appelez le 101. En cas d\u2019urgence, appelez le 112.',
      open: 'Ouvrir la page de signalement',
    },
    de: {
      label: 'Etwas Verd\u00e4chtiges melden',
      close: 'Schlie\u00dfen',
      refused:
        'Diese Website darf das Meldeformular nicht anzeigen. Melden Sie auf der Website der Polizei oder rufen Sie 101 an. Im Notfall: 112.',
      open: 'Meldeseite \u00f6ffnen',
    },
    en: {
      label: 'Report something suspicious',
      close: 'Close',
      refused:
        'This website may not show the reporting form. Report on the police website, or call 101. In an emergency, call 112.',
      open: 'Open the reporting page',
    },
  };
  let code = String(locale).toLowerCase().split(/[-_]/)[0];
  if (!WORDS[code]) code = 'en';
  const words = WORDS[code];
  const pageUrl = origin + '/?embed=1&locale=' + encodeURIComponent(code);

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = words.label;
  button.setAttribute('aria-haspopup', 'dialog');
  button.style.cssText =
    'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;background:#0b2a5b;color:#fff;border:0;border-radius:2rem;padding:0.8rem 1.2rem;font:600 1rem system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer;max-width:calc(100vw - 2rem)';

  const panel = document.createElement('div');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'shield-reporter-title');
  panel.hidden = true;

  const bar = document.createElement('div');
  bar.style.cssText =
    'display:flex;align-items:center;gap:0.5rem;background:#0b2a5b;color:#fff;padding:0.4rem 0.5rem 0.4rem 0.9rem;font:600 1rem system-ui,sans-serif;flex:none';
  const title = document.createElement('h2');
  title.id = 'shield-reporter-title';
  title.textContent = words.label;
  title.style.cssText = 'margin:0;font:inherit;flex:1;min-width:0';
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.textContent = words.close;
  closeButton.style.cssText =
    'background:#fff;border:0;color:#0b2a5b;border-radius:4px;padding:0.35rem 0.7rem;font:600 0.9rem system-ui,sans-serif;cursor:pointer;min-height:2.25rem';
  bar.appendChild(title);
  bar.appendChild(closeButton);

  const frame = document.createElement('iframe');
  frame.title = words.label;
  frame.style.cssText = 'flex:1;border:0;width:100%;min-height:0';
  frame.setAttribute('allow', 'clipboard-write');

  const refusal = document.createElement('div');
  refusal.setAttribute('role', 'alert');
  refusal.hidden = true;
  refusal.style.cssText = 'padding:1rem;font:1rem/1.4 system-ui,sans-serif;color:#1a1a1a';
  const refusalText = document.createElement('p');
  refusalText.textContent = words.refused;
  refusalText.style.margin = '0 0 0.75rem';
  const refusalLink = document.createElement('a');
  refusalLink.href = origin + '/?locale=' + encodeURIComponent(code);
  refusalLink.target = '_blank';
  refusalLink.rel = 'noopener';
  refusalLink.textContent = words.open;
  refusalLink.style.color = '#0b2a5b';
  refusal.appendChild(refusalText);
  refusal.appendChild(refusalLink);

  panel.appendChild(bar);
  panel.appendChild(refusal);
  panel.appendChild(frame);

  // On a phone the panel is the whole screen; elsewhere a panel above the launcher.
  const phone = window.matchMedia('(max-width: 40rem)');
  function layout() {
    const base =
      'position:fixed;z-index:2147483001;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.3);flex-direction:column;display:' +
      (panel.hidden ? 'none' : 'flex') +
      ';';
    panel.style.cssText = phone.matches
      ? base + 'inset:0;width:100vw;height:100vh;height:100dvh;border:0;border-radius:0'
      : base +
        'right:1rem;bottom:4.5rem;width:min(26rem,calc(100vw - 2rem));height:min(42rem,calc(100vh - 6rem));border:1px solid #0b2a5b;border-radius:6px;overflow:hidden';
  }
  if (phone.addEventListener) phone.addEventListener('change', layout);

  // Asked once: a site that may not frame the page gets words and a link, not a broken frame.
  /** @type {Promise<boolean> | null} */
  let allowed = null;
  function checkAllowed() {
    if (allowed) return allowed;
    allowed = fetch(origin + '/embed/allowed', { credentials: 'omit' })
      .then(function (response) {
        return response.ok ? response.json() : { allowed: true };
      })
      .then(
        /** @param {{ allowed?: unknown }} answer */
        function (answer) {
          return answer.allowed !== false;
        },
        function () {
          return true;
        },
      );
    return allowed;
  }

  function open() {
    panel.hidden = false;
    layout();
    checkAllowed().then(function (ok) {
      if (!ok) {
        refusal.hidden = false;
        frame.style.display = 'none';
        closeButton.focus();
        return;
      }
      if (!frame.src) frame.src = pageUrl;
      frame.focus();
    });
  }
  function close() {
    panel.hidden = true;
    layout();
    button.focus();
  }

  button.addEventListener('click', function () {
    if (panel.hidden) open();
    else close();
  });
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') close();
  });
  // Escape pressed inside the chat (another document) reaches here as a message from the service's page.
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    if (event.data && event.data.shieldReporter === 'close' && !panel.hidden) close();
  });
  layout();
  document.body.appendChild(button);
  document.body.appendChild(panel);
})();
