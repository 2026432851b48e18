import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { bounded } from '../models/store/db';
import type { CheckResult, WitnessView } from '../models/store/followUp';
import { normaliseCrockford } from '../models/core/receipt';
import { isWord } from './commands';
import { messagesFor, type Locale, type Messages } from './locales';
import { teamsIdentity } from './teamsIdentity';
import { cleanText, validateText } from './validators';

export const STATUS_DIALOG = 'statusDialog';

/**
 * The turn-state key under which a channel of this service names the client a witness writes from (the
 * self-hosted web chat: a keyed hash of the client address). Only the service sets turn state, so, unlike
 * anything in the activity, a caller cannot choose it.
 */
export const WITNESS_CLIENT = Symbol('witnessClient');

/**
 * Who is checking a receipt, for counting failed checks: the client address the channel vouches for (web
 * chat), otherwise the channel's user (in Teams the Entra user, whom the Bot Connector vouches for). Not the
 * conversation: anyone can open another one, so counting by conversation would slow nobody down.
 */
export function witnessClient(context: TurnContext): string {
  const vouched: unknown = context.turnState.get(WITNESS_CLIENT);
  if (typeof vouched === 'string') return vouched;
  const activity = context.activity;
  if (activity.channelId === 'msteams' && activity.from?.aadObjectId) {
    return `msteams:${activity.from.aadObjectId}`;
  }
  return `${activity.channelId}:${activity.from?.id ?? 'unknown'}`;
}

/** What the status check needs: the witness side of follow-up (models/store/followUp.ts). */
export interface StatusDialogDeps {
  followUp: {
    checkWithReceipt(caseNumber: string, receiptCode: string, client: string): Promise<CheckResult>;
    casesOfTeamsUser(tenantId: string, aadObjectId: string): Promise<WitnessView[]>;
    answer(caseNumber: string, questionId: string, answer: string): Promise<boolean>;
  };
}

interface PendingQuestion {
  caseNumber: string;
  id: string;
  text: string;
}

interface StatusState {
  locale: Locale;
  stage: 'caseNumber' | 'receipt' | 'answer';
  caseNumber?: string;
  queue: PendingQuestion[];
}

const ANSWER_LIMIT = 4000;
/** How long a status lookup waits for the database before the witness is asked to try again later. */
const LOOKUP_TIMEOUT_MS = 2_000;

/** The database did not answer: the witness is told plainly to try again in a few minutes. */
class LookupUnavailable extends Error {
  constructor() {
    super('status lookup unavailable');
    this.name = 'LookupUnavailable';
  }
}

async function lookup<T>(work: Promise<T>): Promise<T> {
  try {
    return await bounded(work, LOOKUP_TIMEOUT_MS);
  } catch {
    throw new LookupUnavailable();
  }
}

/**
 * A case number as typed ("sr 7kq2m x9d4t", "SR-7KQ2M-X9D4T", "sr–7kq2m–x9d4t") in its canonical form, or
 * undefined. Case, spaces and any dashes do not count, and O, I and L read as 0, 1 and 1: the case number
 * uses the receipt code's alphabet, which has none of those letters.
 */
export function canonicalCaseNumber(text: string): string | undefined {
  const match = /^SR([0-9A-Z]{10})$/.exec(text.toUpperCase().replace(/[^0-9A-Z]/g, ''));
  if (!match) return undefined;
  const body = normaliseCrockford(match[1]);
  return `SR-${body.slice(0, 5)}-${body.slice(5)}`;
}

/**
 * "Check a report": a witness (anonymous too) sees the status of their case and answers open police
 * questions. On the web the case number and receipt code prove it is theirs; in Teams their identity does.
 */
