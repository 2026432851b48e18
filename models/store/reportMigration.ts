// Reports stored before answers were keyed by question id had one typed field per answer (`account`,
// `reporter.name`, `consentAt`...) and `questionnaireVersion: 1`. This module is the one place that knows
// that shape: it reads such a report as the current shape (answers by question id, with the hash of the
// frozen version-1 questionnaire) and rewrites the stored ones, once, at start-up.
import type { Connection, mongo } from 'mongoose';
import { QUESTIONNAIRE_V1 } from '../core/questionnaireV1';
import { QUESTIONNAIRE_V1_HASH, type QuestionnaireArchive, type ReportAnswers } from './questionnaireArchive';

/** The fields of the old shape that now live in `answers`. */
export const LEGACY_ANSWER_FIELDS = [
  'category',
  'account',
  'when',
  'ongoing',
  'place',
  'placeDetail',
  'people',
  'vehicles',
  'suspicious',
  'attachments',
  'links',
  'witnesses',
  'reporter',
  'consentAt',
  'questionnaireVersion',
] as const;

type Legacy = Record<string, unknown>;

function defined(entries: [string, unknown][]): ReportAnswers {
  const answers: ReportAnswers = {};
  for (const [id, value] of entries)
    if (value !== undefined && value !== null && value !== '') answers[id] = value;
  return answers;
}

/** The answers of a report in the old shape, keyed by the version-1 question ids. */
export function legacyAnswers(report: Legacy): ReportAnswers {
  const reporter = (report.reporter ?? {}) as Record<string, unknown>;
  const attachments = (report.attachments as unknown[] | undefined) ?? [];
  const links = (report.links as unknown[] | undefined) ?? [];
  return defined([
    ['urgent', report.urgent],
    ['category', report.category],
    ['account', report.account],
    ['when', report.when],
    ['ongoing', report.ongoing],
    ['place', report.place],
    ['placeDetail', report.placeDetail],
    ['people', report.people],
    ['vehicles', report.vehicles],
    ['suspicious', report.suspicious],
    ['evidence', attachments.length > 0 || links.length > 0 ? { attachments, links } : undefined],
    ['witnesses', report.witnesses],
    ['anonymous', reporter.anonymous],
    ['contactName', reporter.name],
    ['contactPhone', reporter.phone],
    ['contactEmail', reporter.email],
    ['organisation', reporter.organisation],
    ['preferredContact', reporter.preferredContact],
    ['consent', report.consentAt],
  ]);
}

/** Whether a stored report (or an outbox record) is in the old shape. */
export function isLegacyReport(report: object): boolean {
  return !('answers' in report) || (report as { answers?: unknown }).answers === undefined;
}

/** A report in the current shape: a current one as it is, an old one with its answers keyed by question id. */
export function inCurrentShape<T extends object>(
  report: T,
): T & { answers: ReportAnswers; questionnaireHash: string } {
  if (!isLegacyReport(report)) return report as T & { answers: ReportAnswers; questionnaireHash: string };
  const current: Legacy = { ...(report as Legacy) };
  const answers = legacyAnswers(current);
  for (const field of LEGACY_ANSWER_FIELDS) delete current[field];
  return { ...(current as T), answers, questionnaireHash: QUESTIONNAIRE_V1_HASH };
}

const BATCH = 200;

/**
 * Rewrites every stored report still in the old shape to the current one and archives the version-1
 * questionnaire they point to. Idempotent: a report once rewritten has `answers` and is left alone, and a
 * rewrite applies only while the report still has none. Returns how many reports it rewrote.
 */
export async function migrateReports(connection: Connection, archive: QuestionnaireArchive): Promise<number> {
  const reports = connection.collection<Legacy>('reports');
  const legacy = { answers: { $exists: false } };
  if ((await reports.countDocuments(legacy)) === 0) return 0;
  await archive.archive(QUESTIONNAIRE_V1);
  let rewritten = 0;
  for (;;) {
    const batch = await reports.find(legacy).limit(BATCH).toArray();
    if (batch.length === 0) return rewritten;
    const operations: mongo.AnyBulkWriteOperation<Legacy>[] = batch.map((report) => ({
      updateOne: {
        filter: { _id: report._id, answers: { $exists: false } },
        update: {
          $set: { answers: legacyAnswers(report), questionnaireHash: QUESTIONNAIRE_V1_HASH },
          $unset: Object.fromEntries(LEGACY_ANSWER_FIELDS.map((field) => [field, ''])),
        },
      },
    }));
    const result = await reports.bulkWrite(operations, { ordered: false });
    rewritten += result.modifiedCount;
    // Nothing rewritten although reports matched: another instance is at it, or the server refused; stop
    // rather than read the same batch again (a later start-up finishes).
    if (result.modifiedCount === 0) return rewritten;
  }
}
