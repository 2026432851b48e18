import { TurnContext } from 'botbuilder';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { alertInLanguage, parseAlertSubmit } from '../../../dialogs/cards/alertCard';
import { resolveLocale, type Locale } from '../../../dialogs/locales';
import { alertMessagesFor, type AlertMessages } from '../../../dialogs/locales/alertMessages';
import { RELATED_ALERT, type RelatedAlert } from '../../../dialogs/relatedAlert';
import { LOCALES } from '../../../dialogs/locales';
import { simplify } from '../../../dialogs/validators';
import { isCurrent } from '../../../models/core/alerts';
import { AlertDeliveries, alertIdFrom, Alerts } from '../../../models/store/alert';
import type { AuditTrail } from '../../../models/store/audit';
import { bounded, type DatabaseConnection } from '../../../models/store/db';
import { looksLikeInvitation, type Invitations } from '../../../models/store/invitation';
import { PartnerNetwork, SECTORS, type Sector } from '../../../models/store/partner';
import { isPersonalChat, tenantOf } from '../../channels/teams/teamsGate';
import { alertCardContent } from './alertDelivery';
import { publicAppealsFor, type PublicAppeals } from './publicAppeals';
import type { Logger } from '../../logger';

/** What the Shield network's part of a Teams turn needs. */
export interface AlertTurnDeps {
  connection: DatabaseConnection;
  invitations: Invitations;
  audit: AuditTrail;
  logger: Logger;
  clock?: () => Date;
  /** Invitation attempts per tenant per 10 minutes (in this instance). */
  invitationAttempts?: number;
  /** How long an alert button or command waits for the database. */
  databaseTimeoutMs?: number;
}

type CommandKind = keyof AlertMessages['commands'];
const COMMAND_WORDS = new Map<string, CommandKind>();
for (const locale of LOCALES) {
  for (const [kind, words] of Object.entries(alertMessagesFor(locale).commands) as [
    CommandKind,
    string[],
  ][]) {
    for (const word of words) COMMAND_WORDS.set(simplify(word), kind);
  }
}

/** A member's alert command ("mute 3", "stumm 3", "leave alerts"...), in any of the four languages. */
export function alertCommandOf(text: string): { kind: CommandKind; argument: string } | undefined {
  const simple = simplify(text);
  const whole = COMMAND_WORDS.get(simple);
  if (whole) return { kind: whole, argument: '' };
  const [first, ...rest] = simple.split(' ');
  const kind = COMMAND_WORDS.get(first ?? '');
  if ((kind === 'mute' || kind === 'unmute') && rest.length > 0) return { kind, argument: rest.join(' ') };
  return undefined;
}

function sectorNamed(argument: string, sectors: readonly Sector[]): Sector | undefined {
  const number = Number(argument);
  if (Number.isInteger(number) && number >= 1 && number <= sectors.length) return sectors[number - 1];
  const simple = simplify(argument);
  return SECTORS.find(
    (sector) =>
      simplify(sector) === simple ||
      LOCALES.some((locale) => simplify(alertMessagesFor(locale).sectors[sector]) === simple),
  );
}

/**
 * The Shield network in the Teams personal chat: invitation codes typed by anyone (before the tenant check,
 * since the tenant is not a partner yet), then, for members, the alert card's buttons and the alert
 * settings commands. Every step answers the turn itself, except "Report something related", which hands
 * the alert to the report dialog.
 */
export class AlertTurns {
  private readonly limiter: RateLimiterMemory;
  private readonly partners: PartnerNetwork;
  private readonly deliveries: AlertDeliveries;
  private readonly alerts: Alerts;
  /** The public appeals the reporting page shows ("Report something related" there). */
  readonly publicAppeals: PublicAppeals;

  constructor(private readonly deps: AlertTurnDeps) {
    this.publicAppeals = publicAppealsFor(deps.connection, deps.clock ?? (() => new Date()));
    this.limiter = new RateLimiterMemory({ points: deps.invitationAttempts ?? 10, duration: 600 });
    this.partners = new PartnerNetwork(deps.connection);
    this.deliveries = new AlertDeliveries(deps.connection, deps.clock);
    this.alerts = new Alerts(deps.connection);
  }

  private locale(context: TurnContext): Locale {
    return resolveLocale(context.activity.locale);
  }

