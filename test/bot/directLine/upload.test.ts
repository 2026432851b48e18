import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/db';
import { EvidenceFiles } from '../../../models/evidenceFiles';
import { openTestDatabase } from '../../helpers/database';
import { DirectLineClient, type Activity } from '../../helpers/directLineClient';
import { withGpsExif } from '../../helpers/jpeg';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const PHOTO = readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'photo.jpg'));
// Invented coordinates.
const GPS_PHOTO = withGpsExif(PHOTO, [50, 50, 30], [4, 21, 10]);
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.from('0000000d4944415478da63f8cfc0f01f0005000201a5f1a7640000000049454e44ae426082', 'hex'),
]);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
// The start of an ISO-BMFF file of brand "heic" (what an iPhone photo begins with).
const HEIC = Buffer.concat([
  Buffer.from('0000001c6674797068656963000000006d69663168656963', 'hex'),
  Buffer.alloc(64),
]);

describe('Direct Line upload (evidence files)', function () {
  this.timeout(30_000);
  const dataDir = temporaryDirectoryPerTest('shield-upload');
  let database: Database;
  let service: RunningService;
  let client: DirectLineClient;
  let files: EvidenceFiles;

  before(async () => {
    database = await openTestDatabase();
    files = new EvidenceFiles(database.connection);
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    service = await startService(
      testServiceConfig(dataDir(), { WEBCHAT_MAX_UPLOAD_BYTES: '4096', WEBCHAT_TOKENS_PER_MINUTE: '1000' }),
      memoryLogger().logger,
      { database },
    );
    client = new DirectLineClient(service.url);
  });
  afterEach(async () => {
    await service.stop();
  });

  function upload(conversationId: string, token: string, name: string, bytes: Buffer, type = 'image/jpeg') {
    const form = new FormData();
    form.append(
      'activity',
      new Blob([JSON.stringify({ type: 'message', from: { id: 'witness' } })], {
        type: 'application/vnd.microsoft.activity',
      }),
    );
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    return client.call('POST', `/v3/directline/conversations/${conversationId}/upload`, {
      token,
      body: form,
    });
  }

  async function lastActivities(conversationId: string, token: string, after: string | undefined) {
    return (await client.read(conversationId, token, after)).activities;
  }

  it('stores a JPEG in GridFS with its conversation, and posts it as an attachment linking the download route', async () => {
    const { token, conversationId } = await client.open();
    const before = await client.read(conversationId, token);
    const answer = await upload(conversationId, token, 'bench.jpg', PHOTO);
    assert.equal(answer.status, 200);
    const [posted] = await lastActivities(conversationId, token, before.watermark);
    assert.equal(posted.id, answer.body.id);
    const attachment = posted.attachments?.[0];
    assert.equal(attachment?.contentType, 'image/jpeg');
    assert.equal(attachment?.name, 'bench.jpg');
    const fileId = /\/v3\/directline\/attachments\/([0-9a-f]{24})\?t=/.exec(
      attachment?.contentUrl ?? '',
    )?.[1];
    assert.ok(fileId, 'the attachment points to the service download route with the GridFS id');
    const stored = await files.get(fileId);
    assert.equal(stored?.metadata.conversationId, conversationId);
    const download = await fetch(attachment?.contentUrl ?? '');
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PHOTO);
  });

  it('removes the EXIF GPS position from a JPEG before storing it', async () => {
    assert.ok((await exifr.gps(GPS_PHOTO))?.latitude, 'the test photo carries a position');
    const { token, conversationId } = await client.open();
    const before = await client.read(conversationId, token);
    assert.equal((await upload(conversationId, token, 'gps.jpg', GPS_PHOTO)).status, 200);
    const [posted] = await lastActivities(conversationId, token, before.watermark);
    const fileId = /attachments\/([0-9a-f]{24})/.exec(posted.attachments?.[0].contentUrl ?? '')?.[1] ?? '';
    const stored = await files.get(fileId);
    assert.ok(stored);
    assert.equal(await exifr.gps(stored.bytes), undefined);
    assert.equal(stored.metadata.locationStripped, true);
  });

  it('keeps the position when the witness chose to share their location', async () => {
    const { token, conversationId } = await client.open();
    const preference = await client.call('POST', '/api/webchat/preferences', {
      token,
      json: { shareLocation: true },
    });
    assert.equal(preference.status, 200);
    const before = await client.read(conversationId, token);
    assert.equal((await upload(conversationId, token, 'gps.jpg', GPS_PHOTO)).status, 200);
    const [posted] = await lastActivities(conversationId, token, before.watermark);
    const fileId = /attachments\/([0-9a-f]{24})/.exec(posted.attachments?.[0].contentUrl ?? '')?.[1] ?? '';
    const stored = await files.get(fileId);
    assert.ok((await exifr.gps(stored?.bytes ?? Buffer.alloc(0)))?.latitude);
  });

  for (const [kind, name, bytes, contentType] of [
    ['PNG', 'sketch.png', PNG, 'image/png'],
    ['PDF', 'statement.pdf', PDF, 'application/pdf'],
  ] as const) {
    it(`accepts a ${kind}, typed from its bytes`, async () => {
      const { token, conversationId } = await client.open();
      const before = await client.read(conversationId, token);
      assert.equal(
        (await upload(conversationId, token, name, bytes, 'application/octet-stream')).status,
        200,
      );
      const [posted] = await lastActivities(conversationId, token, before.watermark);
      assert.equal(posted.attachments?.[0].contentType, contentType);
    });
  }

  const refusals: [string, string, Buffer, number][] = [
    [
      'a text file named like a photo',
      'photo.jpg',
      Buffer.from('just some invented words, not a photo'),
      415,
    ],
    [
      'an executable named like a PDF',
      'statement.pdf',
      Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
      415,
    ],
    ['a HEIC photo (not accepted: see the README)', 'IMG_0001.heic', HEIC, 415],
    ['a file over the size limit', 'big.jpg', Buffer.concat([PHOTO, Buffer.alloc(8192)]), 413],
  ];
  for (const [what, name, bytes, status] of refusals) {
    it(`refuses ${what} with ${status}, and tells the witness in the chat what is accepted`, async () => {
      const { token, conversationId } = await client.open();
      const before = await client.read(conversationId, token);
      const answer = await upload(conversationId, token, name, bytes);
      assert.equal(answer.status, status);
      const told = (await lastActivities(conversationId, token, before.watermark)).filter(
        (activity: Activity) => activity.from?.role === 'bot',
      );
      assert.equal(told.length, 1);
      assert.match(told[0].text ?? '', /JPEG or PNG.*PDF/);
      assert.equal(
        (await lastActivities(conversationId, token, before.watermark)).some((a) => a.from?.role === 'user'),
        false,
        'nothing reaches the bot',
      );
    });
  }

  it('refuses an upload with a token of another conversation (403) and an upload without a file (400)', async () => {
    const first = await client.open();
    const second = await client.open();
    assert.equal((await upload(second.conversationId, first.token, 'x.jpg', PHOTO)).status, 403);
    const empty = await client.call('POST', `/v3/directline/conversations/${first.conversationId}/upload`, {
      token: first.token,
      body: new FormData(),
    });
    assert.equal(empty.status, 400);
  });

  it('serves a stored file only with a token of its conversation', async () => {
    const owner = await client.open();
    const stranger = await client.open();
    const before = await client.read(owner.conversationId, owner.token);
    await upload(owner.conversationId, owner.token, 'bench.jpg', PHOTO);
    const [posted] = await lastActivities(owner.conversationId, owner.token, before.watermark);
    const bare = (posted.attachments?.[0].contentUrl ?? '').replace(/\?t=.*$/, '');
    assert.equal((await fetch(bare)).status, 403);
    assert.equal((await fetch(bare, { headers: { Authorization: `Bearer ${stranger.token}` } })).status, 403);
  });
});
