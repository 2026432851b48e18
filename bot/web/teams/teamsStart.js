// @ts-check
// Starts teams-js for a Shield Reporter page shown as a Teams tab. Shared by the "My reports" tab and the
// case console. Resolves true inside Teams, false outside it (teams-js fails at once without a parent).
(function () {
  'use strict';

  // teams-js is loaded only when the page may be in Teams: on load it asks Microsoft's CDN for a list of
  // valid domains, a request a plain browser (the standalone console) has no reason to make.
  const script = document.currentScript;
  const teamsJsUrl = script && script.getAttribute('data-teams-js');

  function loadTeamsJs() {
    if (window.microsoftTeams) return Promise.resolve();
    return /** @type {Promise<void>} */ (
      new Promise(function (resolve, reject) {
        const tag = document.createElement('script');
        // The pages that load this script name teams-js; without it the load fails and start() answers false.
        tag.src = teamsJsUrl || '';
        tag.onload = function () {
          resolve();
        };
        tag.onerror = reject;
        document.head.appendChild(tag);
      })
    );
  }

  // teams-js accepts messages only from Microsoft's Teams origins and from origins passed to initialize().
  // Outside production the service names, in this meta tag, the local test hosts that its content security
  // policy also lets frame the page (the browser tests' stand-in for Teams); in production it is empty, so
  // no other origin is ever accepted.
  function testHostOrigins() {
    const meta = document.querySelector('meta[name="shield-test-hosts"]');
    const patterns = ((meta && meta.getAttribute('content')) || '').split(/\s+/).filter(Boolean);
    if (patterns.length === 0 || window.parent === window) return [];
    const ancestors = window.location.ancestorOrigins;
    const parent = (ancestors && ancestors.length > 0 && ancestors[0]) || document.referrer;
    let url;
    try {
      url = new URL(parent);
    } catch (error) {
      return [];
    }
    const accepted = patterns.some(function (pattern) {
      return pattern === url.protocol + '//' + url.hostname + ':*';
    });
    return accepted ? [url.origin] : [];
  }

  async function start() {
    // Teams shows a tab in an iframe, or (mobile) in a web view with a native interface. A top-level page
    // opened by another window is neither: teams-js would take the opener for Teams and wait a minute.
    if (window.parent === window && !window.nativeInterface) return false;
    try {
      await loadTeamsJs();
      await window.microsoftTeams.app.initialize(testHostOrigins());
      return true;
    } catch (error) {
      return false;
    }
  }

  window.shieldTeams = { start: start };
})();
