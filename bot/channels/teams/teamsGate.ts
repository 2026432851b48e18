import { CardFactory, TurnContext, type Activity, type Attachment } from 'botbuilder';
import { z } from 'zod';
import { FOLLOW_UP_ONLY } from '../../../dialogs/mainDialog';
import { messagesFor, resolveLocale, type Locale } from '../../../dialogs/locales';
import { bounded } from '../../../models/store/db';
import { EVIDENCE_EXTENSIONS } from '../../../models/core/evidenceTypes';
import { signedAuthorization } from '../adapter';
import { humanSize } from '../../../models/core/evidenceTypes';
import { keepTeamsFile, type TeamsFileDeps, type TeamsFileRefusal } from './teamsFiles';

/** What the Teams checks need from the rest of the service. */
export interface TeamsGateDeps {
  /** The registered, active partner organisation of a tenant. */
  organisationForTenant(tenantId: string): Promise<string | undefined>;
  /** Accept every tenant (configuration TEAMS_ALLOW_ALL_TENANTS). */
  allowAllTenants: boolean;
  /** Keeps where a Teams reporter can be reached later; `personal` marks their 1:1 chat with the bot. */
  saveReference(
    user: { tenantId: string; aadObjectId: string },
    reference: object,
    options: { personal: boolean },
  ): Promise<void>;
  /** Whether a Teams user has reports of their own (who may follow them up whatever their tenant). */
  hasReports?(user: { tenantId: string; aadObjectId: string }): Promise<boolean>;
  /** The bot's Microsoft app id, for the link that opens the personal chat. */
  botAppId?: string;
  /** Where files sent in the chat are kept as evidence (see teamsFiles.ts); without it, links are kept. */
  files?: TeamsFileDeps | undefined;
}

/**
 * The tenant lookup for a database outage: each lookup waits at most `timeoutMs`, and when the database
 * fails or does not answer, a tenant found in the last `rememberMs` is still admitted (so a Teams witness in
 * the middle of a report can confirm). A tenant not seen recently is not admitted on trust: the lookup fails.
 */
export function rememberingTenantLookup(
  lookup: (tenantId: string) => Promise<string | undefined>,
  options: { timeoutMs?: number; rememberMs?: number; maxTenants?: number; clock?: () => Date } = {},
): (tenantId: string) => Promise<string | undefined> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const rememberMs = options.rememberMs ?? 30 * 60_000;
  const maxTenants = options.maxTenants ?? 1_000;
  const now = () => (options.clock ?? (() => new Date()))().getTime();
  const admitted = new Map<string, { organisation: string; at: number }>();
  return async (tenantId) => {
    try {
      const organisation = await bounded(lookup(tenantId), timeoutMs);
      admitted.delete(tenantId);
      if (organisation !== undefined) {
        admitted.set(tenantId, { organisation, at: now() });
        if (admitted.size > maxTenants) admitted.delete(admitted.keys().next().value ?? tenantId);
      }
      return organisation;
    } catch (error) {
      const recent = admitted.get(tenantId);
      if (recent && now() - recent.at <= rememberMs) return recent.organisation;
      throw error;
    }
  };
}

const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

// Teams names the type by extension; the report dialog accepts these as evidence.
const CONTENT_TYPES: Readonly<Record<string, string>> = EVIDENCE_EXTENSIONS;

/**
 * Where Teams keeps images pasted into a message (the Bot Framework connector's attachment service); they
 * are fetched with the bot's connector token, so nothing else may ever receive it.
 */
export const INLINE_IMAGE_HOSTS: readonly string[] = ['smba.trafficmanager.net', 'asm.skype.com'];

const downloadInfo = z.object({
  downloadUrl: z.url({ protocol: /^https?$/ }),
  fileType: z.string().min(1).max(10),
});

const teamsChannelData = z.looseObject({
  tenant: z.looseObject({ id: z.string().min(1).max(100) }).optional(),
});

/** The tenant id Teams puts in channelData, if any, in lower case (Entra and emulators differ in case). */
export function tenantOf(context: TurnContext): string | undefined {
  const parsed = teamsChannelData.safeParse(context.activity.channelData);
  return parsed.success ? parsed.data.tenant?.id.trim().toLowerCase() : undefined;
}

