import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import exifr from 'exifr';
import { startService, type RunningService } from '../../../../bot/service';
import { en } from '../../../../dialogs/locales/en';
import type { Database } from '../../../../models/store/db';
import { EvidenceFiles } from '../../../../models/store/evidenceFiles';
import { registerOrganisation } from '../../../../models/store/organisation';
import { reportModel, type Report } from '../../../../models/store/report';
import { openTestDatabase } from '../../../helpers/database';
import { memoryLogger } from '../../../helpers/logger';
import { photoWithGps } from '../../../helpers/photos';
import { shownText } from '../../../helpers/directLineClient';
import { codesFrom, evidenceOf } from '../../../helpers/reportScript';
import { standInConnector } from '../../../helpers/connectorStandIn';
import { findCaseContact } from '../../../../models/store/caseContact';
import { cardSubmit, TeamsChat } from '../../../helpers/teamsChat';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { PARTNER_TENANT, USER_OID } from './teamsActivity';
import { testServiceConfig } from '../../../helpers/serviceConfig';

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A stand-in for the SharePoint host Teams' download links point at. */
async function fileHost(files: Record<string, { type: string; body: Buffer }>): Promise<{
  base: string;
  server: Server;
}> {
  const server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const teamsFile = (name: string, downloadUrl: string, fileType = 'jpg') => ({
  contentType: FILE_DOWNLOAD_INFO,
  name,
  content: { downloadUrl, uniqueId: 'invented-unique-id', fileType },
});

/** Answers a new Teams report up to the evidence question. */
async function answerUpToEvidence(chat: TeamsChat): Promise<void> {
  await chat.say('report', /is someone in danger/);
  await chat.say('no', /What is your report about/);
  await chat.say('1', /own words/);
  await chat.say('Someone photographed the fire exits of the gym from the car park.', /When/);
  await chat.say('yesterday at 7:40', /Is that right/);
  await chat.say('yes', /still going on/);
  await chat.say('no', /Where did it happen/);
  await chat.say('Invented Secondary School, car park', /Where exactly/);
  await chat.say('skip', /people involved/);
  await chat.say('no', /vehicle/);
  await chat.say('no', /suspicious/);
  await chat.say('They left as soon as the caretaker walked towards them.', /photos or documents/);
}

describe('A complete report from Teams over HTTP', () => {
  const dataDir = temporaryDirectoryPerTest('teams-report');
  let database: Database;
  let service: RunningService;
  let host: Awaited<ReturnType<typeof fileHost>>;
  let photo: Buffer;

  before(async () => {
    database = await openTestDatabase();
    await registerOrganisation(database.connection, {
      name: 'Invented Secondary School',
      tenantId: PARTNER_TENANT,
    });
    photo = await photoWithGps();
    host = await fileHost({
      '/personal/witness/entrance.jpg': { type: 'image/jpeg', body: photo },
      // One byte over the default upload limit (10 MB).
      '/personal/witness/big.jpg': { type: 'image/jpeg', body: Buffer.alloc(10 * 1024 * 1024 + 1) },
      '/personal/witness/page.jpg': {
        type: 'text/html',
        body: Buffer.from('<html><body>not a photo</body></html>'),
      },
    });
  });
  beforeEach(async () => {
    service = await startService(
      testServiceConfig(dataDir(), {
        PUBLIC_HOST: 'reports.example.org',
        TEAMS_FILE_HOSTS: '127.0.0.1',
      }),
      memoryLogger().logger,
      { database },
    );
  });
  afterEach(async () => {
    await service.stop();
  });
  after(async () => {
    await new Promise((resolve) => host.server.close(resolve));
    await database.close();
  });

  it('takes the report, keeps the photo sent in the chat as evidence, and records tenant and organisation', async () => {
    const chat = new TeamsChat(service.url, { name: 'Invented Caretaker' });
    await chat.say('report', /is someone in danger/);
    await chat.say('no', /What is your report about/);
    await chat.say('1', /own words/);
    await chat.say('Two people filmed the staff entrance and the cameras for twenty minutes.', /When/);
    await chat.say('yesterday at 7:40', /Is that right/);
    await chat.say('yes', /still going on/);
    await chat.say('no', /Where did it happen/);
    await chat.say('Invented Secondary School, staff entrance', /Where exactly/);
    await chat.say('skip', /people involved/);
    await chat.say('no', /vehicle/);
    await chat.say('no', /suspicious/);
    await chat.say('They hid the phone each time a teacher came out.', /photos or documents/);

    // Teams sends a file from the personal chat as a "file download info" attachment.
    const received = await chat.send({
      attachments: [teamsFile('entrance.jpg', `${host.base}/personal/witness/entrance.jpg`)],
    });
    assert.match(received.map((reply) => reply.text).join('\n'), /Received: 1 file\. /);
    await chat.say('done', /anyone else/);
    await chat.say('skip', /anonymous/);
    await chat.say('no', /name/);
    // The name comes from the Teams profile and is offered back.
    await chat.say('Invented Caretaker', /phone/i);
    await chat.say('skip', /e-mail/i);
    await chat.say('skip', /organisation/i);
    await chat.say('skip', /How do you prefer to be contacted/);
    await chat.say('This chat', /agree/);
    const review = await chat.send({ text: 'yes' });

    // The review is an Adaptive Card; confirming is a card submit, as Teams delivers it: a value, no text.
    const confirmation = await chat.send({ value: cardSubmit(review, 'confirm') });
    // The case number and receipt code come in a card of their own.
    const done = confirmation.map(shownText).join('\n');
    const { caseNumber } = codesFrom(done);

    const report = await reportModel(database.connection).findOne({ caseNumber }).lean<Report>();
    assert.ok(report, 'the report is stored');
    assert.equal(report.channel, 'msteams');
    assert.equal(report.organisation, 'Invented Secondary School');
    assert.deepEqual(
      { tenantId: report.teams?.tenantId, aadObjectId: report.teams?.aadObjectId },
      { tenantId: PARTNER_TENANT, aadObjectId: USER_OID },
    );
    assert.equal(report.answers.anonymous, false);
    assert.equal(report.answers.contactName, 'Invented Caretaker');

    // The photo is in the service's own store (Teams' link expires), its location data removed.
    assert.equal(evidenceOf(report).attachments.length, 1);
    const [attachment] = evidenceOf(report).attachments;
    assert.equal(attachment?.contentType, 'image/jpeg');
    const fileId = /\/v3\/directline\/attachments\/([0-9a-f]{24})$/.exec(attachment?.contentUrl ?? '')?.[1];
    assert.ok(fileId, `a stored file, not the Teams link: ${attachment?.contentUrl}`);
    const stored = await new EvidenceFiles(database.connection).get(fileId);
    assert.ok(stored);
    assert.equal(stored.metadata.conversationId, chat.conversationId);
    assert.equal(stored.metadata.locationStripped, true);
    const gpsOf = async (bytes: Buffer) =>
      ((await exifr.parse(bytes, { gps: true, tiff: true })) as Record<string, unknown> | undefined)
        ?.GPSLatitudeRef;
    assert.equal(await gpsOf(photo), 'N', 'the photo sent carried a location');
    assert.equal(await gpsOf(stored.bytes), undefined, 'the stored photo has none');
  });

  it('keeps a pasted image (connector attachment with its text/html companion) as evidence, without location', async () => {
    const connector = await standInConnector({
      serve: (path) =>
        path === '/v3/attachments/invented-pasted/views/original'
          ? { status: 200, headers: { 'content-type': 'image/jpeg' }, bytes: photo }
          : { status: 404 },
    });
    try {
      const chat = new TeamsChat(service.url, { connectorUrl: connector.url });
      await answerUpToEvidence(chat);
      const imageUrl = `${connector.url}v3/attachments/invented-pasted/views/original`;
      const received = await chat.send({
        text: '',
        attachments: [
          // Teams names a pasted image only by a wildcard type; its bytes say what it is.
          { contentType: 'image/*', contentUrl: imageUrl },
          { contentType: 'text/html', content: `<div><img src="${imageUrl}"></div>` },
        ],
      });
      assert.match(received.map((reply) => reply.text).join('\n'), /Received: 1 file\. /);
      const stored = await database.connection
        .collection('evidence.files')
        .find({ 'metadata.conversationId': chat.conversationId })
        .toArray();
      assert.equal(stored.length, 1, 'the pasted image is in the evidence store');
      assert.equal((stored[0]?.metadata as { contentType?: string }).contentType, 'image/jpeg');
      assert.equal((stored[0]?.metadata as { locationStripped?: boolean }).locationStripped, true);
    } finally {
      connector.server.close();
    }
  });

  it('keeps no Entra object id or tenant in an anonymous report, says so, and still lets the witness follow it', async () => {
    const chat = new TeamsChat(service.url);
    await answerUpToEvidence(chat);
    await chat.say('none', /anyone else/);
    const asked = await chat.say('skip', /anonymous/);
    assert.ok(
      asked.includes(en.teamsChat.anonymousNote),
      'the question says what an anonymous report carries',
    );
    await chat.say('yes', /agree/);
    const review = await chat.send({ text: 'yes' });
    const confirmation = await chat.send({ value: cardSubmit(review, 'confirm') });
    const { caseNumber } = codesFrom(confirmation.map(shownText).join('\n'));
    const report = await reportModel(database.connection).findOne({ caseNumber }).lean<Report>();
    assert.ok(report);
    assert.equal(report.answers.anonymous, true);
    assert.equal(report.organisation, 'Invented Secondary School', 'the organisation, not the person');
    assert.equal(report.teams ?? undefined, undefined);
    const json = JSON.stringify(report).toLowerCase();
    assert.ok(!json.includes(USER_OID) && !json.includes(PARTNER_TENANT), 'no Entra id, no tenant');
    const contact = await findCaseContact(database.connection, caseNumber);
    assert.equal(contact?.aadObjectId, USER_OID, 'the contact to reach the witness is kept apart');
    await chat.say('status', new RegExp(`Case ${caseNumber}: received`));
  });

  const refusals: { what: string; attachment: () => object; answer: RegExp }[] = [
    {
      what: 'a link to a host that is not the Teams file host',
      attachment: () => teamsFile('x.jpg', 'http://localhost:9/personal/witness/entrance.jpg'),
      // Said as it is: the file may well be a PNG; its link points at a host that is never fetched.
      answer: new RegExp(en.teamsChat.fileHostRefused.replace(/[.()]/g, '\\$&')),
    },
    {
      what: 'a file that is not a photo or PDF by its bytes, whatever its name',
      attachment: () => teamsFile('page.jpg', `${host.base}/personal/witness/page.jpg`),
      answer: /"page\.jpg" could not be accepted/,
    },
    {
      what: 'a file over the size limit',
      attachment: () => teamsFile('big.jpg', `${host.base}/personal/witness/big.jpg`),
      answer: /That file is too large: each file may be at most 10 MB\./,
    },
    {
      what: 'a file the host no longer has',
      attachment: () => teamsFile('gone.jpg', `${host.base}/personal/witness/gone.jpg`),
      answer: /could not fetch that file from Teams/,
    },
  ];
  for (const { what, attachment, answer } of refusals) {
    it(`refuses ${what}, says so, and keeps nothing`, async () => {
      const chat = new TeamsChat(service.url);
      const before = await database.connection.collection('evidence.files').countDocuments();
      const replies = await chat.send({ attachments: [attachment()] });
      assert.match(replies.map((reply) => reply.text).join('\n'), answer);
      assert.equal(await database.connection.collection('evidence.files').countDocuments(), before);
    });
  }
});
