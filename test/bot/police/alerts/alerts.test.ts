import assert from 'node:assert/strict';
import { alertDeliveryModel } from '../../../../models/store/alert';
import { auditModel } from '../../../../models/store/audit';
import { organisationModel, registerOrganisation } from '../../../../models/store/organisation';
import { reportModel } from '../../../../models/store/report';
import { idForKey } from '../../../../models/store/storageKey';
import { PASSWORD, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { standInConnector, type Captured, type StandInAnswer } from '../../../helpers/connectorStandIn';
import { eventually } from '../../../helpers/eventually';
import { MemberChat } from './memberChat';

const SCHOOL = '10000000-0000-4000-8000-000000000001';
const HOSPITAL = '20000000-0000-4000-8000-000000000002';
const NEWCOMER = '30000000-0000-4000-8000-000000000003';
const STRANGER = '40000000-0000-4000-8000-000000000004';
const oid = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface CardBody {
  body: { text: string }[];
  actions: { title: string; data: unknown }[];
}
const cardOf = (request: Captured): CardBody =>
  (request.body.attachments as { content: CardBody }[] | undefined)?.[0]?.content ?? {
    body: [],
    actions: [],
  };
const cardText = (request: Captured) =>
  cardOf(request)
    .body.map((block) => block.text)
    .join('\n');

describe('The Shield network (partners, invitations, alerts)', function () {
  this.timeout(60_000);
  let fixture: CaseFixture;
  let connector: Awaited<ReturnType<typeof standInConnector>>;
  let answer: (request: Captured) => StandInAnswer | undefined = () => undefined;
  let sent = 0;
  let admin: string;
  let liaison: string;
  let officer: string;

  before(async () => {
    connector = await standInConnector({
      respond: (request) => answer(request) ?? { status: 200, body: { id: `activity-${(sent += 1)}` } },
    });
    fixture = await startCaseFixture();
    await fixture.accounts.add('liaison@police.test', 'liaison', PASSWORD);
    admin = await fixture.login('admin@police.test');
    liaison = await fixture.login('liaison@police.test');
    officer = await fixture.login('officer@police.test');
  });
  after(async () => {
    await fixture.close();
    connector.server.close();
  });
  beforeEach(() => {
    answer = () => undefined;
  });

  const chat = (tenantId: string, n: number, locale: string) =>
    new MemberChat(fixture.service.url, tenantId, oid(n), locale, connector.url);
  const alertSends = () =>
    connector.captured.filter((request) => request.method === 'POST' && request.body.attachments);
  async function deliverAll(): Promise<void> {
    fixture.service.alertDelivery.kick();
    await fixture.service.alertDelivery.idle();
  }
  const newAlert = (overrides: Record<string, unknown> = {}) => ({
    title: { nl: 'Verdachte drone boven scholen', en: 'Suspicious drone over schools' },
    text: { nl: 'Meld waarnemingen van een zwarte drone.', en: 'Report sightings of a black drone.' },
    originalLocale: 'nl',
    severity: 'warning',
    sectors: ['education'],
    areas: 'all',
    expiresAt: new Date(fixture.now().getTime() + 3 * 86_400_000).toISOString(),
    asksForSightings: true,
    ...overrides,
  });

  describe('partner profiles', () => {
    before(async () => {
      await registerOrganisation(fixture.database.connection, { name: 'Invented School', tenantId: SCHOOL });
      await registerOrganisation(fixture.database.connection, {
        name: 'Invented Hospital',
        tenantId: HOSPITAL,
      });
    });

    it('refuses a profile with an unknown sector, naming the field', async () => {
      const refused = await fixture.call('PUT', `/api/admin/organisations/${SCHOOL}/partner`, admin, {
        sectors: ['education', 'piracy'],
        areas: ['2000'],
        contacts: [],
      });
      assert.equal(refused.status, 400);
      assert.match((refused.body as { message: string }).message, /sectors\.1/);
    });

    it('refuses a bad contact e-mail address and an area that is neither postcode nor name, naming each', async () => {
      const refused = await fixture.call('PUT', `/api/admin/organisations/${SCHOOL}/partner`, admin, {
        sectors: ['education'],
        areas: ['<b>'],
        contacts: [{ name: 'Invented Manager', email: 'not-an-address' }],
      });
      assert.equal(refused.status, 400);
      const { message } = refused.body as { message: string };
      assert.match(message, /areas\.0/);
      assert.match(message, /contacts\.0\.email/);
    });

    it('answers 404 for a tenant that is no partner, and 403 to a non-administrator', async () => {
      const body = { sectors: ['education'], areas: [], contacts: [] };
      const unknown = await fixture.call('PUT', `/api/admin/organisations/${STRANGER}/partner`, admin, body);
      assert.equal(unknown.status, 404);
      const forbidden = await fixture.call(
        'PUT',
        `/api/admin/organisations/${SCHOOL}/partner`,
        liaison,
        body,
      );
      assert.equal(forbidden.status, 403);
    });

    it('sets sectors, areas and contacts, and audits it', async () => {
      const set = await fixture.call('PUT', `/api/admin/organisations/${SCHOOL}/partner`, admin, {
        sectors: ['education', 'culture'],
        areas: ['2000', 'Antwerpen'],
        contacts: [{ name: 'Invented Manager', email: 'security@school.invalid' }],
      });
      assert.equal(set.status, 200);
      const partner = (set.body as { partner: { areas: string[]; sectors: string[] } }).partner;
      assert.deepEqual(partner.areas, ['2000', 'antwerpen']);
      assert.deepEqual(partner.sectors, ['education', 'culture']);
      const hospital = await fixture.call('PUT', `/api/admin/organisations/${HOSPITAL}/partner`, admin, {
        sectors: ['health'],
        areas: ['2600'],
        contacts: [],
      });
      assert.equal(hospital.status, 200);
      const audited = await auditModel(fixture.database.connection)
        .find({ action: 'admin.partnerProfileSet' })
        .lean();
      assert.equal(audited.length, 2);
    });
  });

  describe('invitations', () => {
    let codes: string[] = [];

    it('refuses an officer, and a batch without organisations (naming the field)', async () => {
      const body = {
        organisations: [{ name: 'Invented Newcomer' }],
        activation: 'pending',
        expiresInDays: 7,
      };
      assert.equal((await fixture.call('POST', '/api/invitations', officer, body)).status, 403);
      const empty = await fixture.call('POST', '/api/invitations', liaison, { ...body, organisations: [] });
      assert.equal(empty.status, 400);
      assert.match((empty.body as { message: string }).message, /organisations/);
    });

    it('creates a batch in bulk and exports it as CSV with one signed code per organisation', async () => {
      const organisations = Array.from({ length: 2000 }, (_, index) => ({
        name: `Invented Organisation ${index}`,
        sectors: ['retail'],
      }));
      organisations[0] = { name: 'Invented Newcomer', sectors: ['education'] };
      const created = await fixture.call('POST', '/api/invitations?format=csv', liaison, {
        organisations,
        activation: 'pending',
        expiresInDays: 7,
      });
      assert.equal(created.status, 201);
      assert.match(created.response.headers.get('content-type') ?? '', /text\/csv/);
      const lines = created.bytes.toString('utf8').trim().split('\r\n');
      assert.equal(lines.length, 2001, 'a header and one line per organisation');
      codes = lines.slice(1).map((line) => /"(SHLD-[0-9A-Z-]+)"/.exec(line)?.[1] ?? '');
      assert.equal(new Set(codes).size, 2000, 'every code is different');
      assert.match(codes[0], /^SHLD(-[0-9A-Z]{1,5}){6}$/);
    });

    it('refuses a forged code without registering anything', async () => {
      const original = codes[0];
      const last = original.at(-1) === '0' ? '1' : '0';
      const forged = `${original.slice(0, -1)}${last}`;
      const reply = await chat(NEWCOMER, 50, 'en-US').send({ text: forged });
      assert.match(reply, /not a valid invitation code/);
      assert.equal(await organisationModel(fixture.database.connection).exists({ tenantId: NEWCOMER }), null);
    });

    it('registers the tenant that types a genuine code as pending, until the police activate it', async () => {
      const member = chat(NEWCOMER, 50, 'nl-BE');
      const reply = await member.send({ text: codes[0].toLowerCase() });
      assert.match(reply, /Invented Newcomer is geregistreerd en wacht op activering/);
      const organisation = await organisationModel(fixture.database.connection)
        .findOne({ _id: idForKey('organisation', NEWCOMER) })
        .lean();
      assert.equal(organisation?.active, false);
      assert.match(await member.send({ text: 'hallo' }), /./);
      const activated = await fixture.call('PATCH', `/api/admin/organisations/${NEWCOMER}`, admin, {
        active: true,
      });
      assert.equal(activated.status, 200);
      const profile = await fixture.call('GET', `/api/admin/organisations/${NEWCOMER}/partner`, admin);
      assert.deepEqual((profile.body as { partner: { sectors: string[] } }).partner.sectors, ['education']);
      const audited = await auditModel(fixture.database.connection)
        .findOne({ action: 'partner.registered' })
        .lean();
      assert.equal((audited?.detail as { tenantId?: string } | undefined)?.tenantId, NEWCOMER);
    });

    it('refuses a code that was used already, for another tenant', async () => {
      const reply = await chat(STRANGER, 60, 'en-US').send({ text: codes[0] });
      assert.match(reply, /already been used/);
    });

    it('refuses an expired code', async () => {
      fixture.advance(8 * 86_400_000);
      try {
        const reply = await chat(STRANGER, 61, 'en-US').send({ text: codes[1] });
        assert.match(reply, /expired/);
      } finally {
        fixture.advance(-8 * 86_400_000);
      }
    });

    it('limits the attempts of a tenant, before any code is checked', async () => {
      const stranger = chat(STRANGER, 62, 'en-US');
      let last = '';
      for (let attempt = 0; attempt < 12; attempt += 1)
        last = await stranger.send({ text: codes[2 + attempt] });
      assert.match(last, /Too many attempts/);
      const redeemed = await fixture.call('GET', '/api/invitations/' + '0'.repeat(24), liaison);
      assert.equal(redeemed.status, 404);
    });
  });

  describe('alerts', () => {
    let nlTeacher: MemberChat;
    let enTeacher: MemberChat;
    let frTeacher: MemberChat;
    let mutedTeacher: MemberChat;
    let nurse: MemberChat;
    let alertId = '';

    before(async () => {
      nlTeacher = chat(SCHOOL, 1, 'nl-BE');
      enTeacher = chat(SCHOOL, 2, 'en-GB');
      frTeacher = chat(SCHOOL, 3, 'fr-BE');
      mutedTeacher = chat(SCHOOL, 4, 'de-DE');
      nurse = chat(HOSPITAL, 5, 'en-US');
      // Writing to the bot from the personal chat makes a member (their conversation reference is kept).
      await nlTeacher.say('meldingen', /1\. Onderwijs\n\n2\. Cultuur/);
      await enTeacher.say('alerts', /all alerts/);
      await frTeacher.say('alertes', /Enseignement/);
      await mutedTeacher.say('stumm 1', /keine Warnungen mehr für Bildung/);
      await nurse.say('alerts', /Health/);
    });

    it('refuses an officer, and names the field of bad input', async () => {
      assert.equal((await fixture.call('POST', '/api/alerts', officer, newAlert())).status, 403);
      const bad = await fixture.call('POST', '/api/alerts', liaison, newAlert({ severity: 'apocalyptic' }));
      assert.equal(bad.status, 400);
      assert.match((bad.body as { message: string }).message, /severity/);
      const mismatch = await fixture.call(
        'POST',
        '/api/alerts',
        liaison,
        newAlert({ text: { nl: 'Alleen Nederlands.' } }),
      );
      assert.equal(mismatch.status, 400);
      assert.match((mismatch.body as { message: string }).message, /text: the same languages/);
      const past = await fixture.call(
        'POST',
        '/api/alerts',
        liaison,
        newAlert({ expiresAt: '2020-01-01T00:00:00Z' }),
      );
      assert.equal(past.status, 400);
      assert.match((past.body as { message: string }).message, /expiresAt/);
    });

    it('delivers to the targeted sector only, each member in their language or the original named', async () => {
      const created = await fixture.call('POST', '/api/alerts', liaison, newAlert());
      assert.equal(created.status, 201);
      alertId = (created.body as { alert: { id: string } }).alert.id;
      const delivery = (created.body as { delivery: { targeted: number } }).delivery;
      // The school's three teachers: the fourth muted education, and the newcomer (education too) has no
      // member yet (its employee wrote while it was pending, which keeps no conversation reference).
      assert.equal(delivery.targeted, 3);
      await deliverAll();
      const sends = alertSends();
      const byConversation = (member: MemberChat) =>
        sends.filter((request) => request.path.includes(encodeURIComponent(member.conversationId)));
      assert.equal(byConversation(nurse).length, 0, 'another sector is not reached');
      assert.equal(byConversation(mutedTeacher).length, 0, 'a muted sector is not delivered');
      assert.match(cardText(byConversation(nlTeacher)[0]), /Verdachte drone boven scholen/);
      assert.match(cardText(byConversation(enTeacher)[0]), /Suspicious drone over schools/);
      const french = cardText(byConversation(frTeacher)[0]);
      assert.match(french, /original en Nederlands/);
      assert.match(french, /Verdachte drone/);
      const actions = cardOf(byConversation(enTeacher)[0]).actions.map((action) => action.title);
      assert.deepEqual(actions, ['Seen', 'Report something related']);
      const status = await fixture.call('GET', `/api/alerts/${alertId}`, liaison);
      const counts = (status.body as { delivery: { delivered: number; targeted: number } }).delivery;
      assert.equal(counts.delivered, 3);
    });

    it('counts "Seen", and answers a member of another tenant that the alert is not theirs', async () => {
      const value = { shieldAlert: { action: 'seen', alertId } };
      assert.match(await nlTeacher.send({ value }), /gelezen/);
      assert.match(await nurse.send({ value }), /no longer active/);
      const status = await fixture.call('GET', `/api/alerts/${alertId}`, liaison);
      assert.equal((status.body as { delivery: { seen: number } }).delivery.seen, 1);
    });

    it('starts a report linked to the alert from "Report something related", and lists it', async () => {
      const value = { shieldAlert: { action: 'related', alertId } };
      await enTeacher
        .send({ value })
        .then((reply) => assert.match(reply, /related to the alert "Suspicious drone/));
      await enTeacher.say('no', /What is your report about/);
      await enTeacher.say('1', /own words/);
      await enTeacher.say('A black drone hovered over the playground for ten minutes.', /When/);
      await enTeacher.say('yesterday at 7:40', /Is that right/);
      await enTeacher.say('yes', /still going on/);
      await enTeacher.say('no', /Where did it happen/);
      await enTeacher.say('Invented School playground', /Where exactly/);
      await enTeacher.say('skip', /people involved/);
      await enTeacher.say('no', /vehicle/);
      await enTeacher.say('no', /suspicious/);
      await enTeacher.say('It flew low and had no lights.', /photos or documents/);
      await enTeacher.say('none', /anyone else/);
      await enTeacher.say('skip', /anonymous/);
      await enTeacher.say('yes', /agree/);
      await enTeacher.say('yes', /everything you told us/);
      await enTeacher.say('confirm', /sent to the police/);
      const report = await reportModel(fixture.database.connection)
        .findOne({ conversationId: enTeacher.conversationId })
        .lean();
      assert.equal(report?.relatedAlertId, alertId);
      const caseNumber = report.caseNumber;
      const related = await fixture.call('GET', `/api/alerts/${alertId}/reports`, liaison);
      assert.deepEqual(
        (related.body as { reports: { caseNumber: string }[] }).reports.map((entry) => entry.caseNumber),
        [caseNumber],
      );
      const supervisor = await fixture.login('supervisor@police.test');
      const seenByOfficer = await fixture.call('GET', `/api/cases/${caseNumber}`, supervisor);
      assert.equal((seenByOfficer.body as { case: { relatedAlertId: string } }).case.relatedAlertId, alertId);
    });

    it('updates the delivered cards when the alert is withdrawn', async () => {
      const before = connector.captured.length;
      const withdrawn = await fixture.call('POST', `/api/alerts/${alertId}/withdraw`, liaison, {});
      assert.equal(withdrawn.status, 200);
      await deliverAll();
      const updates = connector.captured.slice(before).filter((request) => request.method === 'PUT');
      assert.equal(updates.length, 3, 'every delivered card is replaced');
      assert.ok(updates.every((request) => /withdrawn|ingetrokken|retirée/.test(cardText(request))));
      assert.ok(
        updates.every((request) => cardOf(request).actions.length === 0),
        'no buttons any more',
      );
      assert.match(
        await nlTeacher.send({ value: { shieldAlert: { action: 'seen', alertId } } }),
        /niet meer actief/,
      );
      const again = await fixture.call('POST', `/api/alerts/${alertId}/withdraw`, liaison, {});
      assert.equal(again.status, 409);
    });

    it('backs off on 429, then delivers; marks a member whose app is gone, and no longer targets them', async () => {
      let throttled = 0;
      answer = (request) => {
        if (request.method !== 'POST') return undefined;
        if (request.path.includes(encodeURIComponent(frTeacher.conversationId))) return { status: 403 };
        if (request.path.includes(encodeURIComponent(nlTeacher.conversationId)) && throttled < 1) {
          throttled += 1;
          return { status: 429, headers: { 'Retry-After': '1' } };
        }
        return undefined;
      };
      const created = await fixture.call(
        'POST',
        '/api/alerts',
        liaison,
        newAlert({ sectors: 'all', severity: 'urgent' }),
      );
      const id = (created.body as { alert: { id: string } }).alert.id;
      await deliverAll();
      const entry = await alertDeliveryModel(fixture.database.connection)
        .findOne({ tenantId: SCHOOL })
        .sort({ _id: -1 })
        .lean();
      assert.ok(entry && entry.nextAttemptAt > fixture.now(), 'the tenant waits (Retry-After, with jitter)');
      fixture.advance(60_000);
      const summary = await eventually(async () => {
        await deliverAll();
        const status = await fixture.call('GET', `/api/alerts/${id}`, liaison);
        const delivery = (
          status.body as { delivery: { pending: number; uninstalled: number; delivered: number } }
        ).delivery;
        return delivery.pending === 0 ? delivery : undefined;
      }, 'the alert delivered to everyone');
      assert.equal(summary.uninstalled, 1);
      // Every sector: the teacher who muted education is reached through culture, and the nurse too.
      assert.equal(summary.delivered, 4);
      const next = await fixture.call('POST', '/api/alerts', liaison, newAlert({ sectors: 'all' }));
      assert.equal(
        (next.body as { delivery: { targeted: number } }).delivery.targeted,
        4,
        'the uninstalled one is left out',
      );
      const actions = await auditModel(fixture.database.connection)
        .find({ action: { $in: ['alert.created', 'alert.withdrawn'] } })
        .lean();
      assert.equal(actions.length, 4, 'three alerts created and one withdrawn, each audited');
    });

    it('lets a member leave the alerts and join again', async () => {
      await enTeacher.say('leave alerts', /left the alerts/);
      const left = await fixture.call('POST', '/api/alerts', liaison, newAlert());
      assert.equal((left.body as { delivery: { targeted: number } }).delivery.targeted, 1);
      await enTeacher.say('join alerts', /receive police alerts again/);
      const joined = await fixture.call('POST', '/api/alerts', liaison, newAlert());
      assert.equal((joined.body as { delivery: { targeted: number } }).delivery.targeted, 2);
    });
  });
});
