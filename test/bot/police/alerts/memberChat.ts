import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { teamsActivity } from '../../channels/teams/teamsActivity';

const answerSchema = z.object({
  activities: z.array(
    z.looseObject({
      type: z.string(),
      text: z.string().optional(),
      attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown() })).optional(),
    }),
  ),
});

/**
 * One partner member's personal chat with the bot over real HTTP (as teamsChat.ts, but each member has
 * their own Entra object id, so that several members of one tenant can be told apart). Invented identities.
 */
export class MemberChat {
  readonly conversationId = `a:invented-member-chat-${randomUUID()}`;

  constructor(
    private readonly serviceUrl: string,
    readonly tenantId: string,
    readonly aadObjectId: string,
    private readonly locale: string,
    private readonly connectorUrl: string,
  ) {}

  /** Sends a text or a card submit value; returns the replies' texts joined. */
  async send(message: { text?: string; value?: unknown }): Promise<string> {
    const activity = teamsActivity({
      conversationId: this.conversationId,
      tenantId: this.tenantId,
      locale: this.locale,
      ...(message.text === undefined ? {} : { text: message.text }),
      extra: {
        serviceUrl: this.connectorUrl,
        from: { id: `29:${this.aadObjectId}`, name: 'Invented Member', aadObjectId: this.aadObjectId },
        ...(message.value === undefined ? {} : { value: message.value }),
      },
    });
    const response = await fetch(`${this.serviceUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (response.status !== 200) throw new Error(`the service answered ${response.status}`);
    const { activities } = answerSchema.parse(await response.json());
    return activities.map((reply) => reply.text ?? '').join('\n');
  }

  /** Sends a text, failing when the replies do not match `expect`. */
  async say(text: string, expect: RegExp): Promise<string> {
    const joined = await this.send({ text });
    if (!expect.test(joined)) throw new Error(`after "${text}" expected ${String(expect)}, got: ${joined}`);
    return joined;
  }
}