export class StatusDialog extends Dialog<{ locale: Locale }> {
  constructor(private readonly deps: StatusDialogDeps) {
    super(STATUS_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: { locale: Locale }): Promise<DialogTurnResult> {
    const state: StatusState = { locale: options?.locale ?? 'en', stage: 'caseNumber', queue: [] };
    dc.activeDialog!.state = state;
    const m = messagesFor(state.locale);
    const activity = dc.context.activity;
    const teams = teamsIdentity(activity);
    if (teams?.tenantId && teams.aadObjectId) {
      let cases: WitnessView[];
      try {
        cases = await lookup(this.deps.followUp.casesOfTeamsUser(teams.tenantId, teams.aadObjectId));
      } catch {
        await dc.context.sendActivity(m.status.unavailable);
        return dc.endDialog();
      }
      if (cases.length === 0) {
        await dc.context.sendActivity(m.status.noCases);
        return dc.endDialog();
      }
      return this.show(dc, state, cases);
    }
    await dc.context.sendActivity(m.status.askCaseNumber);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as StatusState;
    const m = messagesFor(state.locale);
    const text = cleanText(dc.context.activity.text ?? '');
    if (isWord(text, 'cancel')) {
      await dc.context.sendActivity(m.status.cancelled);
      return dc.endDialog();
    }
    switch (state.stage) {
      case 'caseNumber': {
        const caseNumber = canonicalCaseNumber(text);
        if (!caseNumber) {
          await dc.context.sendActivity(m.status.badCaseNumber);
          return Dialog.EndOfTurn;
        }
        state.caseNumber = caseNumber;
        state.stage = 'receipt';
        await dc.context.sendActivity(m.status.askReceipt);
        return Dialog.EndOfTurn;
      }
      case 'receipt': {
        let result: CheckResult;
        try {
          result = await lookup(
            this.deps.followUp.checkWithReceipt(state.caseNumber ?? '', text, witnessClient(dc.context)),
          );
        } catch {
          await dc.context.sendActivity(m.status.unavailable);
          return dc.endDialog();
        }
        if (!result.ok) {
          await dc.context.sendActivity(result.reason === 'limited' ? m.status.limited : m.status.mismatch);
          return dc.endDialog();
        }
        return this.show(dc, state, [result.view]);
      }
      case 'answer':
        return this.takeAnswer(dc, state, m, text);
    }
  }

  private async show(dc: DialogContext, state: StatusState, cases: WitnessView[]): Promise<DialogTurnResult> {
    const m = messagesFor(state.locale);
    await dc.context.sendActivity(
      cases.map((view) => m.status.current(view.caseNumber, m.status.states[view.status])).join('\n'),
    );
    state.queue = cases.flatMap((view) =>
      view.openQuestions.map((question) => ({
        caseNumber: view.caseNumber,
        id: question.id,
        text: question.text,
      })),
    );
    return this.askNext(dc, state, m);
  }

  private async askNext(dc: DialogContext, state: StatusState, m: Messages): Promise<DialogTurnResult> {
    const next = state.queue[0];
    if (!next) {
      await dc.context.sendActivity(m.status.noQuestions);
      return dc.endDialog();
    }
    state.stage = 'answer';
    // The officer's question is shown as plain text, never as markdown.
    await dc.context.sendActivity({
      type: 'message',
      text: `${m.status.question(next.text)}\n${m.status.answerPrompt}`,
      textFormat: 'plain',
    });
    return Dialog.EndOfTurn;
  }

  private async takeAnswer(
    dc: DialogContext,
    state: StatusState,
    m: Messages,
    text: string,
  ): Promise<DialogTurnResult> {
    const question = state.queue[0];
    if (!question) return dc.endDialog();
    if (isWord(text, 'skip')) {
      await dc.context.sendActivity(m.status.later);
      return dc.endDialog();
    }
    const checked = validateText(text, { maxLength: ANSWER_LIMIT });
    if (!checked.ok) {
      await dc.context.sendActivity(
        checked.reason === 'tooLong'
          ? m.engine.invalid.tooLong(ANSWER_LIMIT, text.length)
          : m.engine.invalid.empty,
      );
      return Dialog.EndOfTurn;
    }
    try {
      await lookup(this.deps.followUp.answer(question.caseNumber, question.id, checked.value));
    } catch {
      // The question stays open: the witness can send the answer again, or "skip" it.
      await dc.context.sendActivity(m.status.unavailable);
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(m.status.answered);
    state.queue.shift();
    if (state.queue.length === 0) return dc.endDialog();
    return this.askNext(dc, state, m);
  }
}
