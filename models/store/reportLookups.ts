import type { Connection } from 'mongoose';
import type { CaseStatus } from '../core/cases';
import type { ReportChannel } from '../core/channels';
import { reportModel, type Report, type ReportModel } from './report';
import { inCurrentShape } from './reportMigration';

/** A Teams witness's own report as the "My reports" tab lists it. */
export interface TeamsWitnessReport {
  caseNumber: string;
  status: CaseStatus;
  submittedAt: Date;
  /** The officers' questions (asked words only), answered or not. */
  questions: { text: string; answered: boolean }[];
}

/** A question of a case as its delivery to the Teams witness needs it. */
export interface CaseQuestion {
  id: string;
  text: string;
  answered: boolean;
}

/** What delivering an officer's question needs of its case: the witness's language and the questions. */
export interface CaseForDelivery {
  locale: Report['locale'];
  questions: CaseQuestion[];
}

/** A report made from an alert, as the alert's page lists it: numbers and states, no witness text. */
export interface AlertRelatedReport {
  caseNumber: string;
  submittedAt: Date;
  category: unknown;
  urgent: boolean;
  status: CaseStatus;
  organisation: string | null;
}

/** The largest list of a witness's reports the tab shows. */
const MAX_WITNESS_REPORTS = 100;
/** The largest list of reports related to one alert. */
const MAX_RELATED_REPORTS = 1000;

/**
 * The reads of reports the Teams channel and the Shield network make, each named for what it is for, so
 * that those adapters never query the reports collection themselves.
 */
export class ReportLookups {
  private readonly reports: ReportModel;

  constructor(connection: Connection) {
    this.reports = reportModel(connection);
  }

  /** The reports a Teams user submitted under their identity (not the anonymous ones), newest first. */
  async reportsOfTeamsWitness(user: {
    tenantId: string;
    aadObjectId: string;
  }): Promise<TeamsWitnessReport[]> {
    const found = await this.reports
      .find(
        { 'teams.tenantId': user.tenantId, 'teams.aadObjectId': user.aadObjectId },
        { caseNumber: 1, status: 1, submittedAt: 1, questions: 1 },
      )
      .sort({ submittedAt: -1 })
      .limit(MAX_WITNESS_REPORTS)
      .lean();
    return found.map((report) => ({
      caseNumber: report.caseNumber,
      status: report.status,
      submittedAt: report.submittedAt,
      questions: report.questions.map((question) => ({ text: question.text, answered: !!question.answer })),
    }));
  }

  /** The channel a case was reported through, undefined for an unknown case. */
  async channelOfCase(caseNumber: string): Promise<ReportChannel | undefined> {
    const report = await this.reports.findOne({ caseNumber }, { channel: 1 }).lean();
    return report?.channel;
  }

  /** The officer account id a case is assigned to, undefined when unassigned or unknown. */
  async assigneeOfCase(caseNumber: string): Promise<string | undefined> {
    const report = await this.reports.findOne({ caseNumber }, { assignee: 1 }).lean();
    return report?.assignee ?? undefined;
  }

  /** The witness's language and the officers' questions of a case, undefined for an unknown case. */
  async caseForDelivery(caseNumber: string): Promise<CaseForDelivery | undefined> {
    const report = await this.reports.findOne({ caseNumber }, { locale: 1, questions: 1 }).lean();
    if (!report) return undefined;
    return {
      locale: report.locale,
      questions: report.questions.map((question) => ({
        id: question._id.toHexString(),
        text: question.text,
        answered: !!question.answer,
      })),
    };
  }

  /** How many reports were made from an alert ("Report something related"). */
  async countRelatedToAlert(alertId: string): Promise<number> {
    return this.reports.countDocuments({ relatedAlertId: alertId });
  }

  /** The reports made from an alert, newest first. */
  async relatedToAlert(alertId: string): Promise<AlertRelatedReport[]> {
    const found = await this.reports
      .find(
        { relatedAlertId: alertId },
        { caseNumber: 1, submittedAt: 1, answers: 1, category: 1, urgent: 1, status: 1, organisation: 1 },
      )
      .sort({ submittedAt: -1 })
      .limit(MAX_RELATED_REPORTS)
      .lean<Report[]>();
    return found.map(inCurrentShape).map((report) => ({
      caseNumber: report.caseNumber,
      submittedAt: report.submittedAt,
      category: report.answers.category,
      urgent: report.urgent,
      status: report.status,
      organisation: report.organisation ?? null,
    }));
  }
}
