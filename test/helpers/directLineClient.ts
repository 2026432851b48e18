import type { Challenge } from 'altcha-lib';
import { solvedPayload } from './proofOfWork';

/** What a Direct Line call answered. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A Direct Line activity as the channel returns it. */
export interface Activity {
  id?: string;
  type: string;
  text?: string;
  from?: { id?: string; role?: string };
  attachments?: { contentType: string; contentUrl?: string; name?: string }[];
  [key: string]: unknown;
}

/** A plain Direct Line 3.0 client over fetch: what any client (not only Web Chat) would send. */
export class DirectLineClient {
  constructor(
    readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async call(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...this.extraHeaders, ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { raw: text };
    }
    return { status: response.status, headers: response.headers, body };
  }

  /**
   * A new conversation's token (`POST /api/webchat/token`); a proof-of-work challenge (the service under
   * pressure) is solved and the request sent again, as the page does.
   */
  async token(): Promise<{ token: string; conversationId: string; expiresIn: number }> {
    let answer = await this.call('POST', '/api/webchat/token', { json: {} });
    const challenge = answer.body.challenge as Challenge | undefined;
    if (answer.status === 403 && challenge)
      answer = await this.call('POST', '/api/webchat/token', {
        json: { altcha: await solvedPayload(challenge) },
      });
    if (answer.status !== 200) throw new Error(`token route answered ${answer.status}`);
    return {
      token: String(answer.body.token),
      conversationId: String(answer.body.conversationId),
      expiresIn: Number(answer.body.expires_in),
    };
  }

  /** Token, then start: the conversation the bot has welcomed. */
  async open(): Promise<{ token: string; conversationId: string; streamUrl: string }> {
    const { token, conversationId } = await this.token();
    const started = await this.call('POST', '/v3/directline/conversations', { token });
    if (started.status !== 201) throw new Error(`start answered ${started.status}`);
    return { token, conversationId, streamUrl: String(started.body.streamUrl) };
  }

  /** Activities after a watermark, and the new watermark. */
  async read(
    conversationId: string,
    token: string,
    watermark?: string,
  ): Promise<{ activities: Activity[]; watermark: string | undefined }> {
    const query = watermark === undefined ? '' : `?watermark=${watermark}`;
    const answer = await this.call(
      'GET',
      `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities${query}`,
      { token },
    );
    if (answer.status !== 200) throw new Error(`read answered ${answer.status}`);
    return {
      activities: answer.body.activities as Activity[],
      watermark: answer.body.watermark as string | undefined,
    };
  }

  /** Posts a user message; resolves with the answer (the channel answers once the bot's turn is done). */
  say(conversationId: string, token: string, activity: Partial<Activity>): Promise<Answer> {
    return this.call(
      'POST',
      `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`,
      {
        token,
        json: { type: 'message', from: { id: 'witness' }, ...activity },
      },
    );
  }
}

/**
 * What a witness reads of an activity: its text, then the text blocks of its Adaptive Cards (the receipt
 * is one), with the non-breaking hyphens of the codes read as dashes.
 */
export function shownText(activity: { text?: string; attachments?: readonly unknown[] }): string {
  const blocks = (activity.attachments ?? []).flatMap((attachment) => {
    const body = (attachment as { content?: { body?: { text?: unknown }[] } }).content?.body ?? [];
    return body.map((block) => (typeof block.text === 'string' ? block.text : '')).filter(Boolean);
  });
  return [activity.text ?? '', ...blocks]
    .filter(Boolean)
    .join('\n')
    .replace(/\u2011/g, '-');
}