/** Whether a Teams activity comes from the user's personal (1:1) chat with the bot. */
export function isPersonalChat(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'personal' || (type === undefined && activity.conversation?.isGroup !== true);
}

/** The link that opens the user's personal chat with the bot in Teams. */
export function personalChatLink(botId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${botId}`;
}

/**
 * The one answer given outside the personal chat: a report or a police question must never be read by a
 * group chat or a channel, so the bot only points to the personal chat, with a button that opens it.
 */
export function personalChatInvitation(locale: Locale, botId: string): Partial<Activity> {
  const texts = messagesFor(locale).teamsChat;
  return {
    type: 'message',
    text: texts.personalOnly,
    attachments: [
      CardFactory.adaptiveCard({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [{ type: 'TextBlock', text: texts.personalOnly, wrap: true }],
        actions: [{ type: 'Action.OpenUrl', title: texts.openPersonalChat, url: personalChatLink(botId) }],
      }),
    ],
  };
}

function botIdOf(activity: Partial<Activity>, deps: Pick<TeamsGateDeps, 'botAppId'>): string {
  return deps.botAppId ? `28:${deps.botAppId}` : (activity.recipient?.id ?? '');
}

/**
 * Teams sends a file from the personal chat as a "file download info" attachment; the report dialog takes
 * evidence as `{ name, contentType, contentUrl }`. Returns the converted attachments, or undefined when a
 * file has no usable download URL or a type that is not accepted. The `text/html` companion of a message
 * (Teams' rendering of the text, with any pasted image) is dropped: the image comes as its own attachment.
 */
export function normaliseTeamsFiles(attachments: readonly Attachment[]): Attachment[] | undefined {
  const converted: Attachment[] = [];
  for (const attachment of attachments) {
    if (attachment.contentType === 'text/html') continue;
    if (attachment.contentType !== FILE_DOWNLOAD_INFO) {
      converted.push(attachment);
      continue;
    }
    const info = downloadInfo.safeParse(attachment.content);
    const contentType = info.success ? CONTENT_TYPES[info.data.fileType.toLowerCase()] : undefined;
    if (!info.success || !contentType) return undefined;
    converted.push({
      name: attachment.name ?? `file.${info.data.fileType}`,
      contentType,
      contentUrl: info.data.downloadUrl,
    });
  }
  return converted;
}

/**
 * Teams joins lines separated by a single line break into one paragraph, so a numbered list of choices or
 * the receipt code would run into the next sentence: every line break of a reply becomes a paragraph.
 */
export function keepLineBreaks(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const reply of activities) {
      if (reply.type === 'message' && typeof reply.text === 'string') {
        reply.text = reply.text.replace(/\n+/g, '\n\n');
      }
    }
    return next();
  });
}

/**
 * Answers a Teams conversation update itself when the normal welcome would be wrong: the bot added to a
 * group chat or team (only the invitation to the personal chat, once), or a tenant that may not report
 * (what to do instead, at once). Returns whether it answered.
 */
export async function greetTeamsMembers(context: TurnContext, deps: TeamsGateDeps): Promise<boolean> {
  const { activity } = context;
  if (activity.channelId !== 'msteams') return false;
  const locale = resolveLocale(activity.locale);
  if (!isPersonalChat(activity)) {
    const botAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
    if (botAdded) await context.sendActivity(personalChatInvitation(locale, botIdOf(activity, deps)));
    return true;
  }
  if (await tenantAdmitted(context, deps)) return false;
  await context.sendActivity(messagesFor(locale).teams.unknownTenant);
  return true;
}

async function tenantAdmitted(context: TurnContext, deps: TeamsGateDeps): Promise<boolean> {
  if (deps.allowAllTenants) return true;
  const tenantId = tenantOf(context);
  return tenantId !== undefined && (await deps.organisationForTenant(tenantId)) !== undefined;
}

/**
 * The Teams checks before a message reaches the dialogs: the bot's @mention is removed, nothing is asked
 * or shown outside the personal chat, the tenant must be a registered partner (a witness of another
 * tenant may still follow their own reports), the reporter's conversation reference is stored, and files
 * are converted and kept. Returns false when the turn has been answered here and no dialog may run.
 */
export async function admitTeamsMessage(context: TurnContext, deps: TeamsGateDeps): Promise<boolean> {
  const { activity } = context;
  if (activity.channelId !== 'msteams') return true;
  keepLineBreaks(context);
  // "@Shield Reporter no" must read as "no", wherever the bot was mentioned.
  if (typeof activity.text === 'string') TurnContext.removeRecipientMention(activity);
  const locale = resolveLocale(activity.locale);
  const texts = messagesFor(locale).teams;
  if (!isPersonalChat(activity)) {
    await context.sendActivity(personalChatInvitation(locale, botIdOf(activity, deps)));
    return false;
  }
  const tenantId = tenantOf(context);
  const aadObjectId = activity.from?.aadObjectId?.toLowerCase();
  const user = tenantId && aadObjectId ? { tenantId, aadObjectId } : undefined;
  if (!(await tenantAdmitted(context, deps))) {
    // A witness whose organisation left (or was never registered) may still answer questions about the
    // reports they made: only follow-up runs for them, never a new report.
    if (!user || !(await deps.hasReports?.(user))) {
      await context.sendActivity(texts.unknownTenant);
      return false;
    }
    context.turnState.set(FOLLOW_UP_ONLY, messagesFor(locale).teamsChat.deactivated);
  }
  if (user) {
    try {
      await bounded(
        deps.saveReference(user, TurnContext.getConversationReference(activity), { personal: true }),
        2_000,
      );
    } catch {
      // The database is down: the reference is stored again with the reporter's next message.
    }
  }
  if (activity.attachments && activity.attachments.length > 0) {
    const files = normaliseTeamsFiles(activity.attachments);
    if (!files) {
      await context.sendActivity(texts.fileRefused);
      return false;
    }
    activity.attachments = deps.files ? await keepFiles(context, files, deps.files) : files;
    if (!activity.attachments) return false;
  }
  return true;
}

/** The bot's connector token for this turn's service, if authentication is on (none in Emulator mode). */
function connectorAuthorization(context: TurnContext): Promise<string | undefined> {
  const client = context.turnState.get<{ credentials?: unknown } | undefined>(
    context.adapter.ConnectorClientKey,
  );
  return signedAuthorization(client?.credentials);
}

function isInlineImage(attachment: Attachment): attachment is Attachment & { contentUrl: string } {
  return /^image\//i.test(attachment.contentType) && typeof attachment.contentUrl === 'string';
}

/** Stores the Teams files of a message; undefined (and the witness told why) when one cannot be kept. */
async function keepFiles(
  context: TurnContext,
  converted: readonly Attachment[],
  fileDeps: TeamsFileDeps,
): Promise<Attachment[] | undefined> {
  const m = messagesFor(resolveLocale(context.activity.locale));
  const kept: Attachment[] = [];
  for (const attachment of converted) {
    const { contentUrl } = attachment;
    if (!contentUrl) {
      kept.push(attachment);
      continue;
    }
    // A pasted image lives on the connector's attachment service and needs the bot's own token; a file
    // from the chat's file store has a pre-authorised link and gets no token.
    const serviceHost = hostOf(context.activity.serviceUrl);
    const result = await keepTeamsFile(
      { ...attachment, contentUrl },
      context.activity.conversation.id,
      fileDeps,
      isInlineImage(attachment)
        ? {
            tokenHosts: [...INLINE_IMAGE_HOSTS, ...(serviceHost ? [serviceHost] : [])],
            authorization: await connectorAuthorization(context),
          }
        : undefined,
    );
    if (typeof result !== 'string') {
      kept.push(result);
      continue;
    }
    const refusals: Record<TeamsFileRefusal, string> = {
      FileHostNotAllowed: m.teamsChat.fileHostRefused,
      FileDownloadFailed: m.teams.fileNotFetched,
      FileTooLarge: m.teams.fileTooLarge(humanSize(fileDeps.maxBytes)),
      FileTypeNotAccepted: m.upload.wrongType(attachment.name ?? 'file'),
    };
    await context.sendActivity(refusals[result]);
    return undefined;
  }
  return kept;
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
