import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { OfficerAccounts, officerIdForEmail } from '../../models/store/officer';
import { parseArguments } from '../../scripts/officer';
import { openDatabase } from '../../models/store/db';
import { spawnService } from '../helpers/process';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';

const SCRIPT = path.resolve(__dirname, '../../scripts/officer.js');

function runOfficer(
  cwd: string,
  args: string[],
  environment: Record<string, string>,
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('scripts/officer', () => {
  const workDir = temporaryDirectoryPerTest('shield-officer');

  const usages: [string, string[]][] = [
    ['no command', []],
    ['an unknown role', ['add', 'a@police.test', '--role', 'chief']],
    ['a password on the command line', ['add', 'a@police.test', '--role', 'officer', '--password', 'x']],
    ['no role', ['add', 'a@police.test']],
  ];
  for (const [what, args] of usages) {
    it(`refuses ${what}`, () => {
      assert.equal(typeof parseArguments(args), 'string');
    });
  }

  it('reads add <email> --role <role>', () => {
    assert.deepEqual(parseArguments(['add', 'a@police.test', '--role', 'supervisor']), {
      email: 'a@police.test',
      role: 'supervisor',
    });
  });

  it('adds an account with the password from standard input, on the database the service uses', async () => {
    const dataDir = path.join(workDir(), 'data');
    const environment = { NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const first = await runOfficer(
      workDir(),
      ['add', 'New.Officer@police.test', '--role', 'supervisor'],
      environment,
      'an invented long password\n',
    );
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Added new\.officer@police\.test as supervisor/);
    assert.doesNotMatch(first.stdout + first.stderr, /invented long password/);

    const again = await runOfficer(workDir(), ['add', 'new.officer@police.test', '--role', 'officer'], {
      ...environment,
      OFFICER_PASSWORD: 'another invented password',
    });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists already/);

    // The embedded database the CLI wrote to (never a real MONGODB_URI: the CLI ran without one).
    const database = await openDatabase({ dataDir });
    try {
      const accounts = new OfficerAccounts(database.connection);
      const officer = await accounts.byId(officerIdForEmail('new.officer@police.test').toHexString());
      assert.equal(officer?.role, 'supervisor');
      assert.match(officer?.passwordHash ?? '', /^\$argon2id\$/);
      assert.ok(await accounts.authenticate('new.officer@police.test', 'an invented long password'));
    } finally {
      await database.close();
    }
  });

  it('refuses, non-zero and saying how, while the service runs on the same DATA_DIR', async function () {
    this.timeout(120_000);
    const dataDir = path.join(workDir(), 'data');
    const environment = {
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
    };
    const service = spawnService(workDir(), { ...environment, PORT: '0' });
    try {
      await service.waitForLine(/Shield Reporter is running/);
      const added = await runOfficer(workDir(), ['add', 'late.officer@police.test', '--role', 'officer'], {
        ...environment,
        OFFICER_PASSWORD: 'an invented long password',
      });
      assert.equal(added.code, 1, added.stdout);
      assert.doesNotMatch(added.stdout, /Added/);
      assert.match(added.stderr, /the service is running on DATA_DIR/);
      assert.match(added.stderr, /Stop the service, run this command again|MONGODB_URI/);

      // A second service on the same data refuses to start too, and says why.
      const second = spawnService(workDir(), { ...environment, PORT: '0' });
      assert.equal(await second.exited, 1);
      assert.match(second.stderr(), /is in use by another running process/);
    } finally {
      service.signal('SIGTERM');
      await service.exited;
    }
  });
});
