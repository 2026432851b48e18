import { AuditTrail, CASE_CHANGES, CASE_READS, type AuditEntry } from '../../../models/store/audit';
import { CaseFiles, questionView, type StoredReport } from '../../../models/store/caseFiles';
import { CaseNotes } from '../../../models/store/caseNote';
import { CaseReads } from '../../../models/store/caseReads';
import type { DatabaseConnection } from '../../../models/store/db';
import { Incidents } from '../../../models/store/incident';
import type { OfficerAccounts } from '../../../models/store/officer';
import { QuestionnaireArchive } from '../../../models/store/questionnaireArchive';
import {
  caseBrief,
  caseListEntry,
  duplicateSearch,
  historyLine,
  likelyDuplicates,
  mayLink,
  mayWork,
  mustBeOpen,
  planCaseChange,
  readsSummary,
  type CaseChange,
  type CaseChanged,
  type CaseCursor,
  type CaseFilter,
  type SortOrder,
} from '../../../models/core/caseDesk';
import { CURRENT_QUESTIONNAIRE, type QuestionnaireSpec } from '../../../models/core/questionnaire';
import { ServiceError } from '../../../models/core/errors';
import type { Principal } from './auth';

/**
 * The police side of cases: listing, reading and working them. Every call is authorised here, by the rules
 * of models/core/caseDesk.ts, on the repositories of models/store.
 */
export class CaseDesk {
  /** The case files (the reports, as the police side reads and works them). */
  readonly files: CaseFiles;
  /** The officers' internal notes. */
  readonly notes: CaseNotes;
  /** Each officer's read state, for the unread-answer marks. */
  readonly reads: CaseReads;
  /** Related reports linked into one incident. */
  readonly incidents: Incidents;
  /** The questionnaires of stored reports, by hash. */
  readonly archive: QuestionnaireArchive;

  constructor(
    connection: DatabaseConnection,
    readonly audit: AuditTrail,
    private readonly accounts: OfficerAccounts,
    private readonly clock: () => Date = () => new Date(),
    archive?: QuestionnaireArchive,
  ) {
    this.archive = archive ?? new QuestionnaireArchive(connection);
    this.files = new CaseFiles(connection, this.archive);
    this.notes = new CaseNotes(connection);
    this.reads = new CaseReads(connection);
    this.incidents = new Incidents(connection, clock);
  }

  /** The indexes of the collections the desk reads (cases and notes). */
  async ensureIndexes(): Promise<void> {
    await Promise.all([this.files.ensureIndexes(), this.notes.ensureIndexes()]);
  }

  /** Links a case with another into one incident (the officer must be allowed to work the first). */
  async link(principal: Principal, caseNumber: string, other: string): Promise<string> {
    mayLink(caseNumber, other);
    const report = await this.find(caseNumber);
    mayWork(principal, report);
    await this.find(other);
    return this.incidents.link(caseNumber, other, principal.officerId);
  }

  /** Takes a case out of its incident. */
  async unlink(principal: Principal, caseNumber: string): Promise<string> {
    const report = await this.find(caseNumber);
    mayWork(principal, report);
    const left = await this.incidents.unlink(caseNumber);
    if (!left) throw new ServiceError('NotLinked', 'The case is not linked to an incident.');
    return left;
  }

  /** The cases of the incident a case belongs to (itself included), each in brief, to work them as one. */
  async incidentOf(caseNumber: string) {
    const incident = await this.incidents.of(caseNumber);
    if (!incident) return null;
    const members = await this.incidents.members(incident);
    const reports = await this.files.byCaseNumbers(members);
    const byNumber = new Map(reports.map((report) => [report.caseNumber, report]));
    return {
      id: incident,
      cases: members.flatMap((member) => {
        const report = byNumber.get(member);
        return report ? [caseBrief(report)] : [];
      }),
    };
  }

  /**
   * Reports that may be about the same thing: the same category, a time within a window of this one's, and
   * place descriptions that share most of their words (or are the same). Not those already linked with it.
   */
  async possibleDuplicates(report: StoredReport, windowHours = 24, limit = 5) {
    const linked = new Set(
      (await this.incidentOf(report.caseNumber))?.cases.map((entry) => entry.caseNumber) ?? [],
    );
    const candidates = await this.files.sameKindNear(duplicateSearch(report, windowHours));
    return likelyDuplicates(report, candidates, linked, limit).map(caseBrief);
  }

