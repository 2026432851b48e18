import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startService, type RunningService } from '../../../../bot/service';
import { openDatabase } from '../../../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../../models/store/embeddedMongo';
import { registerOrganisation } from '../../../../models/store/organisation';
import { reportModel } from '../../../../models/store/report';
import { shownText } from '../../../helpers/directLineClient';
import { memoryLogger } from '../../../helpers/logger';
import { codesFrom } from '../../../helpers/reportScript';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { cardSubmit, TeamsChat } from '../../../helpers/teamsChat';
import { TcpProxy, type ProxyMode } from '../../../helpers/tcpProxy';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { PARTNER_TENANT } from './teamsActivity';
import { eventually } from '../../../helpers/eventually';

describe('A Teams report during a database outage, over HTTP', function () {
  this.timeout(120_000);
  const dataDir = temporaryDirectoryPerTest('teams-outage');
  let server: EmbeddedMongo;
  let proxy: TcpProxy;
  let service: RunningService | undefined;

  beforeEach(async () => {
    server = await startEmbeddedMongo();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(server.uri).port) });
  });
  afterEach(async () => {
    proxy.set('open');
    await service?.stop();
    service = undefined;
    await proxy.stop();
    await server.stop();
  });

  for (const mode of ['cut', 'hang'] as ProxyMode[]) {
    it(`admits the recently seen partner tenant and shows case number and receipt code when the database is ${mode} at "confirm"; one report once it is back`, async () => {
      const dbName = `shield-teams-outage-${randomUUID().slice(0, 8)}`;
      const observer = await openDatabase({ uri: server.uri, dbName });
      try {
        await registerOrganisation(observer.connection, {
          name: 'Invented Secondary School',
          tenantId: PARTNER_TENANT,
        });
        service = await startService(
          testServiceConfig(dataDir(), { MONGODB_URI: proxy.uri(), PUBLIC_HOST: 'reports.example.org' }),
          memoryLogger().logger,
          { dbName, outboxIntervalMs: 200 },
        );
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
        await chat.say('none', /anyone else/);
        await chat.say('skip', /anonymous/);
        await chat.say('yes', /agree/);
        const review = await chat.send({ text: 'yes' });

        proxy.set(mode);
        const confirmation = await chat.send({ value: cardSubmit(review, 'confirm') });
        const { caseNumber, receiptCode } = codesFrom(confirmation.map(shownText).join('\n'));
        assert.ok(caseNumber && receiptCode, 'the case number and the receipt code reach the witness');

        proxy.set('open');
        const reports = await eventually(async () => {
          const found = await reportModel(observer.connection).find({ caseNumber }).lean();
          return found.length > 0 ? found : undefined;
        }, 'the report reaches the database');
        assert.equal(reports.length, 1, 'exactly one report');
        assert.equal(reports[0]?.channel, 'msteams');
        assert.equal(reports[0]?.organisation, 'Invented Secondary School');
      } finally {
        await observer.close();
      }
    });
  }
});
