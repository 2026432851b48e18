import assert from 'node:assert/strict';
import { servicePerTest } from '../../helpers/serviceConfig';

// One static file server for the reporting page, the case console and the Teams tabs (bot/http/webAssets.ts):
// each answers compressed, with its content version as ETag, 304 when the browser has it, under its own
// policy.
const FILES = [
  { path: '/web/widget.js', policy: /frame-ancestors 'self'/, framed: true },
  // The console's scripts keep the site-wide X-Frame-Options; its page is framed by Teams.
  { path: '/console/app.js', policy: /default-src 'none'/, framed: false },
  { path: '/console', policy: /default-src 'none'/, framed: true },
  { path: '/teams/my-reports.js', policy: /frame-ancestors https:\/\/teams\.microsoft\.com/, framed: true },
  { path: '/teams/console', policy: /default-src 'none'/, framed: true },
];

describe('StaticFiles: the browser files of every page', function () {
  this.timeout(30_000);
  const services = servicePerTest({ dataDirPrefix: 'shield-static' });

  it('answers brotli or gzip as accepted, with an ETag, 304 for it, and the page’s own policy', async () => {
    const { url } = await services.serve();
    for (const file of FILES) {
      const plain = await fetch(`${url}${file.path}`, { headers: { 'Accept-Encoding': 'identity' } });
      assert.equal(plain.status, 200, file.path);
      assert.equal(plain.headers.get('content-encoding'), null, `${file.path}: identity`);
      const body = await plain.text();
      assert.match(plain.headers.get('content-security-policy') ?? '', file.policy, `${file.path}: policy`);
      if (file.framed) {
        assert.equal(plain.headers.get('x-frame-options'), null, `${file.path}: framing is the policy's`);
      }
      for (const encoding of ['br', 'gzip']) {
        const compressed = await fetch(`${url}${file.path}`, { headers: { 'Accept-Encoding': encoding } });
        assert.equal(compressed.headers.get('content-encoding'), encoding, `${file.path}: ${encoding}`);
        assert.equal(await compressed.text(), body, `${file.path}: ${encoding} is the same file`);
      }
      const etag = plain.headers.get('etag');
      assert.match(etag ?? '', /^"[0-9a-f]{12}"$/, `${file.path}: ETag`);
      const again = await fetch(`${url}${file.path}`, { headers: { 'If-None-Match': etag ?? '' } });
      assert.equal(again.status, 304, `${file.path}: not sent twice`);
    }
  });

  it('answers an unknown console file 404 NotFound', async () => {
    const { url } = await services.serve();
    for (const name of ['nothing.js', '__proto__', 'constructor']) {
      const answer = await fetch(`${url}/console/${name}`);
      assert.equal(answer.status, 404, name);
      assert.equal(((await answer.json()) as { code?: string }).code, 'NotFound', name);
    }
  });
});