  /** Display names (the e-mail address) of officer accounts, by id; an id without an account is left out. */
  officerNames(ids: Iterable<string | null | undefined>): Promise<Record<string, string>> {
    return this.accounts.displayNames(ids);
  }

  private async find(caseNumber: string): Promise<StoredReport> {
    const report = await this.files.byCaseNumber(caseNumber);
    if (!report) throw new ServiceError('CaseNotFound', 'There is no case with that number.');
    return report;
  }

  /** The questionnaire a report was asked with (its archived copy); today's if the copy is missing. */
  async questionnaireOf(report: StoredReport): Promise<QuestionnaireSpec> {
    return (await this.archive.find(report.questionnaireHash)) ?? CURRENT_QUESTIONNAIRE;
  }

  /** One page of cases, and the cursor of the next page if there is one. */
  async list(filter: CaseFilter, order: SortOrder, limit: number, cursor?: CaseCursor, viewer?: string) {
    const { cases, next } = await this.files.search(filter, order, limit, cursor);
    const seen = viewer
      ? await this.reads.seenAt(
          viewer,
          cases.map((report) => report.caseNumber),
        )
      : new Map<string, Date>();
    return { cases: cases.map((report) => caseListEntry(report, seen.get(report.caseNumber))), next };
  }

  /** Every matching case, for an export; refuses more than `cap` rather than cutting the list short. */
  async exportRows(filter: CaseFilter, cap: number): Promise<StoredReport[]> {
    const reports = await this.files.allMatching(filter, cap);
    if (!reports)
      throw new ServiceError('ExportTooLarge', `More than ${cap} cases match; narrow the filters.`);
    return reports;
  }

  /** A case with its notes, questions and history. */
  async read(caseNumber: string) {
    const report = await this.find(caseNumber);
    const [notes, history, reads] = await Promise.all([
      this.notes.forCase(caseNumber),
      this.audit.forCase(caseNumber, CASE_CHANGES),
      this.audit.forCase(caseNumber, CASE_READS),
    ]);
    return {
      report,
      reads: readsSummary(reads),
      notes,
      questions: (report.questions ?? []).map(questionView),
      history: history.map(historyLine),
    };
  }

  /** Moves a case along the workflow and/or (supervisors) assigns it. Returns what changed, for the audit trail. */
  async update(principal: Principal, caseNumber: string, change: CaseChange): Promise<CaseChanged> {
    const report = await this.find(caseNumber);
    const plan = planCaseChange(principal, report, change, this.clock());
    const assignee = plan.kind === 'set' ? plan.set.assignee : undefined;
    if (assignee !== undefined && assignee !== null && !(await this.accounts.byId(assignee))) {
      throw new ServiceError('UnknownAssignee', 'There is no officer account with that id.');
    }
    // Only if nobody moved the case meanwhile: two officers cannot both take the same step.
    const written =
      plan.kind === 'reopen' ? await this.files.reopen(report) : await this.files.change(report, plan.set);
    if (!written) throw new ServiceError('ChangedMeanwhile', 'The case was changed meanwhile; reload it.');
    return plan.changed;
  }

  /** Adds an internal note (never shown to the witness). */
  async addNote(principal: Principal, caseNumber: string, text: string) {
    const report = await this.find(caseNumber);
    mayWork(principal, report);
    return this.notes.add({ caseNumber, text, author: principal.officerId, at: this.clock() });
  }

  /** Adds a question for the witness, who sees it when checking the case (or, in Teams, as a message). */
  async askQuestion(principal: Principal, caseNumber: string, text: string) {
    const report = await this.find(caseNumber);
    mayWork(principal, report);
    mustBeOpen(report);
    const question = await this.files.addQuestion(report, {
      text,
      askedAt: this.clock(),
      askedBy: principal.officerId,
    });
    return { report, question };
  }

  /** The full audit trail of a case. */
  async auditTrail(caseNumber: string): Promise<AuditEntry[]> {
    await this.find(caseNumber);
    return this.audit.forCase(caseNumber);
  }
}
