import { randomInt } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { messagesFor } from '../../../dialogs/locales';
import { findCaseContact, type CaseContact } from '../../../models/store/caseContact';
import {
  findPersonalReference,
  forgetPersonalReference,
  saveConversationReference,
} from '../../../models/store/conversationReference';
import type { DatabaseConnection } from '../../../models/store/db';
import { QuestionDeliveries, type DeliveryStatus } from '../../../models/store/questionDeliveries';
import { ReportLookups } from '../../../models/store/reportLookups';
import type { Logger } from '../../logger';
import type { ShieldAdapter } from '../adapter';
import type { Coded, FailureCode } from '../../../models/core/errors';

/** Statuses Teams asks bots to retry with backoff (its rate-limit guidance), plus 503 and 500 (transient). */
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);
/** The personal chat is gone (the app was removed) or the user cannot be reached there. */
const CHAT_GONE = new Set([403, 404]);
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 10 * 60_000;
/** After this many attempts (about a day with the delays above) the delivery is given up and shown as failed. */
export const MAX_ATTEMPTS = 12;
/** How long one attempt holds its claim before another may take it over (a crashed attempt). */
const LEASE_MS = 2 * 60_000;

/** What delivering into a Teams chat needs from the Bot Framework connector. */
export interface TeamsConnector {
  /** Posts a plain-text message into a conversation. */
  send(reference: Partial<ConversationReference>, text: string): Promise<void>;
  /** Opens (or finds) the personal chat of a Teams user with the bot; returns its reference. */
  openPersonalChat(contact: CaseContact): Promise<Partial<ConversationReference>>;
}

const CONNECTOR_TIMEOUT_MS = 15_000;

/**
 * The Bot Connector REST API (v3) called directly with the bot's token. botbuilder's connector client
 * retries 429 and 5xx inside each call (honouring Retry-After for up to minutes); here every attempt is
 * one request, so the queue decides when to try again and can show the state meanwhile.
 */
export function restConnector(adapter: ShieldAdapter, appId: string): TeamsConnector {
  const post = async (serviceUrl: string, path: string, body: unknown): Promise<unknown> => {
    const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
    const authorization = await adapter.connectorAuthorization(appId, serviceUrl);
    const response = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(CONNECTOR_TIMEOUT_MS),
    });
    if (!response.ok) {
      const header = response.headers.get('retry-after');
      throw new DeliveryError(
        'ConnectorError',
        response.status,
        header === null ? undefined : retryAfterMs(header),
      );
    }
    return response.json().catch(() => ({}));
  };
  return {
    async send(reference, text) {
      const conversationId = reference.conversation?.id;
      if (!reference.serviceUrl || !conversationId) throw new DeliveryError('NoConversation');
      // Plain text: the message carries an officer's words, which must never be read as markup.
      await post(reference.serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
        type: 'message',
        text,
        textFormat: 'plain',
        channelId: 'msteams',
        from: reference.bot,
        recipient: reference.user,
        conversation: reference.conversation,
      });
    },
    async openPersonalChat(contact) {
      const bot = { id: `28:${appId}`, name: '' };
      const created = (await post(contact.serviceUrl, 'v3/conversations', {
        isGroup: false,
        bot,
        members: [{ id: contact.userId, aadObjectId: contact.aadObjectId }],
        tenantId: contact.tenantId,
        channelData: { tenant: { id: contact.tenantId } },
      })) as { id?: unknown };
      if (typeof created.id !== 'string' || !created.id) throw new DeliveryError('NoConversationCreated');
      return {
        channelId: 'msteams',
        serviceUrl: contact.serviceUrl,
        bot,
        user: { id: contact.userId, name: '', aadObjectId: contact.aadObjectId },
        conversation: {
          id: created.id,
          isGroup: false,
          conversationType: 'personal',
          tenantId: contact.tenantId,
          name: '',
        },
      };
    },
  };
}

/** Prefixes the last reason of a delivery that was retried until it gave up. */
const GAVE_UP: FailureCode = 'GaveUp';

/** The codes a delivery to Teams fails with (catalogued in models/core/errors.ts). */
export type DeliveryFailure = Coded<
  | 'ConnectorError'
  | 'ConnectorUnreachable'
  | 'NoConversation'
  | 'NoConversationCreated'
  | 'QuestionNotFound'
  | 'NoTeamsContact'
  | 'PersonalChatNotOpened'
>;

/** A delivery problem with a stable code (what the case view shows as the reason). */
export class DeliveryError extends Error {
  constructor(
    readonly code: DeliveryFailure,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(code);
    this.name = 'DeliveryError';
  }
}

/** The HTTP status and Retry-After of a connector error, if it carries them. */
export function connectorFailure(error: unknown): { status?: number; retryAfterMs?: number } {
  return error instanceof DeliveryError ? { status: error.status, retryAfterMs: error.retryAfterMs } : {};
}

