// @ts-check
// The proof-of-work worker (a module worker started by widget.js only when the service answers a token
// request with a challenge): solves the ALTCHA challenge with altcha-lib's own solver and its Web Crypto
// SHA-256, off the page's thread, and posts back the solution (or null when none was found in time).
// altcha-lib's ES modules are served by the service itself under /web/altcha/ (bot/witness/pages.ts).

/** How long the solver may try before it gives up (the challenge itself lives longer). */
const TIMEOUT_MS = 60000;

/**
 * @typedef {typeof import('altcha-lib')} AltchaLib
 * @typedef {typeof import('altcha-lib/algorithms/web/sha')} AltchaWebSha
 * @typedef {import('altcha-lib').Challenge} Challenge
 */

// Imported from URLs the type check cannot follow: the types come from the installed package. The
// modules that pow.js and sha.js import are asked for at the same time, so that a slow phone connection
// pays one round trip for all of them instead of one per level of imports.
const modules = ['pow.js', 'algorithms/web/sha.js', 'helpers.js', 'types.js'].map(function (file) {
  return import(new URL('./altcha/' + file, self.location.href).href);
});
const library = /** @type {Promise<[AltchaLib, AltchaWebSha]>} */ (Promise.all(modules));

self.onmessage = function (event) {
  const challenge = /** @type {{ challenge: Challenge }} */ (event.data).challenge;
  library
    .then(function (modules) {
      return modules[0].solveChallenge({
        challenge: challenge,
        deriveKey: modules[1].deriveKey,
        timeout: TIMEOUT_MS,
      });
    })
    .then(
      function (solution) {
        self.postMessage({ solution: solution });
      },
      function () {
        self.postMessage({ solution: null });
      },
    );
};
