import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import {
  UNUSED_CONVERSATION_MS,
  UnknownConversationError,
  type ConversationRecord,
  type StoredActivity,
  type TranscriptStore,
} from '../../../models/store/transcript';
import { ServiceError } from '../../../models/core/errors';
import { WITNESS_CLIENT } from '../../../dialogs/statusDialog';
import type { Logger } from '../../logger';
import { channelTurnAuthentication } from './connector';
import type { DirectLineTokens, TokenGrant } from './tokens';

/** The channel id the bot sees for web chat conversations. */
export const WEBCHAT_CHANNEL_ID = 'webchat';
const MAX_TEXT = 8_000;

const attachmentSchema = z.object({
  contentType: z.string().max(200),
  contentUrl: z.string().max(2000).optional(),
  name: z.string().max(300).optional(),
  content: z.unknown().optional(),
  thumbnailUrl: z.string().max(2000).optional(),
});

/** What a client may post: the fields of a user activity the bot reads. Anything else is dropped. */
export const clientActivitySchema = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(MAX_TEXT, `text is limited to ${MAX_TEXT} characters`).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  value: z.unknown().optional(),
  name: z.string().max(100).optional(),
  from: z
    .object({ id: z.string().max(200) })
    .loose()
    .optional(),
  attachments: z.array(attachmentSchema).max(10).optional(),
  channelData: z
    .object({ clientActivityID: z.string().max(100).optional() })
    .loose()
    .optional(),
});
export type ClientActivity = z.infer<typeof clientActivitySchema>;

/**
 * An authorised request: the conversation its token grants, as it was when checked. `conversation` is
 * undefined for a conversation that is not stored yet (no message from the witness so far).
 */
export interface Grant extends TokenGrant {
  conversation?: ConversationRecord | undefined;
}

export interface ChannelDeps {
  transcripts: TranscriptStore;
  tokens: DirectLineTokens;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  appId: string;
  /** Where the bot posts its replies: this service's connector endpoint, as the service reaches itself. */
  serviceUrl: () => string;
  /** Per-conversation message limit: rejects with an Error when its store failed, otherwise when over. */
  activityLimiter: Pick<RateLimiterAbstract, 'consume'>;
  maxActivities: number;
  /**
   * What the bot answers a new member with (its conversationUpdate turn), for a conversation's locale. It
   * is shown from the token until the conversation is stored, so it must be what the bot then sends.
   */
  welcome?: (locale: string | undefined) => Partial<Activity>[];
  logger: Logger;
  clock?: () => Date;
  /** How often streamed conversations are checked for other instances' activities (default 1 s). */
  streamPollMs?: number;
}

// A bot message marked like this is delivered as sent, but stored as `storedAs` (see liveOnce).
const storedAsSchema = z
  .object({
    shieldReporter: z
      .object({
        storedAs: z.object({ text: z.string().max(MAX_TEXT).optional(), attachments: z.array(z.unknown()) }),
      })
      .loose(),
  })
  .loose();

/** How often the streamed conversations are checked for activities other instances appended. */
const STREAM_POLL_MS = 1_000;

/** How long a message shown only once waits for its reader before only the stored version is left. */
const LIVE_ONCE_MS = 10 * 60_000;

interface UserTurn {
  conversationId: string;
  entry: StoredActivity;
  /** The place reserved for the bot's first reply, until it is taken. */
  replyPlace: number | undefined;
  stored: Promise<void> | undefined;
}

function activityId(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}

/**
 * The self-hosted Direct Line channel: conversations and their activities live in MongoDB (so any instance
 * can serve any conversation); user activities are handed to the bot through the adapter, and the bot's
 * replies come back through the connector endpoint and are appended in turn.
 */
export class DirectLineChannel {
  private readonly events = new EventEmitter();
  // Turns of one conversation run one after the other on an instance, so state is never raced.
  private readonly turns = new Map<string, Promise<void>>();
  private readonly clock: () => Date;
  // Messages shown only once (the receipt code): the transcript keeps a version without the secret, and the
  // full one waits here, in this instance's memory only, for the first read of the conversation after it.
  private readonly liveOnce = new Map<string, { activity: Record<string, unknown>; expires: number }>();

