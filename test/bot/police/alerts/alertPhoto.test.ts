import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import exifr from 'exifr';
import { auditModel } from '../../../../models/store/audit';
import { registerOrganisation } from '../../../../models/store/organisation';
import { MAX_ALERT_PHOTO_BYTES } from '../../../../bot/police/alerts/alertPhotos';
import { PASSWORD, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { standInConnector, type Captured } from '../../../helpers/connectorStandIn';
import { PHOTO, photoWithGps } from '../../../helpers/photos';
import { MemberChat } from './memberChat';

const SCHOOL = '50000000-0000-4000-8000-000000000005';

interface AlertAnswer {
  alert: { id: string; version: number; photo: { url: string; contentType: string; length: number } | null };
}
interface CardBlock {
  type: string;
  text?: string;
  url?: string;
  altText?: string;
}

describe('The photo of an alert', function () {
  this.timeout(60_000);
  let fixture: CaseFixture;
  let connector: Awaited<ReturnType<typeof standInConnector>>;
  let liaison: string;
  let officer: string;
  let sent = 0;
  let member: MemberChat;

  before(async () => {
    connector = await standInConnector({
      respond: () => ({ status: 200, body: { id: `activity-${(sent += 1)}` } }),
    });
    fixture = await startCaseFixture();
    await fixture.accounts.add('liaison@police.test', 'liaison', PASSWORD);
    const admin = await fixture.login('admin@police.test');
    liaison = await fixture.login('liaison@police.test');
    officer = await fixture.login('officer@police.test');
    await registerOrganisation(fixture.database.connection, { name: 'Invented School', tenantId: SCHOOL });
    const profile = await fixture.call('PUT', `/api/admin/organisations/${SCHOOL}/partner`, admin, {
      sectors: ['education'],
      areas: ['2000'],
      contacts: [],
    });
    assert.equal(profile.status, 200);
    member = new MemberChat(
      fixture.service.url,
      SCHOOL,
      'bbbbbbbb-0000-4000-8000-000000000001',
      'en-GB',
      connector.url,
    );
    await member.say('alerts', /Education/);
  });
  after(async () => {
    await fixture.close();
    connector.server.close();
  });

  async function newAlert(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await fixture.call('POST', '/api/alerts', liaison, {
      title: { en: 'Missing child near the zoo', nl: 'Vermist kind bij de zoo' },
      text: { en: 'A boy of eight in a red coat.', nl: 'Een jongen van acht in een rode jas.' },
      originalLocale: 'en',
      severity: 'urgent',
      sectors: ['education'],
      areas: 'all',
      expiresAt: new Date(fixture.now().getTime() + 86_400_000).toISOString(),
      public: true,
      ...overrides,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return (created.body as AlertAnswer).alert.id;
  }

  /** PUT /api/alerts/:id/photo with a multipart body of one part (name, bytes, as the browser's FormData). */
  async function upload(
    alertId: string,
    bytes: Buffer,
    options: { token?: string; field?: string; name?: string; type?: string } = {},
  ): Promise<{ status: number; body: { code?: string; message?: string } & Partial<AlertAnswer> }> {
    const form = new FormData();
    form.append(
      options.field ?? 'photo',
      new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }),
      options.name ?? 'photo.jpg',
    );
    const response = await fetch(`${fixture.service.url}/api/alerts/${alertId}/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${options.token ?? liaison}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  const fetchPhoto = (url: string) => fetch(`${fixture.service.url}${url}`);

  it('refuses an officer (403) and an unknown alert (404) before reading the photo', async () => {
    const alertId = await newAlert();
    const photo = await readFile(PHOTO);
    const forbidden = await upload(alertId, photo, { token: officer });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.code, 'Forbidden');
    const unknown = await upload('0123456789abcdef01234567', photo);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'AlertNotFound');
    const malformed = await upload('not-an-id', photo);
    assert.equal(malformed.status, 404);
  });

  it('refuses what is not a JPEG or PNG by its bytes, an empty file and a missing part, naming the field', async () => {
    const alertId = await newAlert();
    const cases: [string, Buffer, { field?: string; name?: string; type?: string }, number, string][] = [
      [
        'a PDF',
        Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
        { name: 'x.pdf', type: 'application/pdf' },
        415,
        'UnsupportedMediaType',
      ],
      [
        'text named .jpg',
        Buffer.from('just some words, not a photo'),
        { name: 'holiday.jpg' },
        415,
        'UnsupportedMediaType',
      ],
      ['an empty file', Buffer.alloc(0), {}, 400, 'InvalidRequest'],
      ['another part name', await readFile(PHOTO), { field: 'picture' }, 400, 'InvalidRequest'],
    ];
    for (const [what, bytes, options, status, code] of cases) {
      const refused = await upload(alertId, bytes, options);
      assert.equal(refused.status, status, what);
      assert.equal(refused.body.code, code, what);
      assert.match(refused.body.message ?? '', /photo/, `${what}: the field is named`);
    }
    const after = await fixture.call('GET', `/api/alerts/${alertId}`, liaison);
    assert.equal((after.body as AlertAnswer).alert.photo, null, 'nothing refused was kept');
  });

  it('refuses a photo above the limit with 413, naming the field and the limit', async () => {
    const alertId = await newAlert();
    const photo = await readFile(PHOTO);
    const large = Buffer.concat([photo, Buffer.alloc(MAX_ALERT_PHOTO_BYTES)]);
    const refused = await upload(alertId, large);
    assert.equal(refused.status, 413);
    assert.equal(refused.body.code, 'FileTooLarge');
    assert.match(refused.body.message ?? '', /photo: at most 2 MB/);
  });

  it('refuses a body that is not multipart, naming the field', async () => {
    const alertId = await newAlert();
    const response = await fetch(`${fixture.service.url}/api/alerts/${alertId}/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${liaison}`, 'content-type': 'image/jpeg' },
      body: await readFile(PHOTO),
    });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, /photo: .*multipart/);
  });

  it('refuses a compressed photo upload with 415 and keeps nothing (multipart is read as sent)', async () => {
    const alertId = await newAlert();
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(await readFile(PHOTO))], { type: 'image/jpeg' }), 'p.jpg');
    const plain = new Request('http://localhost/', { method: 'PUT', body: form });
    const body = gzipSync(Buffer.from(await plain.arrayBuffer()));
    const response = await fetch(`${fixture.service.url}/api/alerts/${alertId}/photo`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${liaison}`,
        'content-type': plain.headers.get('content-type') ?? '',
        'content-encoding': 'gzip',
      },
      body: new Uint8Array(body),
    });
    assert.equal(response.status, 415);
    assert.equal(((await response.json()) as { code: string }).code, 'UnsupportedMediaType');
    const after = await fixture.call('GET', `/api/alerts/${alertId}`, liaison);
    assert.equal((after.body as AlertAnswer).alert.photo, null, 'nothing refused was kept');
  });

  it('refuses an alert whose JSON is nested 5,000 levels deep with 400, and hostile public appeal queries with 4xx or the default', async () => {
    const deep = await fetch(`${fixture.service.url}/api/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${liaison}`, 'content-type': 'application/json' },
      body: `{"title":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    assert.equal(deep.status, 400);
    assert.equal(((await deep.json()) as { code: string }).code, 'InvalidContent');
    for (const query of [
      '?locale=%3Cscript%3E',
      '?locale=nl&locale=fr',
      '?locale[$ne]=x',
      `?locale=${'x'.repeat(10_000)}`,
      '?%E0%A4%A=1',
    ]) {
      const answer = await fetch(`${fixture.service.url}/api/public/alerts${query}`);
      assert.ok(answer.status < 500, `${query.slice(0, 40)}: ${answer.status}`);
      const text = await answer.text();
      assert.doesNotMatch(text, /<script>/, `${query.slice(0, 40)}: nothing echoed as markup`);
    }
  });

  it('attaches a photo without its location, audits it, shows it in the card and the appeal, and serves it without login', async () => {
    const alertId = await newAlert();
    sent = 0;
    fixture.service.alertDelivery.kick();
    await fixture.service.alertDelivery.idle();
    const attached = await upload(alertId, await photoWithGps());
    assert.equal(attached.status, 200, JSON.stringify(attached.body));
    const photo = attached.body.alert?.photo;
    assert.ok(photo, 'the alert has a photo');
    assert.equal(photo.contentType, 'image/jpeg');
    assert.match(photo.url, new RegExp(`^/api/public/alert-photos/${alertId}/[0-9a-f]{24}\\?e=\\d+&s=`));

    const served = await fetchPhoto(photo.url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/jpeg');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    assert.equal(bytes.length, photo.length);
    const gps = (await exifr.parse(bytes, { gps: true }).catch(() => undefined)) as
      { latitude?: number } | undefined;
    assert.equal(gps?.latitude, undefined, 'the location was removed');

    const audit = await auditModel(fixture.database.connection)
      .find({ action: 'alert.photoAttached' })
      .lean<{ detail: Record<string, unknown> }[]>();
    assert.ok(
      audit.some((entry) => entry.detail.alertId === alertId && entry.detail.contentType === 'image/jpeg'),
    );

    // The delivered card is updated with the photo, its alternative text the title in the member's language.
    fixture.service.alertDelivery.kick();
    await fixture.service.alertDelivery.idle();
    const cards = connector.captured
      .filter((request: Captured) => Array.isArray(request.body.attachments))
      .map((request) => (request.body.attachments as { content: { body: CardBlock[] } }[])[0].content);
    const image = cards.flatMap((card) => card.body).find((block) => block.type === 'Image');
    assert.ok(image, 'a card shows the photo');
    assert.equal(image.altText, 'Missing child near the zoo');
    assert.ok(image.url?.endsWith(photo.url), 'the card links the signed photo');
    assert.match(
      image.url ?? '',
      /^https?:\/\/[^/]+\/api\/public\/alert-photos\//,
      'an absolute link for Teams',
    );

    const appeals = await fixture.call('GET', '/api/public/alerts?lang=nl');
    const appeal = (appeals.body as { alerts: { id: string; photoUrl: string | null }[] }).alerts.find(
      (entry) => entry.id === alertId,
    );
    assert.equal(appeal?.photoUrl, photo.url);
  });

  it('replaces a photo (a PNG): the old link is gone, and the change is audited as a replacement', async () => {
    const alertId = await newAlert();
    const first = await upload(alertId, await readFile(PHOTO));
    const firstUrl = first.body.alert?.photo?.url ?? '';
    // A 1×1 PNG, drawn here.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const second = await upload(alertId, png, { name: 'photo.png', type: 'image/png' });
    assert.equal(second.status, 200);
    assert.equal(second.body.alert?.photo?.contentType, 'image/png');
    assert.equal((await fetchPhoto(firstUrl)).status, 404);
    assert.equal((await fetchPhoto(second.body.alert?.photo?.url ?? '')).status, 200);
    const replaced = await auditModel(fixture.database.connection).countDocuments({
      action: 'alert.photoReplaced',
      'detail.alertId': alertId,
    });
    assert.equal(replaced, 1);
  });

  it('refuses a forged or altered link (403), and answers 410 once the alert is withdrawn or past its expiry', async () => {
    const alertId = await newAlert();
    const url = (await upload(alertId, await readFile(PHOTO))).body.alert?.photo?.url ?? '';
    const forged = url.replace(/s=[^&]+/, 's=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const stretched = url.replace(/e=(\d+)/, (_, e: string) => `e=${Number(e) + 86_400_000}`);
    for (const link of [forged, stretched, url.replace(/&s=.*$/, '')]) {
      const refused = await fetchPhoto(link);
      assert.equal(refused.status, 403, link);
      assert.equal(((await refused.json()) as { code: string }).code, 'PhotoLinkInvalid');
    }
    const withdrawnId = await newAlert();
    const withdrawnUrl = (await upload(withdrawnId, await readFile(PHOTO))).body.alert?.photo?.url ?? '';
    assert.equal(
      (await fixture.call('POST', `/api/alerts/${withdrawnId}/withdraw`, liaison, {})).status,
      200,
    );
    assert.equal((await fetchPhoto(withdrawnUrl)).status, 410);
    const afterWithdrawal = await upload(withdrawnId, await readFile(PHOTO));
    assert.equal(afterWithdrawal.status, 409, 'a withdrawn alert takes no photo');

    fixture.advance(2 * 86_400_000);
    const expired = await fetchPhoto(url);
    assert.equal(expired.status, 410);
    assert.equal(((await expired.json()) as { code: string }).code, 'PhotoLinkExpired');
  });
});
