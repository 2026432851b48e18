import { TurnContext, type Attachment } from 'botbuilder';
import { z } from 'zod';
import { messagesFor, resolveLocale } from '../../dialogs/locales';
import { bounded } from '../../models/db';
import { EVIDENCE_EXTENSIONS } from '../../models/evidenceTypes';
import { humanSize } from '../directLine/upload';
import { keepTeamsFile, type TeamsFileDeps, type TeamsFileRefusal } from './teamsFiles';

/** What the Teams checks need from the rest of the service. */
export interface TeamsGateDeps {
  /** The registered, active partner organisation of a tenant. */
  organisationForTenant(tenantId: string): Promise<string | undefined>;
  /** Accept every tenant (configuration TEAMS_ALLOW_ALL_TENANTS). */
  allowAllTenants: boolean;
  /** Keeps where a Teams reporter can be reached later (proactive messages). */
  saveReference(user: { tenantId: string; aadObjectId: string }, reference: object): Promise<void>;
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

const downloadInfo = z.object({
  downloadUrl: z.url({ protocol: /^https?$/ }),
  fileType: z.string().min(1).max(10),
});

const teamsChannelData = z.looseObject({
  tenant: z.looseObject({ id: z.string().min(1).max(100) }).optional(),
});

/** The tenant id Teams puts in channelData, if any. */
export function tenantOf(context: TurnContext): string | undefined {
  const parsed = teamsChannelData.safeParse(context.activity.channelData);
  return parsed.success ? parsed.data.tenant?.id : undefined;
}

/**
 * Teams sends a file from the personal chat as a "file download info" attachment; the report dialog takes
 * evidence as `{ name, contentType, contentUrl }`. Returns the converted attachments, or undefined when a
 * file has no usable download URL or a type that is not accepted.
 */
export function normaliseTeamsFiles(attachments: readonly Attachment[]): Attachment[] | undefined {
  const converted: Attachment[] = [];
  for (const attachment of attachments) {
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
 * The Teams checks before a message reaches the dialogs: the tenant must be a registered partner, the
 * reporter's conversation reference is stored, and files are converted. Returns false when the turn has
 * been answered here and no dialog may run.
 */
export async function admitTeamsMessage(context: TurnContext, deps: TeamsGateDeps): Promise<boolean> {
  const { activity } = context;
  if (activity.channelId !== 'msteams') return true;
  const texts = messagesFor(resolveLocale(activity.locale)).teams;
  const tenantId = tenantOf(context);
  const known = tenantId !== undefined && (await deps.organisationForTenant(tenantId)) !== undefined;
  if (!known && !deps.allowAllTenants) {
    await context.sendActivity(texts.unknownTenant);
    return false;
  }
  const aadObjectId = activity.from?.aadObjectId;
  if (tenantId && aadObjectId) {
    try {
      await bounded(
        deps.saveReference({ tenantId, aadObjectId }, TurnContext.getConversationReference(activity)),
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
    activity.attachments = deps.files
      ? await keepFiles(context, activity.attachments, files, deps.files)
      : files;
    if (!activity.attachments) return false;
  }
  return true;
}

/** Stores the Teams files of a message; undefined (and the witness told why) when one cannot be kept. */
async function keepFiles(
  context: TurnContext,
  originals: readonly Attachment[],
  converted: readonly Attachment[],
  fileDeps: TeamsFileDeps,
): Promise<Attachment[] | undefined> {
  const m = messagesFor(resolveLocale(context.activity.locale));
  const kept: Attachment[] = [];
  for (const [index, attachment] of converted.entries()) {
    const { contentUrl } = attachment;
    if (originals[index]?.contentType !== FILE_DOWNLOAD_INFO || !contentUrl) {
      kept.push(attachment);
      continue;
    }
    const result = await keepTeamsFile(
      { ...attachment, contentUrl },
      context.activity.conversation.id,
      fileDeps,
    );
    if (typeof result !== 'string') {
      kept.push(result);
      continue;
    }
    const refusals: Record<TeamsFileRefusal, string> = {
      HOST_NOT_ALLOWED: m.teams.fileRefused,
      DOWNLOAD_FAILED: m.teams.fileNotFetched,
      TOO_LARGE: m.teams.fileTooLarge(humanSize(fileDeps.maxBytes)),
      TYPE_NOT_ACCEPTED: m.upload.wrongType(attachment.name ?? 'file'),
    };
    await context.sendActivity(refusals[result]);
    return undefined;
  }
  return kept;
}
