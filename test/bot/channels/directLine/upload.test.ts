import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DirectLineClient } from '../../../helpers/directLineClient';
import { PHOTO } from '../../../helpers/photos';
import { directLineServicePerTest } from '../../../helpers/serviceConfig';

// The accepted and refused kinds beyond the JPEG cases of routes.test.ts, each identified by its bytes.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1a7640000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
// The start of an ISO-BMFF file of brand "heic" (what an iPhone photo begins with).
const HEIC = Buffer.concat([
  Buffer.from('0000001c6674797068656963000000006d69663168656963', 'hex'),
  Buffer.alloc(64),
]);

describe('Direct Line upload: kinds of file and who may use them', function () {
  this.timeout(30_000);
  const clientOfTest = directLineServicePerTest();
  let client: DirectLineClient;
  beforeEach(() => {
    client = clientOfTest();
  });

  function upload(conversationId: string, token: string, name: string, bytes: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
    return client.call('POST', `/v3/directline/conversations/${conversationId}/upload`, {
      token,
      body: form,
    });
  }

  for (const [kind, name, bytes, contentType] of [
    ['PNG', 'sketch.png', PNG, 'image/png'],
    ['PDF', 'statement.pdf', PDF, 'application/pdf'],
  ] as const) {
    it(`accepts a ${kind}, typed from its bytes (sent as application/octet-stream)`, async () => {
      const { token, conversationId } = await client.open();
      const before = await client.read(conversationId, token);
      assert.equal((await upload(conversationId, token, name, bytes)).status, 200);
      const [posted] = (await client.read(conversationId, token, before.watermark)).activities;
      assert.equal(posted.attachments?.[0].contentType, contentType);
    });
  }

  it('refuses a HEIC photo with 415 (not accepted: see the README) and tells the witness what is accepted', async () => {
    const { token, conversationId } = await client.open();
    const before = await client.read(conversationId, token);
    assert.equal((await upload(conversationId, token, 'IMG_0001.heic', HEIC)).status, 415);
    const after = (await client.read(conversationId, token, before.watermark)).activities;
    assert.equal(after.length, 1);
    assert.equal(after[0].from?.role, 'bot');
    assert.match(after[0].text ?? '', /JPEG or PNG.*PDF/);
  });

  it('refuses an upload to another conversation (403) and an upload without a file (400)', async () => {
    const first = await client.open();
    const second = await client.open();
    assert.equal(
      (await upload(second.conversationId, first.token, 'x.jpg', readFileSync(PHOTO))).status,
      403,
    );
    const empty = await client.call('POST', `/v3/directline/conversations/${first.conversationId}/upload`, {
      token: first.token,
      body: new FormData(),
    });
    assert.equal(empty.status, 400);
  });

  it('serves a stored file only with a token of its own conversation', async () => {
    const owner = await client.open();
    const stranger = await client.open();
    const before = await client.read(owner.conversationId, owner.token);
    assert.equal(
      (await upload(owner.conversationId, owner.token, 'bench.jpg', readFileSync(PHOTO))).status,
      200,
    );
    const [posted] = (await client.read(owner.conversationId, owner.token, before.watermark)).activities;
    const bare = (posted.attachments?.[0].contentUrl ?? '').replace(/\?t=.*$/, '');
    assert.match(bare, /\/v3\/directline\/attachments\/[0-9a-f]{24}$/);
    assert.equal((await fetch(bare, { headers: { Authorization: `Bearer ${stranger.token}` } })).status, 403);
    assert.equal((await fetch(bare, { headers: { Authorization: `Bearer ${owner.token}` } })).status, 200);
  });
});
