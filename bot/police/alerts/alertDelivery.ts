import { randomInt, randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { alertCard, type AlertCardContent } from '../../../dialogs/cards/alertCard';
import { resolveLocale } from '../../../dialogs/locales';
import { writtenTexts } from '../../../models/core/alerts';
import {
  AlertDeliveries,
  Alerts,
  type Alert,
  type AlertId,
  type ClaimedAlertDelivery,
  type MemberDelivery,
} from '../../../models/store/alert';
import type { DatabaseConnection } from '../../../models/store/db';
import { PartnerNetwork } from '../../../models/store/partner';
import type { Logger } from '../../logger';
import { deliveryFailure, nextDelayMs } from '../../channels/teams/questionDelivery';
import type { AlertConnector } from './alertConnector';
import type { ErrorCode } from '../../../models/core/errors';

/** The app was removed from the member's Teams, or the user cannot be reached: not retried. */
const CHAT_GONE = new Set([403, 404]);
/** After this many attempts at one member the delivery is given up and counted as failed. */
export const MAX_ALERT_ATTEMPTS = 10;

/** How the alert delivery runs. */
export interface AlertDeliveryOptions {
  connection: DatabaseConnection;
  connector: AlertConnector;
  logger: Logger;
  timeZone: string;
  clock?: () => Date;
  /** Random integer in [0, max) for the jitter. */
  random?: (max: number) => number;
  /** Sends per second into one tenant (Teams allows about 50 per app per tenant). */
  tenantRate?: number;
  /** The absolute, signed link to an alert's photo for its card (none: cards without photos). */
  photoUrl?: (alert: Alert) => string | undefined;
  /** Tenants served at the same time by this instance. */
  concurrency?: number;
  /** How long a claimed tenant entry is held without news before another instance may take it. */
  leaseMs?: number;
}

/** What an alert's card shows; `photoUrl` is the signed link Teams fetches the photo from. */
export function alertCardContent(alert: Alert, photoUrl?: string): AlertCardContent {
  return {
    alertId: alert._id.toHexString(),
    title: writtenTexts(alert.title),
    text: writtenTexts(alert.text),
    originalLocale: alert.originalLocale,
    severity: alert.severity,
    expiresAt: alert.expiresAt,
    asksForSightings: alert.asksForSightings,
    withdrawn: alert.state === 'withdrawn',
    ...(photoUrl ? { photoUrl } : {}),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Delivers alerts into members' personal chats, in the background, from the durable queue (models/store/alert.ts):
 * each instance claims whole tenant entries with a lease, so one instance at a time sends into a tenant and
 * paces itself to the tenant's rate; every member's result is stored as it happens, so a restart (or another
 * instance taking over after a lease) goes on where it stopped. A tenant that answers 429/412/5xx is paused
 * with jittered backoff (at least Retry-After); a member whose app is gone (403/404) is marked, not retried.
 */
export class AlertDelivery {
  readonly queue: AlertDeliveries;
  /** This instance's name in the leases it holds. */
  readonly owner = randomUUID();
  private running: Promise<void> | undefined;
  private stopping = false;
  private readonly nextSendAt = new Map<string, number>();
  private readonly partners: PartnerNetwork;
  private readonly alertStore: Alerts;
  private readonly alerts = new Map<string, { version: number; alert: Alert }>();

  constructor(private readonly options: AlertDeliveryOptions) {
    this.queue = new AlertDeliveries(options.connection, options.clock);
    this.partners = new PartnerNetwork(options.connection);
    this.alertStore = new Alerts(options.connection);
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  /** Starts a pass over the due deliveries unless one is running (or the instance is stopping). */
  kick(): void {
    if (this.stopping) return;
    this.running ??= this.runDue()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: { name: (error as Error).name } }, 'alert delivery pass failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for the pass in progress, if any. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Finishes the sends in flight, gives the claimed tenants back to the queue, and takes no more. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Serves every due tenant entry, `concurrency` at a time. */
  async runDue(): Promise<void> {
    const workers = Array.from({ length: this.options.concurrency ?? 32 }, async () => {
      while (!this.stopping) {
        const claimed = await this.queue.claimDue(this.owner, this.leaseMs);
        if (!claimed) return;
        await this.serve(claimed);
      }
    });
    await Promise.all(workers);
  }

  private async alertAt(alertId: AlertId, version: number): Promise<Alert | undefined> {
    const key = alertId.toHexString();
    const cached = this.alerts.get(key);
    if (cached && cached.version >= version) return cached.alert;
    const alert = await this.alertStore.byId(alertId);
    if (alert) this.alerts.set(key, { version: alert.version, alert });
    if (this.alerts.size > 100) this.alerts.delete(this.alerts.keys().next().value ?? key);
    return alert;
  }

  /** Waits for the tenant's next send slot (spaced evenly, so no second holds more than the rate). */
  private async pace(tenantId: string): Promise<void> {
    // One millisecond more than the even spacing: with exactly 1000/rate, a window of one second that
    // starts on a send also ends on one and holds rate + 1 sends (the stand-in connector saw 51/s).
    const interval = 1000 / (this.options.tenantRate ?? 50) + 1;
    const now = performance.now();
    const slot = Math.max(now, this.nextSendAt.get(tenantId) ?? 0);
    this.nextSendAt.set(tenantId, slot + interval);
    if (this.nextSendAt.size > 10_000) {
      for (const [tenant, at] of this.nextSendAt) if (at < now) this.nextSendAt.delete(tenant);
    }
    if (slot > now) await sleep(slot - now);
  }

  private async serve(entry: ClaimedAlertDelivery): Promise<void> {
    const { logger } = this.options;
    const alert = await this.alertAt(entry.alertId, entry.targetVersion);
    let retryAt: Date | undefined;
    for (let index = 0; index < entry.members.length; index += 1) {
      const member = entry.members[index];
      const send = member.state === 'pending';
      const update =
        member.state === 'delivered' && (member.version ?? 0) < entry.targetVersion && !!member.activityId;
      if (!send && !update) continue;
      if (this.stopping) {
        retryAt = this.now();
        break;
      }
      let next: MemberDelivery;
      if (!alert) {
        next = { ...member, state: 'failed', reason: 'AlertNotFound' satisfies ErrorCode };
      } else if (send && alert.state === 'withdrawn') {
        // Withdrawn before it reached this member: nothing is sent any more.
        next = { ...member, state: 'skipped', reason: 'AlertWithdrawn' satisfies ErrorCode };
      } else {
        const outcome = await this.attempt(entry.tenantId, member, alert, send);
        if (outcome.pause) retryAt = outcome.pause;
        next = outcome.member;
      }
      if (!(await this.queue.saveMember(entry.id, this.owner, index, next, this.leaseMs))) {
        logger.warn(
          { alertId: entry.alertId.toHexString() },
          'alert delivery lease lost; another instance goes on',
        );
        return;
      }
      if (next.state === 'uninstalled') {
        await this.partners.markUninstalled(entry.tenantId, member.aadObjectId, this.now());
      }
      if (retryAt) break;
    }
    await this.queue.release(entry.id, this.owner, retryAt, entry.targetVersion);
  }

  private async attempt(
    tenantId: string,
    member: MemberDelivery,
    alert: Alert,
    send: boolean,
  ): Promise<{ member: MemberDelivery; pause?: Date }> {
    const reference = member.reference as Partial<ConversationReference> & { locale?: string };
    const locale = resolveLocale(reference.locale);
    const card = alertCard(
      alertCardContent(alert, this.options.photoUrl?.(alert)),
      locale,
      this.options.timeZone,
    );
    const attempts = member.attempts + 1;
    await this.pace(tenantId);
    try {
      if (send) {
        const activityId = await this.options.connector.sendCard(reference, card);
        return {
          member: {
            ...member,
            state: 'delivered',
            attempts,
            activityId,
            version: alert.version,
            deliveredAt: this.now(),
            reason: undefined,
          },
        };
      }
      await this.options.connector.updateCard(reference, member.activityId ?? '', card);
      return { member: { ...member, version: alert.version, reason: undefined } };
    } catch (error) {
      const failure = deliveryFailure(error);
      const { reason, retryable } = failure;
      if (failure.status !== undefined && CHAT_GONE.has(failure.status)) {
        // An update that cannot reach a chat any more leaves the card as it was; the member is marked.
        return { member: { ...member, state: send ? 'uninstalled' : member.state, attempts, reason } };
      }
      if (retryable && attempts < MAX_ALERT_ATTEMPTS) {
        const delay = nextDelayMs(attempts, failure.retryAfterMs, this.options.random ?? randomInt);
        return { member: { ...member, attempts, reason }, pause: new Date(this.now().getTime() + delay) };
      }
      return {
        member: {
          ...member,
          state: send ? 'failed' : member.state,
          attempts,
          reason: retryable ? `GAVE_UP: ${reason}` : reason,
        },
      };
    }
  }
}
