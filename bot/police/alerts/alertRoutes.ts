import { stringify } from 'csv-stringify/sync';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../dialogs/locales';
import { alertMessagesFor } from '../../../dialogs/locales/alertMessages';
import {
  ALERT_LOCALES,
  ALERT_SEVERITIES,
  isCurrent,
  languagesOf,
  shownTarget,
  storedTarget,
  writtenTexts,
} from '../../../models/core/alerts';
import {
  alertIdFrom,
  Alerts,
  targetedMembers,
  type Alert,
  type AlertDeliveries,
  type AlertId,
} from '../../../models/store/alert';
import { AlertPhotos } from '../../../models/store/alertPhotos';
import type { DatabaseConnection } from '../../../models/store/db';
import { ACTIVATIONS, type Invitations } from '../../../models/store/invitation';
import { TENANT_ID_SHAPE } from '../../../models/store/organisation';
import { OrganisationLookups } from '../../../models/store/organisationLookups';
import { mayWriteAlerts } from '../../../models/core/roles';
import { AREA_SHAPE, normaliseArea, PartnerNetwork, SECTORS } from '../../../models/store/partner';
import { ReportLookups } from '../../../models/store/reportLookups';
import { safeCell } from '../cases/caseExport';
import type { Principal } from '../cases/auth';
import { AlertPhotoLinks, MAX_ALERT_PHOTO_BYTES, photoView, receivePhoto } from './alertPhotos';
import { publicAppealsFor, registerPublicAppealRoute } from './publicAppeals';
import { noQuery, parse, type RequestTools } from '../cases/requests';
import { ServiceError } from '../../../models/core/errors';

/** What the Shield network's routes work on. */
export interface AlertRouteDeps {
  connection: DatabaseConnection;
  tools: RequestTools;
  invitations: Invitations;
  deliveries: AlertDeliveries;
  /** Starts delivering what was just queued. */
  kick: () => void;
  clock: () => Date;
  /** The bot's app id, for the invitation links that open its chat in Teams (none without one). */
  botAppId: string;
  /** Signs and checks the links to alert photos. */
  photoLinks: AlertPhotoLinks;
  /** The largest photo accepted (MAX_ALERT_PHOTO_BYTES unless a test says otherwise). */
  maxPhotoBytes?: number;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
const DAY_MS = 86_400_000;
const MAX_INVITATIONS = 10_000;

const tenantId = z
  .string()
  .trim()
  .regex(TENANT_ID_SHAPE, 'a tenant id (GUID)')
  .transform((value) => value.toLowerCase());
const area = z
  .string()
  .trim()
  .regex(AREA_SHAPE, 'a postcode (4 digits) or a municipality name')
  .transform(normaliseArea);
const sectors = z.array(z.enum(SECTORS)).max(SECTORS.length);
const partnerBody = z.strictObject({
  sectors,
  areas: z.array(area).max(500),
  contacts: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        email: z.email().max(254),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()./-]{6,30}$/, 'a telephone number')
          .optional(),
      }),
    )
    .max(20),
});

const invitationBody = z.strictObject({
  organisations: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        sectors: sectors.default([]),
        areas: z.array(area).max(500).default([]),
      }),
    )
    .min(1)
    .max(MAX_INVITATIONS),
  activation: z.enum(ACTIVATIONS),
  expiresInDays: z.number().int().min(1).max(365),
});
const invitationQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

const localisedText = (max: number) =>
  z.strictObject(
    Object.fromEntries(
      ALERT_LOCALES.map((locale) => [locale, z.string().trim().min(1).max(max).optional()]),
    ) as Record<(typeof ALERT_LOCALES)[number], z.ZodOptional<z.ZodString>>,
  );

