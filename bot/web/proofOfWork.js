// @ts-check
// The proof-of-work worker (a module worker started by widget.js only when the service answers a token
// request with a challenge): solves the ALTCHA challenge with altcha-lib's own solver and its Web Crypto
// SHA-256, off the page's thread, and posts back the solution (or null when none was found in time).
// altcha-lib's ES modules are served by the service itself under /web/altcha/ (bot/pages.ts).

/** How long the solver may try before it gives up (the challenge itself lives longer). */
const TIMEOUT_MS = 60000;

/**
 * @typedef {typeof import('altcha-lib')} AltchaLib
 * @typedef {typeof import('altcha-lib/algorithms/web/sha')} AltchaWebSha
 * @typedef {import('altcha-lib').Challenge} Challenge
 */

// Imported from URLs the type check cannot follow: the types come from the installed package.
const library = /** @type {Promise<[AltchaLib, AltchaWebSha]>} */ (
  Promise.all([
    import(new URL('./altcha/pow.js', self.location.href).href),
    import(new URL('./altcha/algorithms/web/sha.js', self.location.href).href),
  ])
);

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
