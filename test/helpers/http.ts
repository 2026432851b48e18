import { shownText } from './directLineClient';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { z } from 'zod';

/** A restify server listening on a free loopback port, and how to close it. */
export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 with a port chosen by the system. */
export async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port }: AddressInfo = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
    },
  };
}

/** The fields of a test activity that a test may change. */
export interface ActivityOverrides {
  type?: string;
  text?: string;
  locale?: string;
  channelId?: string;
  conversationId?: string;
  fromName?: string;
  membersAdded?: { id: string; name?: string }[];
}

/**
 * A Bot Framework activity as a channel would post it, asking for the replies in the HTTP response
 * (`expectReplies`), so no channel needs to run to receive them. Invented data only.
 */
export function testActivity(overrides: ActivityOverrides = {}): Record<string, unknown> {
  const conversationId = overrides.conversationId ?? `conversation-${randomUUID()}`;
  return {
    type: overrides.type ?? 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: overrides.channelId ?? 'emulator',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    from: { id: 'witness-1', name: overrides.fromName ?? 'Test Witness' },
    recipient: { id: 'shield-bot', name: 'Shield Reporter' },
    conversation: { id: conversationId },
    locale: overrides.locale ?? 'en-US',
    ...(overrides.text === undefined ? {} : { text: overrides.text }),
    ...(overrides.membersAdded ? { membersAdded: overrides.membersAdded } : {}),
  };
}

/** What came back from posting an activity. */
export interface TurnAnswer {
  readonly status: number;
  /** The texts of the replies returned with `expectReplies`. */
  readonly replies: string[];
  /** The same replies with the text of their cards (the receipt comes in a card of its own). */
  readonly shown: string[];
}

const expectRepliesBody = z.object({
  activities: z
    .array(z.looseObject({ text: z.string().optional(), attachments: z.array(z.unknown()).optional() }))
    .optional(),
});

/** Posts an activity to `/api/messages` and returns the status and reply texts. */
export async function postActivity(
  baseUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<TurnAnswer> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  if (response.status !== 200 || text === '') return { status: response.status, replies: [], shown: [] };
  const body = expectRepliesBody.parse(JSON.parse(text));
  return {
    status: response.status,
    replies: (body.activities ?? []).map((reply) => reply.text ?? ''),
    shown: (body.activities ?? []).map((reply) => shownText(reply)),
  };
}
