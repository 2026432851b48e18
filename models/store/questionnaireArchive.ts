import { createHash } from 'node:crypto';
import { Schema, type Connection, type Types } from 'mongoose';
import { z } from 'zod';
import {
  CURRENT_QUESTIONNAIRE,
  canonicalQuestionnaire,
  isLoopSpec,
  type QuestionSpec,
  type QuestionnaireSpec,
} from '../core/questionnaire';
import { QUESTIONNAIRE_V1 } from '../core/questionnaireV1';
import { idForKey, isDuplicateKeyError } from './storageKey';

/** The content hash of a questionnaire: SHA-256 of its canonical JSON, hex. Changes whenever it does. */
export function questionnaireHash(spec: QuestionnaireSpec): string {
  return createHash('sha256').update(canonicalQuestionnaire(spec)).digest('hex');
}

/** The hash that reports stored before answers were keyed by question id (questionnaireVersion 1) point to. */
export const QUESTIONNAIRE_V1_HASH = questionnaireHash(QUESTIONNAIRE_V1);

/** The answers of one report, keyed by question id (a loop's id holds a list of items keyed the same way). */
export type ReportAnswers = Record<string, unknown>;

// The limits of the parts of an answer that are not the witness's text itself.
const WHEN_SAID_MAX = 500;
const EMAIL_MAX = 254;
const PHONE_MAX = 40;
const LINK_MAX = 2000;

function answerSchema(question: QuestionSpec, spec: QuestionnaireSpec): z.ZodType {
  const kind = question.kind;
  switch (kind.type) {
    case 'yesNo':
      // A declaration the witness must make (consent) is stored as the moment they made it.
      return kind.mustBeYes ? z.date() : z.boolean();
    case 'choice': {
      const values = spec.choiceLists[kind.list];
      if (!values || values.length === 0) throw new Error(`questionnaire has no choice list ${kind.list}`);
      return z.enum(values as [string, ...string[]]);
    }
    case 'text':
      return z.string().trim().max(kind.maxLength);
    case 'when':
      return z.object({
        start: z.date(),
        end: z.date().optional(),
        precision: z.enum(['minute', 'day']),
        approximate: z.boolean(),
        asSaid: z.string().trim().max(WHEN_SAID_MAX).optional(),
      });
    case 'email':
      return z.string().trim().max(EMAIL_MAX);
    case 'phone':
      return z.string().trim().max(PHONE_MAX);
    case 'evidence':
      return z.object({
        attachments: z.array(
          z.object({
            name: z.string().trim().min(1).max(300),
            contentType: z.string().trim().min(1).max(200),
            contentUrl: z.string().trim().min(1).max(2000),
          }),
        ),
        links: z.array(z.string().trim().max(LINK_MAX)),
      });
  }
}

const schemas = new WeakMap<QuestionnaireSpec, z.ZodType<ReportAnswers>>();

/**
 * The schema of a report's answers, derived from its questionnaire: one optional field per question (an
 * answer may be skipped, unknown or not asked), enums and maximum lengths as the entries give them, and no
 * field the questionnaire does not have.
 */
export function answersSchema(spec: QuestionnaireSpec): z.ZodType<ReportAnswers> {
  const known = schemas.get(spec);
  if (known) return known;
  const shape: Record<string, z.ZodType> = {};
  for (const entry of spec.entries) {
    if (isLoopSpec(entry)) {
      const item: Record<string, z.ZodType> = {};
      for (const question of entry.questions) item[question.id] = answerSchema(question, spec).optional();
      shape[entry.loop] = z.array(z.strictObject(item)).max(entry.maxItems).optional();
    } else {
      shape[entry.id] = answerSchema(entry, spec).optional();
    }
  }
  const schema = z.strictObject(shape);
  schemas.set(spec, schema);
  return schema;
}

const archivedSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    hash: { type: String, required: true, maxlength: 64 },
    spec: { type: Schema.Types.Mixed, required: true },
    archivedAt: { type: Date, required: true },
  },
  { collection: 'questionnaires', versionKey: false },
);

interface ArchivedQuestionnaire {
  _id: Types.ObjectId;
  hash: string;
  spec: QuestionnaireSpec;
  archivedAt: Date;
}

const createModel = (connection: Connection) => connection.model('Questionnaire', archivedSchema);

/**
 * Every questionnaire a stored report was asked with, keyed by content hash and written once, so an old
 * report is always read against its own questions. The ones this build knows (today's and version 1) are
 * answered without the database.
 */
export class QuestionnaireArchive {
  private readonly known = new Map<string, QuestionnaireSpec>();
  private readonly stored = new Set<string>();
  private readonly connection: Connection;

  constructor(
    connection: Connection,
    builtIn: readonly QuestionnaireSpec[] = [CURRENT_QUESTIONNAIRE, QUESTIONNAIRE_V1],
  ) {
    this.connection = connection;
    for (const spec of builtIn) this.known.set(questionnaireHash(spec), spec);
  }

  private get model() {
    return (
      (this.connection.models.Questionnaire as ReturnType<typeof createModel> | undefined) ??
      createModel(this.connection)
    );
  }

  /** Archives a questionnaire (once: a copy already there stays as it is); returns its hash. */
  async archive(spec: QuestionnaireSpec): Promise<string> {
    const hash = questionnaireHash(spec);
    this.known.set(hash, spec);
    if (this.stored.has(hash)) return hash;
    try {
      await this.model.collection.insertOne({
        _id: idForKey('questionnaire', hash),
        hash,
        spec: JSON.parse(canonicalQuestionnaire(spec)) as QuestionnaireSpec,
        archivedAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    this.stored.add(hash);
    return hash;
  }

  /** Every questionnaire reports were asked with: the archived ones and the ones this build knows. */
  async all(): Promise<QuestionnaireSpec[]> {
    const archived = await this.model.collection.find<ArchivedQuestionnaire>({}).toArray();
    for (const found of archived) if (!this.known.has(found.hash)) this.known.set(found.hash, found.spec);
    return [...this.known.values()];
  }

  /** The questionnaire with this hash, from this build or the archive; undefined if it was never archived. */
  async find(hash: string): Promise<QuestionnaireSpec | undefined> {
    const known = this.known.get(hash);
    if (known) return known;
    const found = await this.model.collection.findOne<ArchivedQuestionnaire>({
      _id: idForKey('questionnaire', hash),
    });
    if (!found) return undefined;
    this.known.set(hash, found.spec);
    return found.spec;
  }
}
