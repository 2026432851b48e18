import assert from 'node:assert/strict';
import { MongoStorage } from '../../models/store/mongoStorage';
import { openDatabase } from '../../models/store/db';
import { postActivity, testActivity } from '../helpers/http';
import { spawnService } from '../helpers/process';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';

// The process as `npm start` runs it. It uses the embedded database in a temporary DATA_DIR even when the
// suite runs with MONGODB_URI: the service's own database name would otherwise be written to.
describe('bot/index (the service process)', () => {
  const dataDir = temporaryDirectoryPerTest('shield-index');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}, finishes, keeps the conversation state in DATA_DIR and exits 0`, async () => {
      const service = spawnService(dataDir(), {
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir(),
      });
      try {
        const [, url] = await service.waitForLine(
          /^Shield Reporter is running: open (http:\/\/[^/\s]+)\/healthz/,
        );
        assert.equal((await fetch(`${url}/readyz`)).status, 200);
        const conversationId = `process-${signal}`;
        const answer = await postActivity(url, testActivity({ text: 'hello', conversationId }));
        assert.equal(answer.status, 200);

        service.signal(signal);
        assert.equal(await service.exited, 0, `exit code; stderr:\n${service.stderr()}`);
        assert.match(service.stdout(), /"msg":"stopped"/);
        assert.match(
          service.stdout(),
          /embedded DEVELOPMENT database/,
          'says it runs on a development database',
        );

        const database = await openDatabase({ dataDir: dataDir() });
        try {
          const key = `emulator/conversations/${conversationId}/`;
          assert.ok((await new MongoStorage(database.connection).read([key]))[key], 'state kept');
        } finally {
          await database.close();
        }
      } finally {
        service.signal('SIGKILL');
        await service.exited;
      }
    });
  }
});
