import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { teamsActivity } from '../bot/channels/teams/teamsActivity';

const replySchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
});
/** One activity the bot sent back. */
export type Reply = z.infer<typeof replySchema>;

const answerSchema = z.object({ activities: z.array(replySchema) });

/**
 * One Teams user's personal chat with the bot over real HTTP: every turn is posted to `/api/messages` as
 * Teams posts it (channel msteams, tenant and user in channelData) and the replies come back in the
 * response (`expectReplies`). Invented identities only.
 */
export class TeamsChat {
  readonly conversationId = `a:invented-personal-chat-${randomUUID()}`;

  constructor(
    private readonly serviceUrl: string,
    private readonly options: {
      tenantId?: string;
      locale?: string;
      name?: string;
      /** Where Teams says the bot can reach this chat (a local stand-in for the Teams connector). */
      connectorUrl?: string;
    } = {},
  ) {}

  /** Sends a message (text, a card submit value, files) and returns the bot's replies. */
  async send(message: { text?: string; value?: unknown; attachments?: unknown[] }): Promise<Reply[]> {
    const activity = teamsActivity({
      conversationId: this.conversationId,
      tenantId: this.options.tenantId,
      locale: this.options.locale ?? 'en-US',
      fromName: this.options.name ?? 'Test Witness',
      ...(message.text === undefined ? {} : { text: message.text }),
      extra: {
        ...(this.options.connectorUrl ? { serviceUrl: this.options.connectorUrl } : {}),
        ...(message.value === undefined ? {} : { value: message.value }),
        ...(message.attachments ? { attachments: message.attachments } : {}),
      },
    });
    const response = await fetch(`${this.serviceUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (response.status !== 200) throw new Error(`the service answered ${response.status}`);
    return answerSchema.parse(await response.json()).activities;
  }

  /** Sends a text and returns the replies' texts joined, failing when they do not match `expect`. */
  async say(text: string, expect: RegExp): Promise<string> {
    const replies = await this.send({ text });
    const joined = replies.map((reply) => reply.text ?? '').join('\n');
    if (!expect.test(joined)) throw new Error(`after "${text}" expected ${String(expect)}, got: ${joined}`);
    return joined;
  }
}

/** The `data` of the review card's submit action (`confirm`, `change`) in the replies, as Teams returns it. */
export function cardSubmit(replies: Reply[], action: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const data = record.data as { shieldReporter?: { action?: unknown } } | undefined;
      if (record.type === 'Action.Submit' && data?.shieldReporter?.action === action) found.push(data);
      Object.values(record).forEach(walk);
    }
  };
  walk(replies.map((reply) => reply.attachments ?? []));
  const [data] = found;
  if (!data) throw new Error(`no card action "${action}" in the replies`);
  return data;
}
