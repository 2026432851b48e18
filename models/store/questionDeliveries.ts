import { Schema, Types, type Connection } from 'mongoose';

/** Where an officer's question to a Teams witness is on its way. */
export const DELIVERY_STATES = ['queued', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One officer question waiting for (or done with) delivery into a Teams chat. The queue lives in MongoDB so
 * that a restart loses nothing; `_id` is the question's own id, so a question is queued at most once.
 */
const questionDeliverySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    caseNumber: { type: String, required: true, maxlength: 32 },
    state: { type: String, enum: DELIVERY_STATES, required: true },
    attempts: { type: Number, required: true, default: 0 },
    /** When the next attempt may run; an attempt in progress pushes it forward (a lease). */
    nextAttemptAt: { type: Date, required: true },
    /** A stable code for why the last attempt did not deliver (never message text or personal data). */
    reason: { type: String, maxlength: 200 },
    deliveredAt: { type: Date },
  },
  { collection: 'questionDeliveries', timestamps: true, versionKey: false },
);
questionDeliverySchema.index({ state: 1, nextAttemptAt: 1 });
questionDeliverySchema.index({ caseNumber: 1 });

const createModel = (connection: Connection) => connection.model('QuestionDelivery', questionDeliverySchema);
type QuestionDeliveryModel = ReturnType<typeof createModel>;

/** The delivery of one question, as the case view shows it. */
export interface DeliveryStatus {
  state: DeliveryState;
  attempts: number;
  reason: string | null;
  deliveredAt: Date | null;
}

/** A delivery claimed for one attempt. */
export interface ClaimedDelivery {
  questionId: string;
  caseNumber: string;
  attempts: number;
}

/** The durable queue of question deliveries. */
export class QuestionDeliveries {
  private readonly model: QuestionDeliveryModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model =
      (connection.models.QuestionDelivery as QuestionDeliveryModel | undefined) ?? createModel(connection);
  }

  /** Queues a question for delivery now (again queuing one already queued changes nothing). */
  async enqueue(caseNumber: string, questionId: string): Promise<DeliveryStatus> {
    await this.model.updateOne(
      { _id: new Types.ObjectId(questionId) },
      { $setOnInsert: { caseNumber, state: 'queued', attempts: 0, nextAttemptAt: this.clock() } },
      { upsert: true },
    );
    return { state: 'queued', attempts: 0, reason: null, deliveredAt: null };
  }

  /**
   * Takes the next due delivery for one attempt, leasing it for `leaseMs` so that another instance (or a
   * crash mid-attempt) does not lose or double it: an attempt that never reports back is retried after.
   */
  async claimDue(leaseMs: number): Promise<ClaimedDelivery | undefined> {
    const now = this.clock();
    const claimed = await this.model
      .findOneAndUpdate(
        { state: 'queued', nextAttemptAt: { $lte: now } },
        { $set: { nextAttemptAt: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .lean();
    if (!claimed) return undefined;
    return {
      questionId: claimed._id.toHexString(),
      caseNumber: claimed.caseNumber,
      attempts: claimed.attempts,
    };
  }

  async delivered(questionId: string): Promise<void> {
    await this.model.updateOne(
      { _id: new Types.ObjectId(questionId) },
      { $set: { state: 'delivered', deliveredAt: this.clock() }, $unset: { reason: '' } },
    );
  }

  async retryAt(questionId: string, at: Date, reason: string): Promise<void> {
    await this.model.updateOne(
      { _id: new Types.ObjectId(questionId) },
      { $set: { state: 'queued', nextAttemptAt: at, reason } },
    );
  }

  async failed(questionId: string, reason: string): Promise<void> {
    await this.model.updateOne(
      { _id: new Types.ObjectId(questionId) },
      { $set: { state: 'failed', reason } },
    );
  }

  /** Deletes every delivery of a case (retention); returns how many there were. */
  async deleteForCase(caseNumber: string): Promise<number> {
    return (await this.model.deleteMany({ caseNumber })).deletedCount;
  }

  /** The delivery of each question of a case that has one, by question id. */
  async forCase(caseNumber: string): Promise<Map<string, DeliveryStatus>> {
    const found = await this.model.find({ caseNumber }).lean();
    return new Map(
      found.map((entry) => [
        entry._id.toHexString(),
        {
          state: entry.state,
          attempts: entry.attempts,
          reason: entry.reason ?? null,
          deliveredAt: entry.deliveredAt ?? null,
        },
      ]),
    );
  }
}