const alertFields = {
  title: localisedText(200),
  text: localisedText(4000),
  originalLocale: z.enum(ALERT_LOCALES),
  severity: z.enum(ALERT_SEVERITIES),
  expiresAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
};
const newAlertBody = z
  .strictObject({
    ...alertFields,
    sectors: z.union([z.literal('all'), sectors.min(1)]),
    areas: z.union([z.literal('all'), z.array(area).min(1).max(500)]),
    asksForSightings: z.boolean().default(false),
    public: z.boolean().default(false),
  })
  .superRefine((body, context) => {
    const titles = languagesOf(body.title);
    const texts = languagesOf(body.text);
    if (titles.length === 0)
      context.addIssue({ code: 'custom', path: ['title'], message: 'at least one language' });
    if (titles.join() !== texts.join()) {
      context.addIssue({ code: 'custom', path: ['text'], message: 'the same languages as the title' });
    }
    if (!titles.includes(body.originalLocale)) {
      context.addIssue({ code: 'custom', path: ['originalLocale'], message: 'one of the languages given' });
    }
  });
const alertChangeBody = z
  .strictObject({
    title: alertFields.title.optional(),
    text: alertFields.text.optional(),
    severity: alertFields.severity.optional(),
    expiresAt: alertFields.expiresAt.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
const listQuery = z.strictObject({ lang: z.enum(LOCALES).default('en') });

function pathParameter(req: Request, name: string): unknown {
  return (req.params as Record<string, unknown>)[name];
}

function alertIdOf(req: Request): AlertId {
  const id = alertIdFrom(pathParameter(req, 'id'));
  if (!id) throw new ServiceError('AlertNotFound', 'There is no alert with that id.');
  return id;
}

/** An alert as the console shows it. */
function alertView(alert: Alert, links: AlertPhotoLinks) {
  const times = alert as { createdAt?: Date; updatedAt?: Date };
  return {
    id: alert._id.toHexString(),
    title: writtenTexts(alert.title),
    text: writtenTexts(alert.text),
    originalLocale: alert.originalLocale,
    severity: alert.severity,
    sectors: shownTarget(alert.sectors),
    areas: shownTarget(alert.areas),
    expiresAt: alert.expiresAt,
    asksForSightings: alert.asksForSightings,
    public: alert.public,
    state: alert.state,
    version: alert.version,
    createdBy: alert.createdBy,
    createdAt: times.createdAt ?? null,
    withdrawnAt: alert.withdrawnAt ?? null,
    photo: photoView(alert, links),
  };
}

/** Adds the Shield network's routes: partner profiles (admin), invitations and alerts (liaison, supervisor). */
export function registerAlertRoutes(server: Server, deps: AlertRouteDeps): void {
  const { authorise, record, handle } = deps.tools;
  const { connection, clock } = deps;
  const partners = new PartnerNetwork(connection);
  const alerts = new Alerts(connection);
  const reports = new ReportLookups(connection);
  const organisations = new OrganisationLookups(connection);
  const appeals = publicAppealsFor(connection, clock);
  const photos = new AlertPhotos(connection);
  registerPublicAppealRoute(server, appeals, deps.tools, deps.photoLinks);

  // Authenticated as any role first (liaison is the lowest), then the alert rights are checked.
  async function alertWriter(req: Request): Promise<Principal> {
    const principal = await authorise(req, 'liaison');
    if (!mayWriteAlerts(principal.role)) {
      throw new ServiceError('Forbidden', 'This needs the liaison or supervisor role.');
    }
    return principal;
  }

  async function existingAlert(id: AlertId): Promise<Alert> {
    const alert = await alerts.byId(id);
    if (!alert) throw new ServiceError('AlertNotFound', 'There is no alert with that id.');
    return alert;
  }

  server.get(
    '/api/partners/sectors',
    handle(async (req, res) => {
      await authorise(req, 'liaison');
      const { lang } = parse(listQuery, req.query);
      const names = alertMessagesFor(lang).sectors;
      res.send(200, { sectors: SECTORS.map((id) => ({ id, name: names[id] })) });
    }),
  );

  server.get(
    '/api/admin/organisations/:tenantId/partner',
    handle(async (req, res) => {
      await authorise(req, 'admin');
      parse(noQuery, req.query);
      const tenant = tenantId.safeParse(pathParameter(req, 'tenantId'));
      if (!tenant.success)
        throw new ServiceError('OrganisationNotFound', 'There is no partner organisation for that tenant.');
      res.send(200, { partner: await partners.profile(tenant.data) });
    }),
  );

  server.put(
    '/api/admin/organisations/:tenantId/partner',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      parse(noQuery, req.query);
      const tenant = tenantId.safeParse(pathParameter(req, 'tenantId'));
      const body = parse(partnerBody, req.body);
      const known = tenant.success && (await organisations.isRegistered(tenant.data));
      if (!tenant.success || !known) {
        throw new ServiceError('OrganisationNotFound', 'There is no partner organisation for that tenant.');
      }
      const partner = await partners.setProfile(tenant.data, body);
      await record(req, principal, {
        action: 'admin.partnerProfileSet',
        detail: {
          tenantId: tenant.data,
          sectors: partner.sectors.join(','),
          areas: partner.areas.length,
          contacts: partner.contacts.length,
        },
      });
      res.send(200, { partner });
    }),
  );

  server.post(
    '/api/invitations',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      const { format } = parse(invitationQuery, req.query);
      const body = parse(invitationBody, req.body);
      const expiresAt = new Date(clock().getTime() + body.expiresInDays * DAY_MS);
      const batch = await deps.invitations.createBatch(body.organisations, {
        activation: body.activation,
        expiresAt,
        createdBy: principal.officerId,
      });
      await record(req, principal, {
        action: 'invitations.created',
        detail: { batchId: batch.batchId, count: batch.invitations.length, activation: body.activation },
      });
      // The codes are shown once (here) and never stored: the database keeps only their ids.
      const link = (code: string) =>
        deps.botAppId
          ? `https://teams.microsoft.com/l/chat/0/0?users=28:${deps.botAppId}&message=${encodeURIComponent(code)}`
          : '';
      const rows = batch.invitations.map((invitation) => ({ ...invitation, link: link(invitation.code) }));
      if (format === 'csv') {
        const csv = stringify(
          rows.map((row) => [row.name, row.code, row.link, batch.expiresAt.toISOString()].map(safeCell)),
          {
            header: true,
            columns: ['organisation', 'code', 'link', 'expiresAt'],
            quoted_string: true,
            record_delimiter: 'windows',
          },
        );
        res.sendRaw(201, `\uFEFF${csv}`, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="invitations-${batch.batchId}.csv"`,
          'Cache-Control': 'no-store',
        });
        return;
      }
      res.send(
        201,
        { batchId: batch.batchId, expiresAt: batch.expiresAt, invitations: rows },
        { 'Cache-Control': 'no-store' },
      );
    }),
  );

  server.get(
    '/api/invitations/:batchId',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      parse(noQuery, req.query);
      const batchId = pathParameter(req, 'batchId');
      if (typeof batchId !== 'string' || !OBJECT_ID.test(batchId)) {
        throw new ServiceError('BatchNotFound', 'There is no invitation batch with that id.');
      }
      const invitations = await deps.invitations.batch(batchId);
      if (invitations.length === 0)
        throw new ServiceError('BatchNotFound', 'There is no invitation batch with that id.');
      await record(req, principal, { action: 'invitations.listed', detail: { batchId } });
      res.send(200, {
        batchId,
        count: invitations.length,
        redeemed: invitations.filter((invitation) => invitation.redeemed).length,
        invitations,
      });
    }),
  );

  server.post(
    '/api/alerts',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      parse(noQuery, req.query);
      const body = parse(newAlertBody, req.body);
      const now = clock();
      if (body.expiresAt.getTime() <= now.getTime()) {
        throw new ServiceError('InvalidRequest', 'expiresAt: must be in the future');
      }
      const target = { sectors: storedTarget(body.sectors), areas: storedTarget(body.areas) };
      const createdId = await alerts.create({
        title: body.title,
        text: body.text,
        originalLocale: body.originalLocale,
        severity: body.severity,
        ...target,
        expiresAt: body.expiresAt,
        asksForSightings: body.asksForSightings,
        public: body.public,
        createdBy: principal.officerId,
      });
      const members = await targetedMembers(connection, target);
      const targeted = await deps.deliveries.enqueue(createdId, 1, members);
      await record(req, principal, {
        action: 'alert.created',
        detail: {
          alertId: createdId.toHexString(),
          severity: body.severity,
          tenants: members.size,
          targeted,
        },
      });
      deps.kick();
      if (body.public) appeals.invalidate();
      const alert = await existingAlert(createdId);
      res.send(201, {
        alert: alertView(alert, deps.photoLinks),
        delivery: await deps.deliveries.summary(createdId),
      });
    }),
  );

  server.get(
    '/api/alerts',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      parse(listQuery, req.query);
      const found = await alerts.newest();
      const listed = await Promise.all(
        found.map(async (alert) => ({
          ...alertView(alert, deps.photoLinks),
          delivery: await deps.deliveries.summary(alert._id),
        })),
      );
      await record(req, principal, { action: 'alerts.listed', detail: { count: listed.length } });
      res.send(200, { alerts: listed });
    }),
  );

  server.get(
    '/api/alerts/:id',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      const id = alertIdOf(req);
      parse(noQuery, req.query);
      const alert = await existingAlert(id);
      const relatedReports = await reports.countRelatedToAlert(id.toHexString());
      await record(req, principal, { action: 'alert.read', detail: { alertId: id.toHexString() } });
      res.send(200, {
        alert: alertView(alert, deps.photoLinks),
        delivery: { ...(await deps.deliveries.summary(id)), relatedReports },
      });
    }),
  );

  server.patch(
    '/api/alerts/:id',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      const id = alertIdOf(req);
      parse(noQuery, req.query);
      const body = parse(alertChangeBody, req.body);
      const before = await existingAlert(id);
      if (before.state === 'withdrawn') {
        throw new ServiceError('AlertWithdrawn', 'A withdrawn alert cannot be changed.');
      }
      const title = body.title ?? before.title;
      const text = body.text ?? before.text;
      const titles = languagesOf(title);
      if (titles.join() !== languagesOf(text).join()) {
        throw new ServiceError('InvalidRequest', 'text: the same languages as the title');
      }
      if (!titles.includes(before.originalLocale)) {
        throw new ServiceError(
          'InvalidRequest',
          `title: must keep the original language (${before.originalLocale})`,
        );
      }
      const changed = await alerts.change(id, {
        title,
        text,
        severity: body.severity,
        expiresAt: body.expiresAt,
      });
      if (!changed) throw new ServiceError('AlertWithdrawn', 'A withdrawn alert cannot be changed.');
      await deps.deliveries.requeue(id, changed.version);
      if (changed.public) appeals.invalidate();
      deps.kick();
      await record(req, principal, {
        action: 'alert.updated',
        detail: { alertId: id.toHexString(), version: changed.version, fields: Object.keys(body).join(',') },
      });
      res.send(200, { alert: alertView(changed, deps.photoLinks) });
    }),
  );

  server.post(
    '/api/alerts/:id/withdraw',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      const id = alertIdOf(req);
      parse(noQuery, req.query);
      parse(z.strictObject({}), req.body);
      await existingAlert(id);
      const withdrawn = await alerts.withdraw(id, clock());
      if (!withdrawn) throw new ServiceError('AlertWithdrawn', 'The alert was withdrawn already.');
      await deps.deliveries.requeue(id, withdrawn.version);
      if (withdrawn.public) appeals.invalidate();
      deps.kick();
      await record(req, principal, {
        action: 'alert.withdrawn',
        detail: { alertId: id.toHexString(), version: withdrawn.version },
      });
      res.send(200, { alert: alertView(withdrawn, deps.photoLinks) });
    }),
  );

  server.put(
    '/api/alerts/:id/photo',
    handle(async (req, res) => {
      // The body is read only after the login, the role and the alert are known; a refusal before that
      // closes the connection rather than receive a photo nobody will keep.
      let photo;
      let before: Alert;
      let principal: Principal;
      try {
        principal = await alertWriter(req);
        const id = alertIdOf(req);
        parse(noQuery, req.query);
        before = await existingAlert(id);
        if (before.state === 'withdrawn') {
          throw new ServiceError('AlertWithdrawn', 'A withdrawn alert cannot be changed.');
        }
        photo = await receivePhoto(req, deps.maxPhotoBytes ?? MAX_ALERT_PHOTO_BYTES);
      } catch (error) {
        res.header('Connection', 'close');
        throw error;
      }
      const id = before._id;
      const stored = await photos.put(id.toHexString(), photo.bytes, photo.contentType);
      const changed = await alerts.attachPhoto(id, stored);
      if (!changed) {
        await photos.delete(stored.id);
        throw new ServiceError('AlertWithdrawn', 'A withdrawn alert cannot be changed.');
      }
      if (before.photo?.id) await photos.delete(before.photo.id);
      // Delivered cards are brought to the new version, with the photo.
      await deps.deliveries.requeue(id, changed.version);
      if (changed.public) appeals.invalidate();
      deps.kick();
      await record(req, principal, {
        action: before.photo ? 'alert.photoReplaced' : 'alert.photoAttached',
        detail: {
          alertId: id.toHexString(),
          version: changed.version,
          contentType: stored.contentType,
          bytes: stored.length,
        },
      });
      res.send(200, { alert: alertView(changed, deps.photoLinks) });
    }),
  );

  // No login: Teams' servers fetch a card's image, and the appeal page's visitors are anonymous. The signed
  // link is checked before any database work; it serves only the alert's current photo while it is active.
  server.get(
    AlertPhotoLinks.route,
    handle(async (req, res) => {
      const alertId = String(pathParameter(req, 'alertId'));
      const photoId = String(pathParameter(req, 'photoId'));
      const now = clock();
      deps.photoLinks.check(alertId, photoId, req.query, now);
      // The signed link names a well-formed id (checked above).
      const id = alertIdFrom(alertId);
      const alert = id && (await alerts.byId(id));
      if (!alert || alert.photo?.id !== photoId) throw new ServiceError('AlertPhotoNotFound');
      if (!isCurrent(alert, now)) {
        throw new ServiceError('PhotoLinkExpired', 'The alert is no longer current.');
      }
      const bytes = await photos.bytes(photoId);
      if (!bytes) throw new ServiceError('AlertPhotoNotFound');
      res.sendRaw(200, bytes, {
        'Content-Type': alert.photo.contentType,
        'Content-Length': String(bytes.length),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'",
        // Short, so that a withdrawal reaches caches soon; the photo itself never changes under a link.
        'Cache-Control': 'public, max-age=300',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    }),
  );

  server.get(
    '/api/alerts/:id/reports',
    handle(async (req, res) => {
      const principal = await alertWriter(req);
      const id = alertIdOf(req);
      parse(noQuery, req.query);
      await existingAlert(id);
      const related = await reports.relatedToAlert(id.toHexString());
      await record(req, principal, {
        action: 'alert.reportsListed',
        detail: { alertId: id.toHexString(), count: related.length },
      });
      // Numbers and states only: reading a report itself is the case API's (and audited there).
      res.send(200, { reports: related });
    }),
  );
}

export type { Locale };
