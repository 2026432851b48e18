import type { Request, Server } from 'restify';
import { z } from 'zod';
import { OFFICER_ROLES, type OfficerAccounts } from '../../../models/store/officer';
import { PartnerOrganisations, TENANT_ID_SHAPE } from '../../../models/store/organisation';
import type { DatabaseConnection } from '../../../models/store/db';
import { noQuery, parse, type RequestTools } from './requests';
import { retentionDaysSchema, type CaseRetention } from './retention';
import { ServiceError } from '../../../models/core/errors';

/** What the admin routes work on. */
export interface AdminRouteDeps {
  connection: DatabaseConnection;
  accounts: OfficerAccounts;
  retention: CaseRetention;
  tools: RequestTools;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
// Accepted as Entra and the emulators send them (loosely GUID-shaped); the organisation's key is lower case.
const tenantId = z
  .string()
  .trim()
  .regex(TENANT_ID_SHAPE, 'a tenant id (GUID)')
  .transform((value) => value.toLowerCase());
const organisationName = z.string().trim().min(1).max(200);
const nonEmpty = (body: object) => Object.keys(body).length > 0;

const newOfficerBody = z.strictObject({
  email: z.string().max(254),
  role: z.enum(OFFICER_ROLES),
  // The minimum length is the accounts' own rule (PasswordTooShort), shared with the command line.
  password: z.string().max(1024),
});
const officerChangeBody = z
  .strictObject({ role: z.enum(OFFICER_ROLES).optional(), disabled: z.boolean().optional() })
  .refine(nonEmpty, 'nothing to change');
const newOrganisationBody = z.strictObject({ tenantId, name: organisationName });
const organisationChangeBody = z
  .strictObject({ name: organisationName.optional(), active: z.boolean().optional() })
  .refine(nonEmpty, 'nothing to change');
const retentionBody = z.strictObject({ retentionDays: retentionDaysSchema });
const noBody = z.strictObject({});

function pathParameter(req: Request, name: string): unknown {
  return (req.params as Record<string, unknown>)[name];
}

function officerIdOf(req: Request): string {
  const id = pathParameter(req, 'id');
  if (typeof id !== 'string' || !OBJECT_ID.test(id)) {
    throw new ServiceError('OfficerNotFound', 'There is no account with that id.');
  }
  return id;
}

function tenantIdOf(req: Request): string {
  const parsed = tenantId.safeParse(pathParameter(req, 'tenantId'));
  if (!parsed.success) {
    throw new ServiceError('OrganisationNotFound', 'There is no partner organisation for that tenant.');
  }
  return parsed.data;
}

/** Adds the administrator's routes (accounts, partner organisations, retention) under /api/admin. */
export function registerAdminRoutes(server: Server, deps: AdminRouteDeps): void {
  const { accounts, retention } = deps;
  const { authorise, record, handle } = deps.tools;
  const organisations = new PartnerOrganisations(deps.connection);

  server.get(
    '/api/admin/officers',
    handle(async (req, res) => {
      await authorise(req, 'admin');
      parse(noQuery, req.query);
      res.send(200, { officers: await accounts.listForAdmin() });
    }),
  );

  server.post(
    '/api/admin/officers',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      parse(noQuery, req.query);
      const body = parse(newOfficerBody, req.body);
      // An OfficerError (OfficerExists 409, EmailInvalid or PasswordTooShort 400) is answered by handle().
      const created = await accounts.add(body.email, body.role, body.password);
      const officerId = created._id.toHexString();
      await record(req, principal, {
        action: 'admin.officerCreated',
        detail: { officerId, email: created.email ?? null, role: created.role },
      });
      res.send(201, { officer: await accounts.summary(officerId) });
    }),
  );

  server.patch(
    '/api/admin/officers/:id',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      const id = officerIdOf(req);
      parse(noQuery, req.query);
      const body = parse(officerChangeBody, req.body);
      // An administrator who disables or demotes themselves may leave nobody able to undo it.
      if (id === principal.officerId && (body.disabled === true || (body.role ?? 'admin') !== 'admin')) {
        throw new ServiceError(
          'SelfLockout',
          'You cannot disable or demote your own account; ask another administrator.',
        );
      }
      const changed = await accounts.change(id, body);
      if (!changed) throw new ServiceError('OfficerNotFound', 'There is no account with that id.');
      await record(req, principal, {
        action: 'admin.officerChanged',
        detail: {
          officerId: id,
          roleFrom: changed.before.role,
          roleTo: changed.after.role,
          disabledFrom: changed.before.disabled,
          disabledTo: changed.after.disabled,
        },
      });
      res.send(200, { officer: changed.after });
    }),
  );

  server.get(
    '/api/admin/organisations',
    handle(async (req, res) => {
      await authorise(req, 'admin');
      parse(noQuery, req.query);
      res.send(200, { organisations: await organisations.list() });
    }),
  );

  server.post(
    '/api/admin/organisations',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      parse(noQuery, req.query);
      const body = parse(newOrganisationBody, req.body);
      // OrganisationExists (409) is answered by handle().
      const organisation = await organisations.add(body.tenantId, body.name);
      await record(req, principal, {
        action: 'admin.organisationCreated',
        detail: { tenantId: organisation.tenantId, name: organisation.name },
      });
      res.send(201, { organisation });
    }),
  );

  server.patch(
    '/api/admin/organisations/:tenantId',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      const tenant = tenantIdOf(req);
      parse(noQuery, req.query);
      const body = parse(organisationChangeBody, req.body);
      const changed = await organisations.change(tenant, body);
      if (!changed) {
        throw new ServiceError('OrganisationNotFound', 'There is no partner organisation for that tenant.');
      }
      await record(req, principal, {
        action: 'admin.organisationChanged',
        detail: {
          tenantId: tenant,
          nameFrom: changed.before.name,
          nameTo: changed.after.name,
          activeFrom: changed.before.active,
          activeTo: changed.after.active,
        },
      });
      res.send(200, { organisation: changed.after });
    }),
  );

  server.get(
    '/api/admin/retention',
    handle(async (req, res) => {
      await authorise(req, 'admin');
      parse(noQuery, req.query);
      const period = await retention.period();
      res.send(200, { ...period, dueNow: await retention.dueNow() });
    }),
  );

  server.put(
    '/api/admin/retention',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      parse(noQuery, req.query);
      const { retentionDays } = parse(retentionBody, req.body);
      const before = await retention.period();
      await retention.setPeriod(retentionDays, principal.officerId);
      await record(req, principal, {
        action: 'admin.retentionChanged',
        detail: {
          retentionDaysFrom: before.retentionDays,
          sourceFrom: before.source,
          retentionDaysTo: retentionDays,
        },
      });
      const period = await retention.period();
      res.send(200, { ...period, dueNow: await retention.dueNow() });
    }),
  );

  server.post(
    '/api/admin/retention/run',
    handle(async (req, res) => {
      const principal = await authorise(req, 'admin');
      parse(noQuery, req.query);
      parse(noBody, req.body);
      const { retentionDays } = await retention.period();
      const deleted = await retention.run();
      await record(req, principal, { action: 'admin.retentionRun', detail: { retentionDays, deleted } });
      res.send(200, { deleted, retentionDays });
    }),
  );
}
