import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ConversationState, TestAdapter, UserState, type Activity, type Storage } from 'botbuilder';
import { ReportBot } from '../../bot/channels/reportBot';
import type { Connection } from 'mongoose';
import { receiptGuard, WitnessFollowUp } from '../../models/store/followUp';
import { MainDialog, type ConversationPreferences, type MainDialogDeps } from '../../dialogs/mainDialog';

/** A test clock that only moves when told. */
export class TestClock {
  constructor(private current: Date = new Date('2026-11-22T12:00:00Z')) {}
  readonly now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type WitnessDeps = Omit<MainDialogDeps, 'preferences' | 'clock'>;

/** The dialog dependencies the service uses, on a test database, with a given report repository. */
export function witnessDeps(connection: Connection, reports: WitnessDeps['reports']): WitnessDeps {
  return {
    reports,
    followUp: new WitnessFollowUp(connection, receiptGuard(connection)),
    timeZone: 'Europe/Brussels',
    draftTtlMs: 24 * 60 * 60_000,
    resumeAfterMs: 30 * 60_000,
    retentionDays: 90,
  };
}

/**
 * A witness talking to the real bot (ReportBot, MainDialog, state in the given Storage) through botbuilder's
 * TestAdapter. Each `says` is one turn and returns the bot's replies in order.
 */
export class Witness {
  readonly adapter: TestAdapter;
  readonly clock: TestClock;
  readonly conversationId: string;
  readonly channelId: string;

  /** The key botbuilder's ConversationState stores this conversation under. */
  get stateKey(): string {
    return `${this.channelId}/conversations/${this.conversationId}/`;
  }

  constructor(
    storage: Storage,
    deps: WitnessDeps,
    options: {
      locale?: string;
      channelId?: string;
      conversationId?: string;
      clock?: TestClock;
      from?: Activity['from'];
      channelData?: unknown;
    } = {},
  ) {
    this.clock = options.clock ?? new TestClock();
    const conversationState = new ConversationState(storage);
    const dialog = new MainDialog({
      ...deps,
      clock: this.clock.now,
      preferences: conversationState.createProperty<ConversationPreferences>('Preferences'),
    });
    const bot = new ReportBot(conversationState, new UserState(storage), dialog);
    this.conversationId = options.conversationId ?? `conversation-${randomBytes(4).toString('hex')}`;
    this.channelId = options.channelId ?? 'test';
    const conversation = { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' };
    this.adapter = new TestAdapter(
      async (context) => {
        await bot.run(context);
      },
      {
        channelId: this.channelId,
        conversation,
        from: options.from ?? { id: 'witness-1', name: 'Test Witness' },
        recipient: { id: 'shield-bot', name: 'Shield Reporter' },
        serviceUrl: 'https://test.invalid',
        locale: options.locale ?? 'en-US',
      },
    );
    this.adapter.conversation.conversation = conversation;
    this.adapter.locale = options.locale ?? 'en-US';
    this.channelData = options.channelData;
  }

  private readonly channelData: unknown;

  /** Sends text (or a whole activity) and returns every reply of that turn. */
  async says(input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const activity: Partial<Activity> =
      typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', ...input };
    if (this.channelData !== undefined && activity.channelData === undefined)
      activity.channelData = this.channelData;
    await this.adapter.receiveActivity(activity);
    return this.adapter.activeQueue.splice(0);
  }

  /** Sends and checks that the replies, joined, match each pattern; returns the joined reply text. */
  async expect(input: string | Partial<Activity>, ...patterns: RegExp[]): Promise<string> {
    const replies = await this.says(input);
    const text = replies.map((reply) => reply.text ?? '').join('\n');
    for (const pattern of patterns)
      assert.match(
        text,
        pattern,
        `after "${typeof input === 'string' ? input : 'activity'}" the bot said:\n${text}`,
      );
    return text;
  }
}
