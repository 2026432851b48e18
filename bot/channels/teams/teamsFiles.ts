import type { Attachment } from 'botbuilder';
import { ACCEPTED_EVIDENCE_TYPES } from '../../../models/core/evidenceTypes';
import { sniff, type EvidenceFiles } from '../../../models/store/evidenceFiles';
import { attachmentUrl } from '../../../models/core/attachmentUrl';
import { withoutLocation } from '../../../models/core/photoLocation';
import type { Coded } from '../../../models/core/errors';

/** Why a Teams file was not kept; the witness hears a sentence that says which. */
export type TeamsFileRefusal = Coded<
  'FileHostNotAllowed' | 'FileDownloadFailed' | 'FileTooLarge' | 'FileTypeNotAccepted'
>;

export interface TeamsFileDeps {
  files: EvidenceFiles;
  /** Largest file kept, as for web chat uploads. */
  maxBytes: number;
  /** Host names (and their subdomains) Teams download links may point at; nothing else is fetched. */
  allowedHosts: readonly string[];
  /** Plain http is accepted only outside production (the tests' local stand-in for SharePoint). */
  allowHttp: boolean;
  /** The service's public base URL, for the stored file's link in the report. */
  publicBase: string;
}

const DOWNLOAD_TIMEOUT_MS = 10_000;

function hostIn(url: URL, hosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

function schemeAllowed(url: URL, deps: TeamsFileDeps): boolean {
  if (url.protocol !== 'https:' && !(deps.allowHttp && url.protocol === 'http:')) return false;
  return !url.username && !url.password;
}

/** How an image pasted into a message is fetched: from the connector, with the bot's token. */
export interface InlineImageAccess {
  /** The connector's hosts: the only ones that ever receive the token. */
  tokenHosts: readonly string[];
  /** The `Authorization` header value of the bot's connector token (none in Emulator mode). */
  authorization: string | undefined;
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer | 'FileTooLarge'> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return 'FileTooLarge';
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return 'FileTooLarge';
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads a file a witness sent in the Teams chat and keeps it as evidence in the service's own store.
 * Teams' download links are pre-authorised and expire within hours, so a report that kept only the link
 * would lose the file before an officer opened it. The type is recognised from the bytes, as for web chat
 * uploads, and location data is removed (Teams offers no "keep location" choice).
 */
export async function keepTeamsFile(
  attachment: Attachment & { contentUrl: string },
  conversationId: string,
  deps: TeamsFileDeps,
  inline?: InlineImageAccess,
): Promise<Attachment | TeamsFileRefusal> {
  let url: URL;
  try {
    url = new URL(attachment.contentUrl);
  } catch {
    return 'FileHostNotAllowed';
  }
  // Only the file host Teams uses is ever fetched: the link comes from a message, so it must not be able
  // to make the service reach into its own network.
  const fromConnector = inline !== undefined && hostIn(url, inline.tokenHosts);
  if (!schemeAllowed(url, deps) || !(fromConnector || hostIn(url, deps.allowedHosts))) {
    return 'FileHostNotAllowed';
  }
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      headers: fromConnector && inline.authorization ? { authorization: inline.authorization } : {},
    });
  } catch {
    return 'FileDownloadFailed';
  }
  if (!response.ok) return 'FileDownloadFailed';
  const bytes = await readLimited(response, deps.maxBytes).catch(() => 'FileDownloadFailed' as const);
  if (typeof bytes === 'string') return bytes;
  const contentType = await sniff(bytes);
  if (!contentType || !(ACCEPTED_EVIDENCE_TYPES as readonly string[]).includes(contentType)) {
    return 'FileTypeNotAccepted';
  }
  // A pasted image has no name of its own.
  const name = (attachment.name ?? `image.${contentType.split('/')[1] ?? 'file'}`).slice(0, 300);
  const clean = withoutLocation(bytes, contentType);
  const id = await deps.files.put(name, clean.bytes, {
    conversationId,
    contentType,
    locationStripped: clean.stripped,
  });
  return { name, contentType, contentUrl: attachmentUrl(deps.publicBase, id) };
}
