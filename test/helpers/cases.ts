import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startService, type RunningService, type ServiceOptions } from '../../bot/service';
import type { Database } from '../../models/store/db';
import { OfficerAccounts, type OfficerRole } from '../../models/store/officer';
import { ReportRepository } from '../../models/store/reportRepository';
import { openTestDatabase } from './database';
import { inventedSubmission } from './fixtures';
import { memoryLogger } from './logger';
import { testServiceConfig } from './serviceConfig';

export const PASSWORD = 'correct horse battery staple';

/** The whole service on a test database, with a clock the test moves, and a few accounts. */
export interface CaseFixture {
  readonly service: RunningService;
  readonly database: Database;
  readonly reports: ReportRepository;
  readonly accounts: OfficerAccounts;
  /** Moves the service's clock forward. */
  advance(ms: number): void;
  now(): Date;
  /** Logs in and returns the bearer token. */
  login(email: string): Promise<string>;
  /** A request to the service with an optional token. */
  call(
    method: string,
    url: string,
    token?: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<{ status: number; body: unknown; response: Response; bytes: Buffer }>;
  close(): Promise<void>;
}

/** Starts the service with officer, supervisor and admin accounts; `environment` adds or overrides keys. */
export async function startCaseFixture(
  environment: Record<string, string> = {},
  options: Pick<ServiceOptions, 'passwords' | 'questionnaire'> = {},
): Promise<CaseFixture> {
  let now = new Date('2026-11-22T12:00:00Z');
  const clock = (): Date => new Date(now.getTime());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'shield-cases-'));
  const database = await openTestDatabase();
  const config = testServiceConfig(dataDir, {
    LOG_LEVEL: 'silent',
    CASE_TOKEN_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    ...environment,
  });
  const service = await startService(config, memoryLogger().logger, { database, clock, ...options });
  const reports = new ReportRepository(database.connection, path.join(dataDir, 'outbox'), clock);
  const accounts = new OfficerAccounts(database.connection, clock);
  const roles: [string, OfficerRole][] = [
    ['officer@police.test', 'officer'],
    ['other@police.test', 'officer'],
    ['supervisor@police.test', 'supervisor'],
    ['admin@police.test', 'admin'],
  ];
  for (const [email, role] of roles) await accounts.add(email, role, PASSWORD);

  const call: CaseFixture['call'] = async (method, url, token, body, extraHeaders = {}) => {
    const headers: Record<string, string> = { ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV and other non-JSON bodies stay text.
    }
    return { status: response.status, body: parsed, response, bytes };
  };

  return {
    service,
    database,
    reports,
    accounts,
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    now: clock,
    async login(email) {
      const answer = await call('POST', '/api/auth/login', undefined, { email, password: PASSWORD });
      const token = (answer.body as { token?: string }).token;
      if (answer.status !== 200 || !token) throw new Error(`login of ${email} failed: ${answer.status}`);
      return token;
    },
    call,
    async close() {
      await service.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Submits a report and returns its case number. */
export async function seed(
  fixture: CaseFixture,
  overrides: Parameters<typeof inventedSubmission>[0] = {},
): Promise<string> {
  const result = await fixture.reports.submit(inventedSubmission(overrides));
  if (result.status !== 'saved') throw new Error(`report not saved: ${result.status}`);
  return result.caseNumber;
}
