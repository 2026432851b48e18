import type { Connection } from 'mongoose';
import { organisationModel, type OrganisationModel } from './organisation';
import { idForKey } from './storageKey';

/** The reads of partner organisations the Shield network makes beyond those of organisation.ts. */
export class OrganisationLookups {
  private readonly organisations: OrganisationModel;

  constructor(connection: Connection) {
    this.organisations = organisationModel(connection);
  }

  /** Whether a tenant is a registered partner organisation, active or not (its tenant id in lower case). */
  async isRegistered(tenantId: string): Promise<boolean> {
    return (await this.organisations.exists({ _id: idForKey('organisation', tenantId) })) !== null;
  }
}
