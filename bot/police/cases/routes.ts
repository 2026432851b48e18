import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { LOCALES } from '../../../dialogs/locales';
import { CATEGORIES } from '../../../models/core/questionnaire';
import { whenReachable, type DatabaseConnection } from '../../../models/store/db';
import type { AttemptGuard } from '../../../models/store/attemptGuard';
import { AuditTrail, RefusalCounts } from '../../../models/store/audit';
import { ensureLimitIndexes } from '../../../models/store/rateLimits';
import { MAX_NOTE_LENGTH } from '../../../models/store/caseNote';
import { argon2Hasher, OfficerAccounts, type PasswordHasher } from '../../../models/store/officer';
import { cappedPasswords } from './passwordQueue';
import { CASE_NUMBER, CASE_OUTCOMES, REPORT_STATUSES } from '../../../models/core/cases';
import { clientAddress } from '../../http/clientAddress';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import {
  LOGIN_ATTEMPTS_COLLECTION,
  StandaloneTokens,
  loginGuard,
  loginTarget,
  type BearerVerifier,
} from './auth';
import { CaseDesk } from './caseDesk';
import { caseFields, SORT_ORDERS, type CaseCursor, type CaseFilter } from '../../../models/core/caseDesk';
import { answersInOrder } from './caseView';
import { registerConsole } from './console';
import { registerAdminRoutes } from './adminRoutes';
import { noQuery, parse, requestTools, type RequestTools } from './requests';
import { CaseEvidence, evidenceHeaders } from './evidence';
import { CaseRetention } from './retention';
import { caseCsv, listCsv } from './caseExport';
import { OfficerSessions } from '../../../models/store/officerSessions';
import { registerSessionRoutes } from './sessionRoutes';

export { safeCell } from './caseExport';
import type { DeliveryStatus, QuestionDeliveries } from '../../../models/store/questionDeliveries';
import { ServiceError } from '../../../models/core/errors';

/** What the case API is built from; tests pass their own clock, limiters and verifiers. */
export interface CaseApiOptions {
  connection: DatabaseConnection;
  config: Pick<
    Config,
    | 'caseTokenSecret'
    | 'caseTokenTtlMinutes'
    | 'caseSessionIdleMinutes'
    | 'retentionDays'
    | 'timeZone'
    | 'env'
    | 'trustProxyHops'
    | 'admission'
  >;
  logger: Logger;
  clock?: () => Date;
  /** The login guard (failed logins per account and address); the service's own in MongoDB by default. */
  loginGuard?: AttemptGuard;
  /** Checks officer passwords; argon2id by default (tests count its checks). */
  passwords?: PasswordHasher;
  /** Further token verifiers (the Teams tab's Entra ID tokens), tried after the standalone one. */
  verifiers?: BearerVerifier[];
  /**
   * Called after a question is stored, to queue its delivery where the channel allows (Teams); returns the
   * delivery's state, or undefined when the witness sees it at their next status check (web chat).
   */
  onQuestion?: (caseNumber: string, questionId: string) => Promise<DeliveryStatus | undefined>;
  /** The delivery state of each question, shown with the case. */
  deliveries?: Pick<QuestionDeliveries, 'forCase'>;
}

/** The case API, its parts, and the retention job. */
export interface CaseApi {
  readonly desk: CaseDesk;
  readonly accounts: OfficerAccounts;
  readonly tokens: StandaloneTokens;
  readonly retention: CaseRetention;
  /** Hourly counts of refused logins (kept instead of one audit entry per refusal). */
  readonly refusals: RefusalCounts;
  /** Adds the case API and console routes to a server. */
  register(server: Server): void;
  /** The request helpers (authorisation, audit, refusals) for routes of other modules (bot/police/alerts). */
  readonly tools: RequestTools;
}

const MAX_SEARCH_LENGTH = 100;
const EXPORT_CAP = 10_000;

const loginBody = z.strictObject({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
});

const isoDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value));
const filterFields = {
  status: z.enum(REPORT_STATUSES).optional(),
  urgent: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  category: z.enum(CATEGORIES).optional(),
  organisation: z.string().min(1).max(200).optional(),
  assignee: z
    .string()
    .regex(/^([0-9a-f]{24}|me)$/)
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().min(1).max(MAX_SEARCH_LENGTH).optional(),
};
const cursorSchema = z.strictObject({
  urgent: z.boolean(),
  submittedAt: z.iso.datetime().transform((value) => new Date(value)),
  id: z.string().regex(/^[0-9a-f]{24}$/),
});
const listQuery = z.strictObject({
  ...filterFields,
  sort: z.enum(SORT_ORDERS).default('urgent'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .default(25),
  cursor: z.string().max(200).optional(),
});
const exportQuery = z.strictObject({
  ...filterFields,
  format: z.enum(['csv', 'json']),
  lang: z.enum(LOCALES).default('en'),
});
const detailQuery = z.strictObject({ lang: z.enum(LOCALES).default('en') });
const caseExportQuery = z.strictObject({ format: z.literal('csv'), lang: z.enum(LOCALES).default('en') });
const patchBody = z
  .strictObject({
    status: z.enum(REPORT_STATUSES).optional(),
    outcome: z.enum(CASE_OUTCOMES).optional(),
    assignee: z
      .string()
      .regex(/^[0-9a-f]{24}$/)
      .nullable()
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
const noteBody = z.strictObject({ text: z.string().trim().min(1).max(MAX_NOTE_LENGTH) });
const questionBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });
const linkBody = z.strictObject({ caseNumber: z.string().regex(CASE_NUMBER, 'not a case number') });

function decodeCursor(cursor: string | undefined): CaseCursor | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ServiceError('InvalidRequest', 'cursor: not a cursor from this API');
  }
  return parse(cursorSchema, decoded);
}

function encodeCursor(cursor: CaseCursor): string {
  const plain = { urgent: cursor.urgent, submittedAt: cursor.submittedAt.toISOString(), id: cursor.id };
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
}

function caseNumberOf(req: Request): string {
  const caseNumber = (req.params as Record<string, unknown>).caseNumber;
  if (typeof caseNumber !== 'string' || !CASE_NUMBER.test(caseNumber)) {
    throw new ServiceError('CaseNotFound', 'There is no case with that number.');
  }
  return caseNumber;
}

