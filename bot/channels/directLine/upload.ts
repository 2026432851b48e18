import busboy from 'busboy';
import type { Request, Response, Server } from 'restify';
import { sniff, type EvidenceFiles } from '../../../models/store/evidenceFiles';
import { ACCEPTED_EVIDENCE_TYPES, humanSize } from '../../../models/core/evidenceTypes';
import type { TranscriptStore } from '../../../models/store/transcript';
import { messagesFor, resolveLocale } from '../../../dialogs/locales';
import { attachmentUrl } from '../../../models/core/attachmentUrl';
import { sendError } from '../../http/httpErrors';
import { bearer, param } from './http';
import { clientActivitySchema, type ClientActivity, type DirectLineChannel } from './channel';
import { withoutLocation } from '../../../models/core/photoLocation';
import type { DirectLineTokens } from './tokens';
import { ServiceError } from '../../../models/core/errors';

const MAX_FILES = 5;

export interface UploadDeps {
  channel: DirectLineChannel;
  transcripts: TranscriptStore;
  files: EvidenceFiles;
  tokens: DirectLineTokens;
  maxBytes: number;
}

interface Part {
  name: string;
  bytes: Buffer;
}

function readParts(req: Request, maxBytes: number): Promise<{ activity?: string; files: Part[] }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: MAX_FILES, fields: 2, parts: MAX_FILES + 2 },
      });
    } catch {
      reject(new ServiceError('BadArgument', 'The upload must be multipart/form-data.'));
      return;
    }
    const files: Part[] = [];
    let activity: string | undefined;
    let failure: ServiceError | undefined;
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure ??= new ServiceError(
          'FileTooLarge',
          `A file may be at most ${Math.round(maxBytes / 1024 / 1024)} MB.`,
        );
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        // Web Chat sends the activity as a part of type application/vnd.microsoft.activity.
        if (field === 'activity' || info.mimeType === 'application/vnd.microsoft.activity')
          activity = bytes.toString('utf8');
        else files.push({ name: (info.filename || 'file').slice(0, 300), bytes });
      });
    });
    parser.on('field', (field, value) => {
      if (field === 'activity') activity = value;
    });
    parser.on('filesLimit', () => {
      failure ??= new ServiceError('TooManyFiles', `At most ${MAX_FILES} files at a time.`);
    });
    parser.on('error', () => reject(new ServiceError('BadArgument', 'The upload could not be read.')));
    parser.on('close', () => (failure ? reject(failure) : resolve({ activity, files })));
    req.pipe(parser);
  });
}

/**
 * The activity part of an upload, without its attachment list (the files are the other parts). Web Chat
 * lists each file there with a data: thumbnail far longer than an attachment field may be, so validating
 * the list would drop the whole activity, and with it the client activity id Web Chat waits for to mark
 * the message sent. Unreadable JSON or fields gives a plain message (the files are still taken).
 */
export function uploadActivity(activityText: string): ClientActivity {
  let json: unknown;
  try {
    json = JSON.parse(activityText);
  } catch {
    return { type: 'message' };
  }
  const withoutFiles =
    json && typeof json === 'object'
      ? { ...(json as Record<string, unknown>), attachments: undefined }
      : json;
  const parsed = clientActivitySchema.safeParse(withoutFiles);
  return parsed.success ? { ...parsed.data, type: 'message' } : { type: 'message' };
}

/** `POST /v3/directline/conversations/:id/upload`: evidence files, checked by their bytes, stored in GridFS. */
export function registerUpload(server: Server, deps: UploadDeps): void {
  server.post('/v3/directline/conversations/:conversationId/upload', async (req: Request, res: Response) => {
    try {
      let grant = await deps.channel.authorise(bearer(req), param(req, 'conversationId'));
      let parts;
      try {
        parts = await readParts(req, deps.maxBytes);
      } catch (error) {
        if (error instanceof ServiceError && error.status === 413) {
          // A file sent is a real message: a conversation not stored yet is stored with it.
          grant = await deps.channel.store(grant);
          const conversation = grant.conversation;
          const words = messagesFor(resolveLocale(conversation?.locale)).upload;
          await deps.channel.postFromBot(grant.conversationId, {
            type: 'message',
            text: words.tooLarge(humanSize(deps.maxBytes), MAX_FILES),
          });
        }
        throw error;
      }
      const { activity: activityText, files } = parts;
      if (files.length === 0) throw new ServiceError('BadArgument', 'No file was sent.');
      grant = await deps.channel.store(grant);
      let incoming: ClientActivity = { type: 'message' };
      if (activityText) incoming = uploadActivity(activityText);
      const conversation = grant.conversation;
      const tell = (text: string) =>
        deps.channel.postFromBot(grant.conversationId, { type: 'message', text });
      const words = messagesFor(resolveLocale(conversation?.locale)).upload;
      const typed = await Promise.all(
        files.map(async (file) => ({ ...file, contentType: await sniff(file.bytes) })),
      );
      const refused = typed.filter(
        (file) => !(ACCEPTED_EVIDENCE_TYPES as readonly (string | undefined)[]).includes(file.contentType),
      );
      if (refused.length > 0) {
        // The witness hears it in the chat too, in their language.
        await tell(words.wrongType(refused.map((file) => file.name).join(', ')));
        throw new ServiceError(
          'UnsupportedMediaType',
          'Only photos (JPEG, PNG) and PDF documents are accepted.',
        );
      }
      const base = `${req.isSecure() || req.header('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${req.header('host')}`;
      const attachments = [];
      for (const file of typed) {
        const contentType = file.contentType ?? 'application/octet-stream';
        const clean = conversation?.shareLocation
          ? { bytes: file.bytes, stripped: false }
          : withoutLocation(file.bytes, contentType);
        const id = await deps.files.put(file.name, clean.bytes, {
          conversationId: grant.conversationId,
          contentType,
          locationStripped: clean.stripped,
        });
        const contentUrl = attachmentUrl(base, id);
        // Web Chat draws a witness's own file as a picture only when it has a thumbnail; the stored
        // (location-free) photo is its own thumbnail, so it still shows after a reload.
        attachments.push({
          name: file.name,
          contentType,
          contentUrl,
          ...(contentType.startsWith('image/') ? { thumbnailUrl: contentUrl } : {}),
        });
      }
      const id = await deps.channel.postFromUser(grant, incoming, attachments);
      res.send(200, { id });
    } catch (error) {
      if (error instanceof ServiceError) {
        sendError(res, error);
        return;
      }
      throw error;
    }
  });

  // A stored file, to the witness of that conversation (their token, as header or `t` query parameter).
  server.get('/v3/directline/attachments/:fileId', async (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown> | undefined;
    const token = bearer(req) ?? (typeof query?.t === 'string' ? query.t : undefined);
    try {
      // The signature first: a request without a valid token costs no database round trip.
      await deps.channel.verify(token);
      const file = await deps.files.get(param(req, 'fileId'));
      if (!file) throw new ServiceError('NotFound', 'Unknown file.');
      await deps.channel.authorise(token, file.metadata.conversationId);
      res.header('Content-Type', file.metadata.contentType);
      res.header('Content-Disposition', 'attachment');
      res.header('X-Content-Type-Options', 'nosniff');
      res.sendRaw(200, file.bytes);
    } catch (error) {
      if (error instanceof ServiceError) {
        sendError(res, error);
        return;
      }
      throw error;
    }
  });
}