  /** An invitation code typed in a personal chat: registers the tenant. True when the turn was answered. */
  async redeemInvitation(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.channelId !== 'msteams' || activity.type !== 'message' || !isPersonalChat(activity))
      return false;
    const text = typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity) : '';
    if (!text || !looksLikeInvitation(text)) return false;
    const tenantId = tenantOf(context);
    const m = alertMessagesFor(this.locale(context));
    if (!tenantId) {
      await context.sendActivity(m.replies.codeRefused);
      return true;
    }
    // Counted before the signature is checked: a flood of made-up codes costs arithmetic, never a lookup.
    try {
      await this.limiter.consume(tenantId);
    } catch {
      await context.sendActivity(m.replies.tooManyCodes);
      return true;
    }
    const result = await this.deps.invitations.redeem(text, tenantId);
    if (result.status === 'registered') {
      await this.deps.audit.append({
        actor: 'system:invitation',
        action: 'partner.registered',
        detail: { tenantId, name: result.name, activation: result.activation },
      });
      this.deps.logger.info({ tenantId, activation: result.activation }, 'partner registered by invitation');
      await context.sendActivity(
        result.activation === 'active'
          ? m.replies.registered(result.name)
          : m.replies.registeredPending(result.name),
      );
      return true;
    }
    const replies: Record<typeof result.reason, string> = {
      InvitationMalformed: m.replies.codeRefused,
      InvitationForged: m.replies.codeRefused,
      InvitationUnknown: m.replies.codeRefused,
      InvitationExpired: m.replies.codeExpired,
      InvitationUsed: m.replies.codeUsed,
      AlreadyPartner: m.replies.alreadyPartner,
    };
    await context.sendActivity(replies[result.reason]);
    return true;
  }

  /**
   * After the tenant check: the alert card's buttons and the alert commands of a member. False lets the
   * turn go on to the dialogs (with the related alert in turn state for "Report something related").
   */
  async handleMemberTurn(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.channelId !== 'msteams' || activity.type !== 'message') return false;
    const tenantId = tenantOf(context);
    const aadObjectId = activity.from?.aadObjectId?.toLowerCase();
    if (!tenantId || !aadObjectId) return false;
    const timeoutMs = this.deps.databaseTimeoutMs ?? 2_000;
    try {
      // Writing again from the personal chat means the app is installed (again).
      await bounded(this.partners.markPresent(tenantId, aadObjectId), timeoutMs);
      const submit = parseAlertSubmit(activity.value);
      if (submit) return await bounded(this.cardAction(context, submit, tenantId, aadObjectId), timeoutMs);
      const command = typeof activity.text === 'string' ? alertCommandOf(activity.text) : undefined;
      if (command) {
        await bounded(this.command(context, command, tenantId, aadObjectId), timeoutMs);
        return true;
      }
    } catch (error) {
      // The database is down: the report dialogs still run; alert buttons and commands wait for it.
      this.deps.logger.warn({ err: { name: (error as Error).name } }, 'alert turn not handled');
      if (parseAlertSubmit(activity.value)) return true;
    }
    return false;
  }

  private async cardAction(
    context: TurnContext,
    submit: { action: 'seen' | 'related'; alertId: string },
    tenantId: string,
    aadObjectId: string,
  ): Promise<boolean> {
    const m = alertMessagesFor(this.locale(context));
    // The card's submit names a well-formed id (parseAlertSubmit checks it).
    const alertId = alertIdFrom(submit.alertId);
    const alert = alertId && (await this.alerts.byId(alertId));
    const targeted =
      alertId && alert ? await this.deliveries.markSeen(alertId, tenantId, aadObjectId) : false;
    // Only a member the alert was sent to may act on it (a forged submit names another alert).
    if (!alert || !targeted || !isCurrent(alert, (this.deps.clock ?? (() => new Date()))())) {
      await context.sendActivity(m.replies.alertGone);
      return true;
    }
    if (submit.action === 'seen') {
      await context.sendActivity(m.replies.seenThanks);
      return true;
    }
    if (!alert.asksForSightings) {
      await context.sendActivity(m.replies.alertGone);
      return true;
    }
    const related: RelatedAlert = {
      alertId: submit.alertId,
      title: alertInLanguage(alertCardContent(alert), this.locale(context)).title,
    };
    context.turnState.set(RELATED_ALERT, related);
    return false;
  }

  private async command(
    context: TurnContext,
    command: { kind: CommandKind; argument: string },
    tenantId: string,
    aadObjectId: string,
  ): Promise<void> {
    const m = alertMessagesFor(this.locale(context));
    const profile = await this.partners.profile(tenantId);
    const sectors = profile.sectors;
    if (command.kind === 'leave' || command.kind === 'join') {
      await this.partners.setLeft(tenantId, aadObjectId, command.kind === 'leave');
      await context.sendActivity(command.kind === 'leave' ? m.replies.leftAlerts : m.replies.joinedAlerts);
      return;
    }
    if (command.kind === 'mute' || command.kind === 'unmute') {
      const sector = sectorNamed(command.argument, sectors);
      if (!sector) {
        await context.sendActivity(m.replies.unknownSector);
        return;
      }
      if (command.kind === 'mute') await this.partners.mute(tenantId, aadObjectId, sector);
      else await this.partners.unmute(tenantId, aadObjectId, sector);
      await context.sendActivity(
        command.kind === 'mute' ? m.replies.muted(m.sectors[sector]) : m.replies.unmuted(m.sectors[sector]),
      );
      return;
    }
    const settings = await this.partners.memberSettings(tenantId, aadObjectId);
    const list =
      sectors.length === 0
        ? m.replies.noSectors
        : sectors.map((sector, index) => `${index + 1}. ${m.sectors[sector]}`).join('\n');
    const state = settings.left
      ? m.replies.left
      : settings.mutedSectors.length > 0
        ? m.replies.mutedList(settings.mutedSectors.map((sector) => m.sectors[sector]).join(', '))
        : m.replies.receivingAll;
    await context.sendActivity(m.replies.settings(list, state));
  }
}