  constructor(private readonly deps: ChannelDeps) {
    this.events.setMaxListeners(0);
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * A token naming a new conversation for a new anonymous web user. Nothing is stored: the token is signed,
   * so a flood of token requests costs no storage; the conversation is stored with its first message.
   */
  async createConversation(
    locale?: string,
  ): Promise<{ conversationId: string; userId: string; token: string; expiresIn: number }> {
    const conversationId = randomBytes(16).toString('base64url');
    const userId = `dl_${randomBytes(12).toString('base64url')}`;
    const { token, expiresIn } = await this.deps.tokens.issue({ conversationId, userId, locale });
    return { conversationId, userId, token, expiresIn };
  }

  /** The grant of a valid token, checked by its signature only (no database); 403 otherwise. */
  async verify(token: string | undefined, conversationId?: string): Promise<TokenGrant> {
    if (!token) throw new ServiceError('MissingToken', 'A token is required.');
    let grant: TokenGrant;
    try {
      grant = await this.deps.tokens.verify(token);
    } catch (error) {
      const expired = (error as { code?: string }).code === 'TokenExpired';
      throw new ServiceError(
        expired ? 'TokenExpired' : 'BadToken',
        expired ? 'The token has expired.' : 'The token is not valid.',
      );
    }
    if (conversationId !== undefined && grant.conversationId !== conversationId) {
      throw new ServiceError('BadToken', 'The token is not valid for this conversation.');
    }
    return grant;
  }

  /**
   * Whether a conversation missing from the store may still begin: its first token is younger than
   * UNUSED_CONVERSATION_MS. An older one was stored and deleted since (retention), or never used: 404.
   */
  mayBegin(grant: TokenGrant): boolean {
    const born = grant.bornAt?.getTime() ?? 0;
    return this.clock().getTime() - born < UNUSED_CONVERSATION_MS;
  }

  /**
   * The conversation a token grants, checked against the one asked for (403 elsewhere, 404 if gone). A
   * conversation not stored yet is granted without its record while it may still begin.
   */
  async authorise(token: string | undefined, conversationId?: string): Promise<Grant> {
    const grant = await this.verify(token, conversationId);
    const conversation = await this.deps.transcripts.find(grant.conversationId);
    if (!conversation) {
      if (this.mayBegin(grant)) return { ...grant, conversation: undefined };
      throw new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 });
    }
    return { ...grant, conversation };
  }

  /** The welcome as shown before the conversation is stored: what the bot will send, at the same places. */
  private preview(grant: TokenGrant): StoredActivity[] {
    const welcome = this.deps.welcome?.(grant.locale) ?? [];
    const timestamp = this.clock().toISOString();
    return welcome.map((activity, watermark) => ({
      watermark,
      activity: JSON.parse(
        JSON.stringify({
          type: 'message',
          ...activity,
          id: activityId(grant.conversationId, watermark),
          replyToId: `${grant.conversationId}|start`,
          channelId: WEBCHAT_CHANNEL_ID,
          conversation: { id: grant.conversationId },
          from: this.bot(),
          recipient: { id: grant.userId, role: 'user' },
          ...(grant.locale ? { locale: grant.locale } : {}),
          timestamp,
        }),
      ) as Record<string, unknown>,
    }));
  }

  private bot() {
    return { id: this.deps.appId || 'shield-reporter', name: 'Shield Reporter', role: 'bot' };
  }

  // First messages of one conversation on this instance wait for the one that stores it.
  private readonly storing = new Map<string, Promise<void>>();

  /**
   * Stores a conversation that carries its first real message (or choice) now: its record, then the bot's
   * welcome turn, whose activities take the places the preview showed them at. Only the instance whose
   * insert created the record runs the welcome.
   */
  async store(grant: Grant): Promise<Grant> {
    if (grant.conversation) return grant;
    const { conversationId, userId, locale } = grant;
    let storing = this.storing.get(conversationId);
    if (!storing) {
      storing = (async () => {
        if (!(await this.deps.transcripts.create(conversationId, userId, locale))) return;
        await this.runTurn(conversationId, {
          type: 'conversationUpdate',
          id: `${conversationId}|start`,
          membersAdded: [{ id: userId }],
          ...(locale ? { locale } : {}),
          ...this.envelope(conversationId, userId),
        });
      })().finally(() => this.storing.delete(conversationId));
      this.storing.set(conversationId, storing);
    }
    await storing;
    const conversation = await this.deps.transcripts.find(conversationId);
    if (!conversation) throw new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 });
    return { ...grant, conversation };
  }

  private envelope(conversationId: string, userId: string) {
    return {
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: this.deps.serviceUrl(),
      conversation: { id: conversationId },
      from: { id: userId, role: 'user' },
      recipient: this.bot(),
      timestamp: this.clock().toISOString(),
    };
  }

  /** Accepts a user's activity: limits, transcript, then the bot's turn. Returns the activity id. */
  async postFromUser(
    grant: Grant,
    incoming: ClientActivity,
    attachments?: ClientActivity['attachments'],
    clientAddress?: string,
  ): Promise<string> {
    if (!grant.conversation) {
      // Typing and events before the first message are not kept: a conversation costs storage only once
      // the witness has written in it.
      if (incoming.type !== 'message') return `${grant.conversationId}|unstored`;
      grant = await this.store(grant);
    }
    if ((grant.conversation as ConversationRecord).count >= this.deps.maxActivities) {
      throw new ServiceError('TooManyRequests', 'This conversation has reached its size limit.');
    }
    await this.consume(grant.conversationId);
    const id = await this.appendAndRun(grant, incoming, attachments, clientAddress);
    if (id === undefined) throw new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 });
    return id;
  }

  /**
   * Accepts a user's activity on a token alone: the conversation's record comes back with the append (one
   * round trip for both), and only a conversation the store does not hold yet takes the longer way (it is
   * stored with this first message). Returns the activity id.
   */
  async post(grant: TokenGrant, incoming: ClientActivity, clientAddress?: string): Promise<string> {
    await this.consume(grant.conversationId);
    const id = await this.appendAndRun(grant, incoming, undefined, clientAddress);
    if (id !== undefined) return id;
    if (!this.mayBegin(grant))
      throw new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 });
    // Typing and events before the first message are not kept: a conversation costs storage only once the
    // witness has written in it.
    if (incoming.type !== 'message') return `${grant.conversationId}|unstored`;
    const stored = await this.store({ ...grant, conversation: undefined });
    const first = await this.appendAndRun(stored, incoming, undefined, clientAddress);
    if (first === undefined) throw new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 });
    return first;
  }

  // Counted in memory (see SharedCounterLimiter): no database round trip.
  private async consume(conversationId: string): Promise<void> {
    try {
      await this.deps.activityLimiter.consume(conversationId);
    } catch (refusal) {
      // The limiter rejects with its result when over the limit, and with an Error when its store failed:
      // a database failure is ours (5xx), not the witness's fault (429).
      if (refusal instanceof Error) throw refusal;
      throw new ServiceError('TooManyRequests', 'Too many messages; please slow down.');
    }
  }

  /** Appends the user's activity and runs the bot's turn on it; undefined when the store has no such conversation. */
  private async appendAndRun(
    grant: TokenGrant,
    incoming: ClientActivity,
    attachments: ClientActivity['attachments'],
    clientAddress: string | undefined,
  ): Promise<string | undefined> {
    const { conversationId, userId } = grant;
    let id = '';
    let built: Record<string, unknown> = {};
    const build = (position: number, conversation: ConversationRecord) => {
      id = activityId(conversationId, position);
      built = {
        type: incoming.type,
        id,
        ...(incoming.text !== undefined ? { text: incoming.text } : {}),
        ...(incoming.textFormat ? { textFormat: incoming.textFormat } : {}),
        ...(incoming.value !== undefined ? { value: incoming.value } : {}),
        ...(incoming.name ? { name: incoming.name } : {}),
        locale: incoming.locale ?? conversation.locale,
        ...(attachments?.length ? { attachments } : {}),
        channelData: { clientActivityID: incoming.channelData?.clientActivityID },
        ...this.envelope(conversationId, userId),
      };
      return built;
    };
    // A turn's activity and the bot's first reply share one round trip for their places (the record comes
    // back with it) and one insert; typing runs no turn and is stored at once.
    const turns = incoming.type !== 'typing';
    const allocated = await this.deps.transcripts
      .allocate(conversationId, this.deps.maxActivities, turns ? 1 : 0)
      .catch((error: unknown) => {
        if (error instanceof UnknownConversationError) return undefined;
        throw error;
      });
    if (allocated === undefined) return undefined;
    if (allocated === 'full') {
      throw new ServiceError('TooManyRequests', 'This conversation has reached its size limit.');
    }
    const { watermark, record } = allocated;
    const entry: StoredActivity = { watermark, activity: build(watermark, record) };
    // A conversation stored by an earlier version when it started expires until its first message.
    if (incoming.type === 'message' && !record.carriesMessage) {
      await this.deps.transcripts.keep(conversationId);
    }
    if (!turns) {
      await this.deps.transcripts.insertActivities(conversationId, [entry]);
      this.appended(conversationId, { watermark, activity: JSON.parse(JSON.stringify(built)) as never });
      return id;
    }
    const turn: UserTurn = { conversationId, entry, replyPlace: watermark + 1, stored: undefined };
    this.userTurns.set(id, turn);
    try {
      // Shown at once; stored with the bot's first reply (or after the turn if there is none), and always
      // before the witness is told it was sent (this request's answer).
      this.appended(conversationId, { watermark, activity: JSON.parse(JSON.stringify(built)) as never });
      const client = clientAddress === undefined ? undefined : this.deps.tokens.clientKey(clientAddress);
      // The bot gets the activity as stored (a JSON round trip, as a reader of the transcript would see it).
      await this.runTurn(
        conversationId,
        JSON.parse(JSON.stringify(built)) as Record<string, unknown>,
        client,
      );
      await this.storeUserActivity(turn, []);
    } finally {
      this.userTurns.delete(id);
    }
    return id;
  }

  // The user's activities whose turn runs, by activity id: the place reserved for the first reply, and
  // whether the activity is stored yet.
  private readonly userTurns = new Map<string, UserTurn>();

  /** Stores a turn's user activity (once), with the activities given, in one insert. */
  private async storeUserActivity(turn: UserTurn, with_: StoredActivity[]): Promise<void> {
    if (!turn.stored) {
      turn.stored = this.deps.transcripts.insertActivities(turn.conversationId, [turn.entry, ...with_]);
      return turn.stored;
    }
    await turn.stored;
    await this.deps.transcripts.insertActivities(turn.conversationId, with_);
  }

  /**
   * Appends an activity the bot sent (through the connector endpoint). One marked with
   * `channelData.shieldReporter.storedAs` (the receipt) is stored as that version; the one sent is handed
   * once to the conversation's next read (its stream, or a GET of its activities), and never stored.
   */
  async postFromBot(conversationId: string, activity: Record<string, unknown>): Promise<string> {
    let id = '';
    let live: Record<string, unknown> | undefined;
    let stored: Record<string, unknown> = {};
    const marked = storedAsSchema.safeParse(activity.channelData);
    const build = (position: number) => {
      id = activityId(conversationId, position);
      const built: Record<string, unknown> = {
        ...activity,
        id,
        channelId: WEBCHAT_CHANNEL_ID,
        conversation: { id: conversationId },
        from: this.bot(),
        timestamp: this.clock().toISOString(),
      };
      if (!marked.success) {
        stored = built;
        return built;
      }
      const { storedAs, ...mark } = marked.data.shieldReporter;
      const channelData = { ...marked.data, shieldReporter: mark };
      live = { ...built, channelData };
      stored = {
        ...built,
        attachments: storedAs.attachments,
        channelData: { ...marked.data, shieldReporter: { ...mark, redacted: true } },
      };
      if (storedAs.text !== undefined) stored.text = storedAs.text;
      else delete stored.text;
      return stored;
    };
    // The first reply to a message takes the place reserved with it, and is stored with it in one insert.
    const turn = typeof activity.replyToId === 'string' ? this.userTurns.get(activity.replyToId) : undefined;
    let watermark: number;
    if (turn && turn.conversationId === conversationId && turn.replyPlace !== undefined) {
      watermark = turn.replyPlace;
      turn.replyPlace = undefined;
      await this.storeUserActivity(turn, [{ watermark, activity: build(watermark) }]);
    } else {
      watermark = await this.deps.transcripts.append(conversationId, build).catch((error: unknown) => {
        if (error instanceof UnknownConversationError)
          throw new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 });
        throw error;
      });
    }
    if (live)
      this.liveOnce.set(`${conversationId}\u0000${watermark}`, {
        activity: live,
        expires: this.clock().getTime() + LIVE_ONCE_MS,
      });
    this.appended(conversationId, { watermark, activity: JSON.parse(JSON.stringify(stored)) as never });
    return id;
  }

  /**
   * The activities after a watermark: as stored, except a message shown once, to its first reader. For a
   * conversation not stored yet (as the grant was checked), the welcome it will be stored with.
   */
  async activities(grant: Grant, watermark: number | undefined): Promise<StoredActivity[]> {
    const { conversationId } = grant;
    const stored = await this.deps.transcripts.after(conversationId, watermark);
    if (stored.length === 0 && !grant.conversation) {
      // Empty: either still unstored, or stored since with nothing after this watermark (the welcome
      // is stored at the places the preview showed it, so the preview after it is empty too).
      return this.preview(grant).filter((entry) => entry.watermark > (watermark ?? -1));
    }
    return this.shown(conversationId, stored);
  }

  /** Activities as their reader sees them: a message shown once replaces its stored version, once. */
  shown(conversationId: string, stored: StoredActivity[]): StoredActivity[] {
    if (this.liveOnce.size === 0) return stored;
    const now = this.clock().getTime();
    for (const [key, entry] of this.liveOnce) if (entry.expires <= now) this.liveOnce.delete(key);
    return stored.map((entry) => {
      const key = `${conversationId}\u0000${entry.watermark}`;
      const live = this.liveOnce.get(key);
      if (!live) return entry;
      this.liveOnce.delete(key);
      return { watermark: entry.watermark, activity: live.activity };
    });
  }

  /**
   * Calls back when a conversation gets activities: with the activity as stored when this instance
   * appended it (so a reader can show it without reading it back), without one when the shared poll saw
   * that another instance appended. Returns the unsubscribe function.
   */
  subscribe(conversationId: string, listener: (appended?: StoredActivity) => void): () => void {
    this.events.on(conversationId, listener);
    this.watched.set(conversationId, (this.watched.get(conversationId) ?? 0) + 1);
    this.startPolling();
    return () => {
      this.events.off(conversationId, listener);
      const left = (this.watched.get(conversationId) ?? 1) - 1;
      if (left > 0) this.watched.set(conversationId, left);
      else {
        this.watched.delete(conversationId);
        this.known.delete(conversationId);
      }
    };
  }

  // Conversations with open streams here (how many), and how many activities each was last known to have.
  private readonly watched = new Map<string, number>();
  private readonly known = new Map<string, number>();
  private poller: NodeJS.Timeout | undefined;
  private polling = false;

  private appended(conversationId: string, entry: StoredActivity): void {
    if (this.watched.has(conversationId)) {
      this.known.set(conversationId, Math.max(this.known.get(conversationId) ?? 0, entry.watermark + 1));
    }
    this.events.emit(conversationId, entry);
  }

  /**
   * Another instance may append to a conversation streamed here (a witness's posts can reach any instance):
   * one query a poll for all the streamed conversations' counts, not one read per stream, and a stream
   * reads the transcript only when its conversation grew elsewhere.
   */
  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => void this.poll(), this.deps.streamPollMs ?? STREAM_POLL_MS);
    this.poller.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    if (this.watched.size === 0) {
      clearInterval(this.poller);
      this.poller = undefined;
      return;
    }
    this.polling = true;
    try {
      const counts = await this.deps.transcripts.counts([...this.watched.keys()]);
      for (const [conversationId, count] of counts) {
        if (!this.watched.has(conversationId)) continue;
        const known = this.known.get(conversationId);
        this.known.set(conversationId, Math.max(known ?? 0, count));
        if (known === undefined || count > known) this.events.emit(conversationId);
      }
    } catch {
      // The database is down: streams go on with what this instance appends, and the next poll tries again.
    } finally {
      this.polling = false;
    }
  }

  /** Stops the shared poll (the service stops). */
  close(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private runTurn(conversationId: string, activity: Record<string, unknown>, client?: string): Promise<void> {
    const previous = this.turns.get(conversationId) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(() =>
        this.deps.adapter.processActivityDirect(
          channelTurnAuthentication(this.deps.appId, this.deps.serviceUrl(), this.deps.tokens, (id, reply) =>
            this.postFromBot(id, reply),
          ),
          // Built by this channel from a validated client activity (or a conversation start).
          activity as unknown as Activity,
          (context) => {
            // Who the witness writes from, for the receipt check's counters: vouched for by this channel.
            if (client !== undefined) context.turnState.set(WITNESS_CLIENT, client);
            return this.deps.bot.run(context);
          },
        ),
      )
      .catch((error: unknown) => {
        // The turn error handler has already answered the user; this records that the turn failed.
        this.deps.logger.error(
          { conversationId, err: { name: (error as Error).name } },
          'web chat turn failed',
        );
      })
      .finally(() => {
        if (this.turns.get(conversationId) === turn) this.turns.delete(conversationId);
      });
    this.turns.set(conversationId, turn);
    return turn;
  }
}