/** What a failed send says: its status and Retry-After, the reason to record, and whether to try again. */
export function deliveryFailure(error: unknown): {
  status?: number;
  retryAfterMs?: number;
  reason: string;
  retryable: boolean;
} {
  const failure = connectorFailure(error);
  const code = error instanceof DeliveryError ? error.code : 'ConnectorUnreachable';
  const reason = failure.status ? `${code} (HTTP ${failure.status})` : code;
  // An unreachable connector (no status) is transient too; a known refusal is not.
  const retryable =
    failure.status === undefined ? !(error instanceof DeliveryError) : RETRYABLE.has(failure.status);
  return { ...failure, reason, retryable };
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
function retryAfterMs(header: string, now = Date.now()): number | undefined {
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before attempt `attempts + 1`: exponential backoff with full jitter, at least Retry-After. */
export function nextDelayMs(
  attempts: number,
  retryAfter: number | undefined,
  random: (max: number) => number,
) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = ceiling / 2 + random(Math.max(1, Math.floor(ceiling / 2)));
  return Math.min(MAX_DELAY_MS, Math.max(jittered, retryAfter ?? 0));
}

/**
 * Delivers officers' questions to Teams witnesses, in the background: the case API only queues them (in
 * MongoDB, so a restart loses nothing), and `runDue` attempts the due ones. Questions go only into the
 * witness's personal chat with the bot (opened through the connector if none is known), never to a group
 * chat or channel. Failures are retried with backoff and end as "failed" with a reason on the case; they
 * never reach the witness, and never the turn error handler.
 */
export class QuestionDelivery {
  readonly queue: QuestionDeliveries;
  private readonly reports: ReportLookups;
  private running: Promise<void> | undefined;

  constructor(
    private readonly options: {
      connection: DatabaseConnection;
      connector: TeamsConnector;
      logger: Logger;
      clock?: () => Date;
      /** Random integer in [0, max) for the jitter (tests make it fixed). */
      random?: (max: number) => number;
    },
  ) {
    this.queue = new QuestionDeliveries(options.connection, options.clock);
    this.reports = new ReportLookups(options.connection);
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  /** Queues a question if the case came from Teams; undefined for a web case (seen at the status check). */
  async enqueue(caseNumber: string, questionId: string): Promise<DeliveryStatus | undefined> {
    if ((await this.reports.channelOfCase(caseNumber)) !== 'msteams') return undefined;
    const status = await this.queue.enqueue(caseNumber, questionId);
    this.kick();
    return status;
  }

  /** Starts a pass over the due deliveries unless one is running. */
  kick(): void {
    this.running ??= this.runDue()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: { name: (error as Error).name } }, 'question delivery pass failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for the pass in progress, if any (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Attempts every delivery that is due now. */
  async runDue(): Promise<void> {
    for (;;) {
      const claimed = await this.queue.claimDue(LEASE_MS);
      if (!claimed) return;
      await this.attempt(claimed.caseNumber, claimed.questionId, claimed.attempts);
    }
  }

  private async attempt(caseNumber: string, questionId: string, attempts: number): Promise<void> {
    const { logger } = this.options;
    try {
      await this.deliver(caseNumber, questionId);
      await this.queue.delivered(questionId);
      logger.info({ caseNumber, questionId, attempts }, 'question delivered to Teams');
    } catch (error) {
      const failure = deliveryFailure(error);
      const { reason, retryable } = failure;
      if (retryable && attempts < MAX_ATTEMPTS) {
        const delay = nextDelayMs(attempts, failure.retryAfterMs, this.options.random ?? randomInt);
        await this.queue.retryAt(questionId, new Date(this.now().getTime() + delay), reason);
        logger.warn(
          { caseNumber, questionId, attempts, status: failure.status },
          'question delivery retried later',
        );
      } else {
        await this.queue.failed(questionId, retryable ? `${GAVE_UP}: ${reason}` : reason);
        logger.warn({ caseNumber, questionId, attempts, status: failure.status }, 'question delivery failed');
      }
    }
  }

  private async deliver(caseNumber: string, questionId: string): Promise<void> {
    const { connection, connector } = this.options;
    const report = await this.reports.caseForDelivery(caseNumber);
    const question = report?.questions.find((candidate) => candidate.id === questionId);
    if (!report || !question) throw new DeliveryError('QuestionNotFound');
    if (question.answered) return;
    const contact = await findCaseContact(connection, caseNumber);
    if (!contact) throw new DeliveryError('NoTeamsContact');
    const user = { tenantId: contact.tenantId, aadObjectId: contact.aadObjectId };
    const m = messagesFor(report.locale);
    const text = `${m.status.question(question.text)}\n\n${m.status.answerInTeams}`;
    const known = (await findPersonalReference(connection, user)) as
      Partial<ConversationReference> | undefined;
    if (known && isPersonal(known)) {
      try {
        await connector.send(known, text);
        return;
      } catch (error) {
        // The personal chat is gone (the app was removed and added again): open a new one below.
        if (!CHAT_GONE.has(connectorFailure(error).status ?? 0)) throw error;
        await forgetPersonalReference(connection, user);
      }
    }
    let opened: Partial<ConversationReference>;
    try {
      opened = await connector.openPersonalChat(contact);
    } catch (error) {
      const failure = connectorFailure(error);
      if (failure.status !== undefined && !RETRYABLE.has(failure.status)) {
        throw new DeliveryError('PersonalChatNotOpened', failure.status);
      }
      throw error;
    }
    await saveConversationReference(connection, user, opened, { personal: true });
    await connector.send(opened, text);
  }
}

function isPersonal(reference: Partial<ConversationReference>): boolean {
  return reference.conversation?.conversationType === 'personal' && reference.conversation.isGroup !== true;
}
