// Adds a "Report something suspicious" launcher to any page that includes
//   <script src="https://<service>/embed.js" data-locale="nl" async></script>
// The chat opens in an iframe of the service's own page, so no token or secret ever touches the host page.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var locale =
    script.getAttribute('data-locale') || document.documentElement.lang || navigator.language || 'en';
  var labels = {
    nl: 'Meld iets verdachts',
    fr: 'Signaler quelque chose de suspect',
    de: 'Etwas Verdächtiges melden',
    en: 'Report something suspicious',
  };
  var close = { nl: 'Sluiten', fr: 'Fermer', de: 'Schließen', en: 'Close' };
  var code = String(locale).toLowerCase().split(/[-_]/)[0];
  if (!labels[code]) code = 'en';

  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = labels[code];
  button.setAttribute('aria-haspopup', 'dialog');
  button.style.cssText =
    'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;background:#0b2a5b;color:#fff;border:0;border-radius:2rem;padding:0.8rem 1.2rem;font:600 1rem system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3);cursor:pointer';

  var panel = document.createElement('div');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', labels[code]);
  panel.hidden = true;
  panel.style.cssText =
    'position:fixed;right:1rem;bottom:4.5rem;width:min(26rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 6rem));z-index:2147483000;background:#fff;border:1px solid #0b2a5b;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.3);display:flex;flex-direction:column';
  var closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.textContent = close[code];
  closeButton.style.cssText =
    'align-self:flex-end;margin:0.25rem;background:#fff;border:1px solid #0b2a5b;color:#0b2a5b;border-radius:4px;padding:0.25rem 0.6rem;cursor:pointer';
  var frame = document.createElement('iframe');
  frame.title = labels[code];
  frame.style.cssText = 'flex:1;border:0;width:100%';
  panel.appendChild(closeButton);
  panel.appendChild(frame);

  button.addEventListener('click', function () {
    if (!frame.src) frame.src = origin + '/?embed=1&locale=' + encodeURIComponent(code);
    panel.hidden = !panel.hidden;
    panel.style.display = panel.hidden ? 'none' : 'flex';
    if (!panel.hidden) frame.focus();
  });
  closeButton.addEventListener('click', function () {
    panel.hidden = true;
    panel.style.display = 'none';
    button.focus();
  });
  panel.style.display = 'none';
  document.body.appendChild(button);
  document.body.appendChild(panel);
})();
