import type { Connection, Types } from 'mongoose';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { caseNumbersOfTeamsUser } from './caseContact';
import { mongoLimiter } from './rateLimits';
import { hashReceiptCode, normaliseReceiptCode, verifyReceiptCode } from './receipt';
import { reportModel, type ReportModel } from './report';

/** What a witness may see of their case: never internal notes or officer names. */
export interface WitnessView {
  caseNumber: string;
  status: 'new' | 'triaged' | 'in_progress' | 'closed';
  openQuestions: { id: string; text: string }[];
}

export type CheckResult = { ok: true; view: WitnessView } | { ok: false; reason: 'mismatch' | 'limited' };

/** The two counters of failed receipt checks: per case number and per source (conversation or user). */
export interface ReceiptLimiters {
  perCase: RateLimiterAbstract;
  perSource: RateLimiterAbstract;
}

// A hash of a code nobody has, verified when the case does not exist, so that an unknown case number takes
// as long to refuse as a wrong code and timing does not tell which part was wrong.
const decoyHash = hashReceiptCode('decoy-receipt-code');

function isBlocked(result: { consumedPoints: number } | null, limiter: RateLimiterAbstract): boolean {
  return result !== null && result.consumedPoints >= limiter.points;
}

/** The witness side of follow-up: checking a case with its receipt code, and answering police questions. */
export class WitnessFollowUp {
  private readonly reports: ReportModel;

  constructor(
    private readonly connection: Connection,
    private readonly limiters: ReceiptLimiters,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.reports = reportModel(connection);
  }

  private view(report: {
    caseNumber: string;
    status: WitnessView['status'];
    questions?: { _id: Types.ObjectId; text: string; answer?: string | null }[] | null;
  }): WitnessView {
    return {
      caseNumber: report.caseNumber,
      status: report.status,
      openQuestions: (report.questions ?? [])
        .filter((question) => !question.answer)
        .map((question) => ({ id: question._id.toHexString(), text: question.text })),
    };
  }

  /** Checks a case number and receipt code; failures are counted per case and per source, and never say which part was wrong. */
  async checkWithReceipt(caseNumber: string, receiptCode: string, source: string): Promise<CheckResult> {
    const caseKey = `case:${caseNumber}`;
    const sourceKey = `source:${source}`;
    const [caseCount, sourceCount] = await Promise.all([
      this.limiters.perCase.get(caseKey),
      this.limiters.perSource.get(sourceKey),
    ]);
    if (isBlocked(caseCount, this.limiters.perCase) || isBlocked(sourceCount, this.limiters.perSource)) {
      return { ok: false, reason: 'limited' };
    }
    const report = await this.reports
      .findOne({ caseNumber }, { caseNumber: 1, status: 1, receiptHash: 1, questions: 1 })
      .lean();
    const matches = await verifyReceiptCode(
      normaliseReceiptCode(receiptCode),
      report?.receiptHash ?? (await decoyHash),
    );
    if (!report || !matches) {
      await Promise.all([
        this.limiters.perCase.penalty(caseKey, 1),
        this.limiters.perSource.penalty(sourceKey, 1),
      ]);
      return { ok: false, reason: 'mismatch' };
    }
    return { ok: true, view: this.view(report) };
  }

  /** The reports a Teams user made (identified by tenant and Entra object id, so no code is needed). */
  async casesOfTeamsUser(tenantId: string, aadObjectId: string): Promise<WitnessView[]> {
    // Anonymous Teams reports carry no Teams identity; their case contact (kept apart) says whose they are.
    const contacts = await caseNumbersOfTeamsUser(this.connection, { tenantId, aadObjectId });
    const reports = await this.reports
      .find(
        {
          $or: [
            { 'teams.tenantId': tenantId, 'teams.aadObjectId': aadObjectId },
            { caseNumber: { $in: contacts } },
          ],
        },
        { caseNumber: 1, status: 1, questions: 1 },
      )
      .sort({ submittedAt: -1 })
      .limit(20)
      .lean();
    return reports.map((report) => this.view(report));
  }

  /** Records the witness's answer to an open question; false if it was already answered or does not exist. */
  async answer(caseNumber: string, questionId: string, answer: string): Promise<boolean> {
    const report = await this.reports.findOne({ caseNumber }, { questions: 1, updatedAt: 1 }).lean();
    const question = report?.questions.find((candidate) => candidate._id.toHexString() === questionId);
    if (!report || !question || question.answer) return false;
    const questions = report.questions.map((candidate) =>
      candidate === question ? { ...candidate, answer, answeredAt: this.clock() } : candidate,
    );
    // Written only if the report is unchanged since it was read (the whole array is replaced, which every
    // MongoDB-compatible server supports, unlike positional updates), so a double submit or an officer's
    // concurrent question cannot be overwritten.
    const updated = await this.reports.updateOne(
      { _id: report._id, updatedAt: report.updatedAt },
      { $set: { questions } },
    );
    return updated.modifiedCount === 1;
  }
}

/** Failed receipt checks allowed per case number, and per source, before checking pauses for an hour. */
export const RECEIPT_ATTEMPTS_PER_CASE = 5;
export const RECEIPT_ATTEMPTS_PER_SOURCE = 10;
export const RECEIPT_ATTEMPTS_COLLECTION = 'receiptAttempts';
const HOUR_SECONDS = 60 * 60;

/** The failed-check counters, in MongoDB so that every service instance counts the same attempts. */
export function receiptLimiters(connection: Connection): ReceiptLimiters {
  const common = { collection: RECEIPT_ATTEMPTS_COLLECTION, durationSeconds: HOUR_SECONDS };
  return {
    perCase: mongoLimiter(connection, { ...common, keyPrefix: 'case', points: RECEIPT_ATTEMPTS_PER_CASE }),
    perSource: mongoLimiter(connection, {
      ...common,
      keyPrefix: 'source',
      points: RECEIPT_ATTEMPTS_PER_SOURCE,
    }),
  };
}
