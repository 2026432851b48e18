// Where the channel serves a stored upload; the report keeps this URL, and the case API reads the id back
// out of it. One module, so the two cannot drift apart.
const ATTACHMENT_PATH = '/v3/directline/attachments/';
const STORED_FILE_URL = /\/v3\/directline\/attachments\/([0-9a-f]{24})(?:[?#]|$)/;

/** The URL under which the channel serves a stored evidence file to its witness. */
export function attachmentUrl(base: string, fileId: string): string {
  return `${base}${ATTACHMENT_PATH}${fileId}`;
}

/** The evidence-store id in an attachment's URL, or undefined for a file kept elsewhere (Teams). */
export function storedFileId(contentUrl: string): string | undefined {
  return STORED_FILE_URL.exec(contentUrl)?.[1];
}
