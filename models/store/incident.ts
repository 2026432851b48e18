import { Schema, type Connection } from 'mongoose';
import { idForKey } from './storageKey';

// Reports about one incident (four reports about the same bag), linked by officers. A case belongs to at most
// one incident: one membership document per case, enforced through _id. Kept apart from the report, which
// the witness side reads, and holding only case numbers and officer ids.
const memberSchema = new Schema(
  {
    // idForKey('incident-member', caseNumber)
    _id: { type: Schema.Types.ObjectId, required: true },
    caseNumber: { type: String, required: true, maxlength: 32 },
    /** The incident's id: the case number of the case it was started from. */
    incident: { type: String, required: true, maxlength: 32 },
    linkedBy: { type: String, required: true, maxlength: 24 },
    linkedAt: { type: Date, required: true },
  },
  { collection: 'incidentMembers', versionKey: false },
);
memberSchema.index({ incident: 1 });

const createModel = (connection: Connection) => connection.model('IncidentMember', memberSchema);
type MemberModel = ReturnType<typeof createModel>;

function memberModel(connection: Connection): MemberModel {
  return (connection.models.IncidentMember as MemberModel | undefined) ?? createModel(connection);
}

const idOf = (caseNumber: string) => idForKey('incident-member', caseNumber);

/** The incidents that link related reports. */
export class Incidents {
  private readonly model: MemberModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = memberModel(connection);
  }

  /** The incident a case belongs to, if any. */
  async of(caseNumber: string): Promise<string | undefined> {
    return (await this.model.findById(idOf(caseNumber)).lean())?.incident;
  }

  /** The case numbers of an incident, in the order they were linked. */
  async members(incident: string): Promise<string[]> {
    const found = await this.model.find({ incident }).sort({ linkedAt: 1, _id: 1 }).lean();
    return found.map((member) => member.caseNumber);
  }

  /**
   * Links two cases into one incident: the one either already belongs to, or a new one; two incidents that
   * meet are merged into the first case's. Returns the incident's id.
   */
  async link(caseNumber: string, other: string, officerId: string): Promise<string> {
    const [mine, theirs] = await Promise.all([this.of(caseNumber), this.of(other)]);
    const incident = mine ?? theirs ?? caseNumber;
    const linkedAt = this.clock();
    const join = (member: string) =>
      this.model.updateOne(
        { _id: idOf(member) },
        { $set: { caseNumber: member, incident, linkedBy: officerId, linkedAt } },
        { upsert: true },
      );
    if (theirs && theirs !== incident) {
      await this.model.updateMany({ incident: theirs }, { $set: { incident } });
    }
    if (mine === undefined) await join(caseNumber);
    if (theirs === undefined) await join(other);
    return incident;
  }

  /** Takes a case out of its incident; an incident left with one case ends. Returns the incident it left. */
  async unlink(caseNumber: string): Promise<string | undefined> {
    const incident = await this.of(caseNumber);
    if (!incident) return undefined;
    await this.model.deleteOne({ _id: idOf(caseNumber) });
    const rest = await this.members(incident);
    if (rest.length === 1) await this.model.deleteOne({ _id: idOf(rest[0]) });
    return incident;
  }
}
