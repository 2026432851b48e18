import { Schema, type Connection } from 'mongoose';
import type { z } from 'zod';
import { idForKey } from './storageKey';

/** The settings an administrator may change at run time (each overrides a configuration default). */
export const SETTING_KEYS = ['retentionDays'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const settingSchema = new Schema(
  {
    // idForKey('setting', key): one document per setting, enforced through _id (see storageKey.ts).
    _id: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, enum: SETTING_KEYS, required: true },
    value: { type: Schema.Types.Mixed, required: true },
    /** The officer account id of whoever set it last. */
    updatedBy: { type: String, required: true, maxlength: 200 },
  },
  { collection: 'settings', timestamps: true, versionKey: false },
);

const createModel = (connection: Connection) => connection.model('Setting', settingSchema);
type SettingModel = ReturnType<typeof createModel>;

/** The Setting model on a connection. */
export function settingModel(connection: Connection): SettingModel {
  return (connection.models.Setting as SettingModel | undefined) ?? createModel(connection);
}

/** Settings stored in MongoDB, so every instance of the service reads the same value. */
export class Settings {
  private readonly model: SettingModel;

  constructor(connection: Connection) {
    this.model = settingModel(connection);
  }

  /**
   * The stored value of a setting, or undefined when none is stored. A stored value the schema refuses (a
   * hand-edited document) counts as none, so the configuration default applies rather than nonsense.
   */
  async read<T extends z.ZodType>(key: SettingKey, schema: T): Promise<z.output<T> | undefined> {
    const found = await this.model.findById(idForKey('setting', key), { value: 1 }).lean();
    if (!found) return undefined;
    const parsed = schema.safeParse(found.value);
    return parsed.success ? parsed.data : undefined;
  }

  /** Stores a setting's value (one document per key, replaced in place). */
  async write(key: SettingKey, value: string | number | boolean, updatedBy: string): Promise<void> {
    await this.model.updateOne(
      { _id: idForKey('setting', key) },
      { $set: { key, value, updatedBy } },
      { upsert: true },
    );
  }
}
