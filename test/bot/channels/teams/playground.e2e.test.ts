import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { registerOrganisation } from '../../../../models/store/organisation';
import { launchChromium } from '../../../helpers/browser';
import { openTestDatabase } from '../../../helpers/database';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';

// The Playground's default tenant id is not a GUID; the configuration gives it an invented real-looking one,
// registered as a partner organisation, so the tenant gate is the one a partner's witness meets.
const PLAYGROUND_TENANT = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

/** The Playground's configuration file (its schema asks for five users, a group chat and a team). */
function playgroundConfig(): string {
  const user = (id: string, name: string, suffix: string) =>
    [
      `  - id: ${id}`,
      `    name: ${name}`,
      `    userPrincipleName: ${id}@example.com`,
      `    aadObjectId: 3a1b2c3d-0000-4000-8000-0000000000${suffix}`,
      '    givenName: Invented',
      `    surname: ${name}`,
      `    email: ${id}@example.com`,
    ].join('\n');
  return [
    'version: "0.1.1"',
    `tenantId: ${PLAYGROUND_TENANT}`,
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    '  name: Shield Reporter',
    'currentUser:',
    '  id: user-id-0',
    '  name: Alex Invented',
    '  userPrincipleName: alex@example.com',
    '  aadObjectId: 3a1b2c3d-0000-4000-8000-000000000020',
    '  givenName: Alex',
    '  surname: Invented',
    '  email: alex@example.com',
    'users:',
    ...[1, 2, 3, 4, 5].map((n) => user(`user-id-${n}`, `Witness${n}`, `2${n}`)),
    'personalChat:',
    '  id: __PERSONAL_CHAT_ID__',
    'groupChat:',
    '  id: __GROUP_CHAT_ID__',
    '  name: Group Chat',
    'team:',
    '  id: team-id',
    '  name: Invented Team',
    '  aadGroupId: 3a1b2c3d-0000-4000-8000-000000000030',
    '  channels:',
    '    - id: channel-announcements-id',
    '      name: Announcements',
    '',
  ].join('\n');
}

/**
 * Starts the Playground's own CLI (`agentsplayground start`) pointed at the service, with telemetry and the
 * browser it would open turned off; resolves with its address once it listens.
 */
async function startPlayground(
  directory: string,
  botEndpoint: string,
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const cli = path.resolve(__dirname, '../../../../../node_modules/.bin/agentsplayground');
  const child = spawn(
    process.execPath,
    [cli, 'start', '-e', botEndpoint, '-c', 'msteams', '-p', '0', '--dt'],
    {
      cwd: directory,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: directory,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(directory, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the Playground exited (${code}): ${output}`)));
  });
  return { url: await listening, child, output: () => output };
}

/** How often the chat shows text matching the pattern. */
function occurrences(page: Page, pattern: RegExp): Promise<number> {
  return page.evaluate(
    ([source, flags]) => (document.body.innerText.match(new RegExp(source, `${flags}g`)) ?? []).length,
    [pattern.source, pattern.flags.replace('g', '')] as const,
  );
}

/** Waits until the chat shows the pattern more often than `before` times. */
async function shownMore(page: Page, pattern: RegExp, before: number): Promise<void> {
  try {
    await page.waitForFunction(
      ([source, flags, count]) =>
        (document.body.innerText.match(new RegExp(source, `${flags}g`)) ?? []).length > count,
      [pattern.source, pattern.flags.replace('g', ''), before] as const,
      { timeout: 20_000 },
    );
  } catch (error) {
    // What the Playground showed instead (invented test data only), to see where the conversation went.
    const shown = await page.evaluate(() => document.body.innerText);
    throw new Error(`${String(pattern)} did not appear; the page ends with:\n${shown.slice(-1500)}`, {
      cause: error,
    });
  }
}

describe('The Teams bot in the Microsoft 365 Agents Playground (headless Chromium)', function () {
  this.timeout(180_000);
  let directory: string;
  let database: Database;
  let service: RunningService;
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;

  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'shield-playground-'));
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented Depot', tenantId: PLAYGROUND_TENANT });
    // No app id: the adapter's Emulator mode, which takes unauthenticated activities from loopback callers
    // only, and posts replies only to a loopback serviceUrl (the Playground's own connector).
    service = await startService(testServiceConfig(path.join(directory, 'data')), memoryLogger().logger, {
      database,
    });
    await writeFile(path.join(directory, '.m365agentsplayground.yml'), playgroundConfig());
    playground = await startPlayground(directory, `${service.url}/api/messages`);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    playground?.child.kill('SIGTERM');
    await service?.stop();
    await database?.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function say(page: Page, text: string, expect: RegExp): Promise<void> {
    const before = await occurrences(page, expect);
    const box = page.getByRole('textbox').last();
    await box.click();
    await box.fill(text);
    await box.press('Enter');
    await shownMore(page, expect, before);
  }

  it('takes a complete personal-chat report with the review card, a Change and the confirmation', async () => {
    const page = await browser.newPage();
    await page.goto(playground.url);
    await page.getByText('Welcome to Shield Reporter').first().waitFor({ timeout: 30_000 });

    await say(page, 'report', /is someone in danger/i);
    await say(page, 'no', /What is your report about/);
    await say(page, '1', /own words/);
    await say(page, 'A person photographed the depot gate for a long time.', /When did it happen/);
    await say(page, 'yesterday at 6:10', /Is that right/);
    await say(page, 'yes', /still going on/);
    await say(page, 'no', /Where did it happen/);
    await say(page, 'Invented depot, north gate', /Where exactly/);
    await say(page, 'skip', /people involved/);
    await say(page, 'no', /vehicle/);
    await say(page, 'no', /seem suspicious|suspicious/);
    await say(page, 'It went on for twenty minutes.', /photos or documents/);
    await say(page, 'none', /anyone else/);
    await say(page, 'skip', /anonymous/);
    await say(page, 'yes', /agree/);
    const reviews = await occurrences(page, /Please check your report/);
    await say(page, 'yes', /Please check your report/);

    // The review card as the Playground renders it: the Change of the location row.
    const change = page.locator('button[title*="Location"], button[aria-label*="Location"]').last();
    await change.waitFor({ timeout: 20_000 });
    const editing = await occurrences(page, /Please give your new answer/);
    await change.click();
    await shownMore(page, /Please give your new answer/, editing);
    await say(page, 'Invented depot, south gate', /Please check your report/);
    assert.ok((await occurrences(page, /Please check your report/)) > reviews + 1, 'a new review card');
    assert.ok((await occurrences(page, /south gate/)) >= 2, 'the new answer on the card');

    // The receipt card joins the case number's parts with non-breaking hyphens (it must not wrap there).
    const caseNumberShown = /SR[-\u2011][0-9A-Z]{5}[-\u2011][0-9A-Z]{5}/;
    const receipts = await occurrences(page, caseNumberShown);
    await page.getByRole('button', { name: 'Send report' }).last().click();
    await shownMore(page, caseNumberShown, receipts);

    const stored = await database.connection.collection('reports').findOne({ channel: 'msteams' });
    assert.ok(stored, 'the report is stored');
    assert.equal((stored.answers as Record<string, unknown>).place, 'Invented depot, south gate');
    assert.equal(stored.organisation, 'Invented Depot');
    const shown = (await page.evaluate(() => document.body.innerText)).replaceAll('\u2011', '-');
    assert.ok(shown.includes(String(stored.caseNumber)), 'the stored case number is the one shown');
    await page.close();
  });
});
