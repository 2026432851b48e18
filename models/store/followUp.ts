import type { Connection, Types } from 'mongoose';
import { attemptGuard, type AttemptGuard } from './attemptGuard';
import { caseNumbersOfTeamsUser } from './caseContact';
import { hashReceiptCode, normaliseReceiptCode, verifyReceiptCode } from '../core/receipt';
import { reportModel, type ReportModel } from './report';

/** What a witness may see of their case: never internal notes or officer names. */
export interface WitnessView {
  caseNumber: string;
  status: 'new' | 'triaged' | 'in_progress' | 'closed';
  openQuestions: { id: string; text: string }[];
}

export type CheckResult = { ok: true; view: WitnessView } | { ok: false; reason: 'mismatch' | 'limited' };

// A hash of a code nobody has, verified when the case does not exist, so that an unknown case number takes
// as long to refuse as a wrong code and timing does not tell which part was wrong.
const decoyHash = hashReceiptCode('decoy-receipt-code');

/** The witness side of follow-up: checking a case with its receipt code, and answering police questions. */
export class WitnessFollowUp {
  private readonly reports: ReportModel;

  constructor(
    private readonly connection: Connection,
    private readonly guard: AttemptGuard,
    private readonly clock: () => Date = () => new Date(),
    /** Called once an answer is stored (the assigned officer is told in Teams); its failure loses nothing. */
    private readonly onAnswered?: (caseNumber: string, questionId: string) => Promise<unknown>,
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

  /**
   * Checks a case number and receipt code from a client (who is asking: see StatusDialog). Failures are
   * counted per (case, client) and per client, never per case alone, so a stranger's guesses never refuse
   * the witness's own code; the answer never says which part was wrong.
   */
  async checkWithReceipt(caseNumber: string, receiptCode: string, client: string): Promise<CheckResult> {
    // Reserved before the code's hash is computed, so a burst of guesses cannot outrun the count.
    const admission = await this.guard.admit(`case:${caseNumber}`, client);
    if (!admission.admitted) return { ok: false, reason: 'limited' };
    const report = await this.reports
      .findOne({ caseNumber }, { caseNumber: 1, status: 1, receiptHash: 1, questions: 1 })
      .lean();
    const matches = await verifyReceiptCode(
      normaliseReceiptCode(receiptCode),
      report?.receiptHash ?? (await decoyHash),
    );
    if (!report || !matches) return { ok: false, reason: 'mismatch' };
    await this.guard.succeeded(admission.ticket);
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
    if (updated.modifiedCount !== 1) return false;
    if (this.onAnswered) await this.onAnswered(caseNumber, questionId).catch(() => undefined);
    return true;
  }
}

/**
 * Receipt checks: per (case, client) the first few failures are free and each further one doubles the wait
 * before the next; per client at most this many failures an hour, whatever the case.
 */
export const RECEIPT_FREE_ATTEMPTS = 5;
export const RECEIPT_FAILURES_PER_CLIENT = 10;
export const RECEIPT_ATTEMPTS_COLLECTION = 'receiptAttempts';
const HOUR_SECONDS = 60 * 60;

/** The receipt check's guard, its counters in MongoDB so that every service instance counts the same attempts. */
export function receiptGuard(connection: Connection): AttemptGuard {
  return attemptGuard(connection, {
    collection: RECEIPT_ATTEMPTS_COLLECTION,
    failuresPerClient: RECEIPT_FAILURES_PER_CLIENT,
    clientWindowSeconds: HOUR_SECONDS,
    pairMemorySeconds: 24 * HOUR_SECONDS,
    policy: { freeAttempts: RECEIPT_FREE_ATTEMPTS, firstDelaySeconds: 30, maxDelaySeconds: HOUR_SECONDS },
  });
}
