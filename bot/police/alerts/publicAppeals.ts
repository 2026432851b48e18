import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { z } from 'zod';
import { alertInLanguage } from '../../../dialogs/cards/alertCard';
import { LOCALES, resolveLocale, type Locale } from '../../../dialogs/locales';
import { alertMessagesFor } from '../../../dialogs/locales/alertMessages';
import { RELATED_ALERT, type RelatedAlert } from '../../../dialogs/relatedAlert';
import { Alerts, type Alert } from '../../../models/store/alert';
import { bounded, type DatabaseConnection } from '../../../models/store/db';
import { parse, type RequestTools } from '../cases/requests';
import { alertCardContent } from './alertDelivery';
import type { AlertPhotoLinks } from './alertPhotos';

/** How long the list of public appeals is kept in memory: a flood of page loads costs no database work. */
export const PUBLIC_APPEALS_TTL_MS = 30_000;
/** At most this many appeals are shown at once (the newest). */
const MAX_APPEALS = 5;

/** A public appeal as the reporting page shows it: no personal data, no targeting, no figures. */
export interface PublicAppeal {
  id: string;
  title: string;
  text: string;
  /** The language of title and text (the original's where the page's language was not written). */
  lang: Locale;
  severity: Alert['severity'];
  asksForSightings: boolean;
  expiresAt: string;
  /** The signed link to its photo (page-relative), or null. */
  photoUrl: string | null;
}

/**
 * The current public appeals (alerts marked public, active, unexpired), read from the database at most once
 * per `ttlMs` however many pages ask, one read at a time; a change made through this instance's routes
 * refreshes them at once, another instance's within `ttlMs`.
 */
export class PublicAppeals {
  private cached: { at: number; alerts: Alert[] } | undefined;
  private reading: Promise<Alert[]> | undefined;
  private readonly alerts: Alerts;

  constructor(
    connection: DatabaseConnection,
    private readonly clock: () => Date,
    private readonly ttlMs = PUBLIC_APPEALS_TTL_MS,
  ) {
    this.alerts = new Alerts(connection);
  }

  /** The alerts shown as appeals now. */
  async current(): Promise<Alert[]> {
    const now = this.clock().getTime();
    if (!this.cached || now - this.cached.at >= this.ttlMs) {
      this.reading ??= this.read(now).finally(() => {
        this.reading = undefined;
      });
      await this.reading;
    }
    // Expiry is checked at every answer: an appeal never outlives its alert by the cache's age.
    return (this.cached?.alerts ?? []).filter((alert) => alert.expiresAt.getTime() > now);
  }

  /** Forgets the cached list (an alert was created, changed or withdrawn here). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async read(now: number): Promise<Alert[]> {
    const alerts = await bounded(this.alerts.publicAt(new Date(now), MAX_APPEALS), 2_000);
    this.cached = { at: now, alerts };
    return alerts;
  }

  /** The appeals in a language, as the page shows them (with their photos' links when `links` is given). */
  async inLanguage(locale: Locale, links?: AlertPhotoLinks): Promise<PublicAppeal[]> {
    return (await this.current()).map((alert) => {
      const shown = alertInLanguage(alertCardContent(alert), locale);
      return {
        id: alert._id.toHexString(),
        title: shown.title,
        text: shown.text,
        lang: shown.originalIn ? alert.originalLocale : locale,
        severity: alert.severity,
        asksForSightings: alert.asksForSightings,
        expiresAt: alert.expiresAt.toISOString(),
        photoUrl: links?.path(alert) ?? null,
      };
    });
  }
}

const appealsByConnection = new WeakMap<DatabaseConnection, PublicAppeals>();

/** The one PublicAppeals of a database connection (shared by the route and the web chat turns). */
export function publicAppealsFor(connection: DatabaseConnection, clock: () => Date): PublicAppeals {
  let appeals = appealsByConnection.get(connection);
  if (!appeals) {
    appeals = new PublicAppeals(connection, clock);
    appealsByConnection.set(connection, appeals);
  }
  return appeals;
}

const appealQuery = z.strictObject({ lang: z.enum(LOCALES).default('en') });

/** GET /api/public/alerts?lang=: the current public appeals, for the reporting page; no login. */
export function registerPublicAppealRoute(
  server: Server,
  appeals: PublicAppeals,
  tools: RequestTools,
  links: AlertPhotoLinks,
): void {
  server.get(
    '/api/public/alerts',
    tools.handle(async (req, res) => {
      const { lang } = parse(appealQuery, req.query);
      res.send(
        200,
        { alerts: await appeals.inLanguage(lang, links) },
        // Browsers and proxies may keep it as long as the service does.
        { 'Cache-Control': `public, max-age=${PUBLIC_APPEALS_TTL_MS / 1000}` },
      );
    }),
  );
}

const appealSubmit = z.strictObject({ publicAlert: z.string().regex(/^[0-9a-f]{24}$/) });

/**
 * "Report something related" on the reporting page (widget.js posts `{ publicAlert: id }` as a message
 * value without text): the report dialog starts linked to that appeal. Returns false when the turn was
 * answered here (the appeal is over), true when the turn goes on (to the dialogs, linked or not).
 */
export async function admitPublicAppeal(context: TurnContext, appeals: PublicAppeals): Promise<boolean> {
  const { activity } = context;
  if (activity.channelId === 'msteams' || activity.type !== 'message' || activity.text) return true;
  const submit = appealSubmit.safeParse(activity.value);
  if (!submit.success) return true;
  const locale = resolveLocale(activity.locale);
  // From the cached list: a click on an appeal costs no database lookup of its own.
  const alert = (await appeals.current().catch(() => [])).find(
    (current) => current._id.toHexString() === submit.data.publicAlert && current.asksForSightings,
  );
  if (!alert) {
    await context.sendActivity(alertMessagesFor(locale).replies.alertGone);
    return false;
  }
  const related: RelatedAlert = {
    alertId: submit.data.publicAlert,
    title: alertInLanguage(alertCardContent(alert), locale).title,
  };
  context.turnState.set(RELATED_ALERT, related);
  return true;
}