/** Builds the case API on a database connection. */
export async function createCaseApi(options: CaseApiOptions): Promise<CaseApi> {
  const { connection, config, logger } = options;
  const clock = options.clock ?? (() => new Date());
  // Password checks through a small concurrency cap: a login flood cannot starve the bot of its cores.
  const accounts = new OfficerAccounts(
    connection,
    clock,
    cappedPasswords(options.passwords ?? argon2Hasher, config.admission.loginConcurrency),
  );
  const refusals = new RefusalCounts(connection, clock);
  const audit = new AuditTrail(connection, clock);
  const desk = new CaseDesk(connection, audit, accounts, clock);
  let secret = config.caseTokenSecret;
  if (!secret) {
    // Development only (config refuses production without one): logins do not survive a restart.
    secret = randomBytes(32).toString('base64url');
    logger.warn(
      'CASE_TOKEN_SECRET is not set: case console logins use a random secret for this process only',
    );
  }
  const tokens = new StandaloneTokens(secret, config.caseTokenTtlMinutes, accounts, clock);
  const sessions = new OfficerSessions(connection, config.caseSessionIdleMinutes, clock);
  const verifiers: BearerVerifier[] = [tokens, ...(options.verifiers ?? [])];
  const guard = options.loginGuard ?? loginGuard(connection);
  // Index set-up waits for a database that is unreachable at start-up instead of failing the start.
  await whenReachable(connection, async () => {
    await sessions.ensureIndexes();
    await ensureLimitIndexes(connection, LOGIN_ATTEMPTS_COLLECTION);
    await Promise.all([
      desk.ensureIndexes(),
      accounts.ensureIndexes(),
      audit.ensureIndexes(),
      refusals.ensureIndexes(),
    ]);
  });
  const evidence = new CaseEvidence(connection);
  const retention = new CaseRetention(connection, audit, config.retentionDays, clock, logger);

  const tools = requestTools(verifiers, audit, (req) => clientAddress(req, config.trustProxyHops));
  const { authorise, record, handle, addressOf } = tools;

  function register(server: Server): void {
    server.post(
      '/api/auth/login',
      handle(async (req, res) => {
        parse(noQuery, req.query);
        const body = parse(loginBody, req.body);
        const address = addressOf(req);
        // Reserved before the password hash is computed: concurrent guesses cannot outrun the limit.
        const admission = await guard.admit(loginTarget(body.email), address);
        if (!admission.admitted) {
          await refusals.count('login.limited');
          throw new ServiceError('LoginLocked', undefined, {
            headers: { 'Retry-After': String(admission.retryAfterSeconds) },
          });
        }
        const officer = await accounts.authenticate(body.email, body.password);
        if (!officer) {
          await refusals.count('login.failed');
          throw new ServiceError('LoginFailed');
        }
        await guard.succeeded(admission.ticket);
        const officerId = officer._id.toHexString();
        const { token, expiresAt } = await tokens.issue(officerId);
        const { refreshToken, idleUntil } = await sessions.start(officerId);
        await audit.append({ actor: officerId, role: officer.role, ip: address, action: 'login.succeeded' });
        res.send(200, {
          token,
          expiresAt,
          refreshToken,
          idleUntil,
          officer: { id: officerId, email: officer.email, role: officer.role },
        });
      }),
    );

    server.get(
      '/api/officers',
      handle(async (req, res) => {
        await authorise(req, 'supervisor');
        parse(noQuery, req.query);
        res.send(200, { officers: await accounts.list() });
      }),
    );

    server.get(
      '/api/cases',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const query = parse(listQuery, req.query);
        const { sort, limit, cursor, ...filters } = query;
        const filter: CaseFilter = {
          ...filters,
          assignee: filters.assignee === 'me' ? principal.officerId : filters.assignee,
        };
        const page = await desk.list(filter, sort, limit, decodeCursor(cursor), principal.officerId);
        await record(req, principal, { action: 'cases.listed', detail: { count: page.cases.length } });
        res.send(200, { cases: page.cases, nextCursor: page.next ? encodeCursor(page.next) : null });
      }),
    );

    server.get(
      '/api/cases/export',
      handle(async (req, res) => {
        const principal = await authorise(req, 'supervisor');
        const { format, lang, ...filters } = parse(exportQuery, req.query);
        const reports = await desk.exportRows(filters, EXPORT_CAP);
        const rows = reports.map(caseFields);
        await record(req, principal, { action: 'cases.exported', detail: { format, count: rows.length } });
        const stamp = clock().toISOString().slice(0, 10);
        const disposition = `attachment; filename="cases-${stamp}.${format}"`;
        if (format === 'json') {
          res.sendRaw(200, JSON.stringify({ cases: rows }), {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Disposition': disposition,
          });
          return;
        }
        const names = await desk.officerNames(reports.map((report) => report.assignee));
        const asked = await Promise.all(
          reports.map(async (report) => ({ report, questionnaire: await desk.questionnaireOf(report) })),
        );
        const csv = listCsv(asked, lang, config.timeZone, (id) => (id ? (names[id] ?? id) : ''));
        res.sendRaw(200, csv, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': disposition,
        });
      }),
    );

    server.get(
      '/api/cases/:caseNumber',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        const { lang } = parse(detailQuery, req.query);
        const [found, deliveries] = await Promise.all([
          desk.read(caseNumber),
          options.deliveries?.forCase(caseNumber) ?? new Map<string, DeliveryStatus>(),
        ]);
        await record(req, principal, { action: 'case.read', caseNumber });
        await desk.reads.markSeen(principal.officerId, caseNumber, clock());
        // Officers are shown by name (their e-mail address), never as bare account ids.
        const officers = await desk.officerNames([
          found.report.assignee,
          ...found.notes.map((note) => note.author),
          ...found.questions.map((question) => question.askedBy),
          ...found.history.map((entry) => entry.actor),
          ...found.reads.readers,
          ...found.history.map((entry) => entry.detail.assignee as string | null | undefined),
        ]);
        const fields = caseFields(found.report);
        const answers = fields.answers as Record<string, unknown>;
        // Where each stored evidence file is kept, beside its name (for the console's evidence list).
        for (const [id, value] of Object.entries(answers)) {
          const attachments = (value as { attachments?: unknown } | null)?.attachments;
          if (!Array.isArray(attachments)) continue;
          answers[id] = {
            ...(value as object),
            attachments: await Promise.all(
              (attachments as { fileId: string | null }[]).map(async (attachment) => ({
                ...attachment,
                location: attachment.fileId
                  ? ((await evidence.keptLocation(caseNumber, attachment.fileId).catch(() => undefined)) ??
                    null)
                  : null,
              })),
            ),
          };
        }
        const questionnaire = await desk.questionnaireOf(found.report);
        res.send(200, {
          case: fields,
          answers: answersInOrder(found.report, questionnaire, lang, config.timeZone),
          notes: found.notes,
          questions: found.questions.map((question) => ({
            ...question,
            delivery: deliveries.get(question.id) ?? null,
          })),
          history: found.history,
          reads: found.reads,
          officers,
          incident: await desk.incidentOf(caseNumber),
          possibleDuplicates: await desk.possibleDuplicates(found.report),
        });
      }),
    );

    server.get(
      '/api/cases/:caseNumber/export',
      handle(async (req, res) => {
        const principal = await authorise(req, 'supervisor');
        const caseNumber = caseNumberOf(req);
        const { lang } = parse(caseExportQuery, req.query);
        const found = await desk.read(caseNumber);
        await record(req, principal, { action: 'case.exported', caseNumber, detail: { format: 'csv' } });
        const names = await desk.officerNames([
          found.report.assignee,
          ...found.notes.map((note) => note.author),
          ...found.questions.map((question) => question.askedBy),
        ]);
        const csv = caseCsv(
          found.report,
          await desk.questionnaireOf(found.report),
          found,
          lang,
          config.timeZone,
          (id) => (id ? (names[id] ?? id) : ''),
        );
        res.sendRaw(200, csv, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${caseNumber}.csv"`,
        });
      }),
    );

    server.patch(
      '/api/cases/:caseNumber',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const body = parse(patchBody, req.body);
        const changed = await desk.update(principal, caseNumber, body);
        await record(req, principal, { action: 'case.updated', caseNumber, detail: changed });
        res.send(200, { case: caseFields((await desk.read(caseNumber)).report) });
      }),
    );

    server.post(
      '/api/cases/:caseNumber/notes',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const { text } = parse(noteBody, req.body);
        const note = await desk.addNote(principal, caseNumber, text);
        await record(req, principal, { action: 'case.noteAdded', caseNumber, detail: { noteId: note.id } });
        res.send(201, { note });
      }),
    );

    server.post(
      '/api/cases/:caseNumber/questions',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const { text } = parse(questionBody, req.body);
        const { question } = await desk.askQuestion(principal, caseNumber, text);
        const questionId = question.id;
        await record(req, principal, { action: 'case.questionAsked', caseNumber, detail: { questionId } });
        // Queuing is one database write; delivery runs in the background and its state shows on the case.
        const delivery = (await options.onQuestion?.(caseNumber, questionId)) ?? null;
        res.send(201, {
          question: {
            id: questionId,
            text: question.text,
            askedAt: question.askedAt,
            askedBy: question.askedBy,
            delivery,
          },
        });
      }),
    );

    server.post(
      '/api/cases/:caseNumber/links',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const { caseNumber: other } = parse(linkBody, req.body);
        const incident = await desk.link(principal, caseNumber, other);
        await record(req, principal, {
          action: 'case.linked',
          caseNumber,
          detail: { with: other, incident },
        });
        await record(req, principal, {
          action: 'case.linked',
          caseNumber: other,
          detail: { with: caseNumber, incident },
        });
        res.send(200, { incident: await desk.incidentOf(caseNumber) });
      }),
    );

    server.del(
      '/api/cases/:caseNumber/links',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const incident = await desk.unlink(principal, caseNumber);
        await record(req, principal, { action: 'case.unlinked', caseNumber, detail: { incident } });
        res.send(204);
      }),
    );

    server.get(
      '/api/cases/:caseNumber/attachments/:fileId',
      handle(async (req, res) => {
        const principal = await authorise(req, 'officer');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const fileId = String((req.params as Record<string, unknown>).fileId);
        const file = await evidence.find(caseNumber, fileId);
        await record(req, principal, { action: 'case.attachmentRead', caseNumber, detail: { fileId } });
        res.writeHead(200, evidenceHeaders(file));
        // Once the status is sent nothing can be answered any more: a broken read only cuts the connection.
        await pipeline(file.download(), res).catch((error: unknown) =>
          logger.warn(
            { caseNumber, fileId, err: { name: (error as Error).name } },
            'evidence download cut off',
          ),
        );
      }),
    );

    server.get(
      '/api/cases/:caseNumber/audit',
      handle(async (req, res) => {
        const principal = await authorise(req, 'supervisor');
        const caseNumber = caseNumberOf(req);
        parse(noQuery, req.query);
        const entries = await desk.auditTrail(caseNumber);
        await record(req, principal, { action: 'case.auditRead', caseNumber });
        res.send(200, {
          entries: entries.map((entry) => ({
            at: entry.at,
            actor: entry.actor,
            role: entry.role ?? null,
            action: entry.action,
            ip: entry.ip ?? null,
            detail: (entry.detail as Record<string, unknown> | undefined) ?? {},
          })),
        });
      }),
    );

    registerAdminRoutes(server, { connection, accounts, retention, tools });
    registerSessionRoutes(server, { accounts, tokens, sessions, tools });
    registerConsole(server);
  }

  return { desk, accounts, tokens, retention, refusals, register, tools };
}
