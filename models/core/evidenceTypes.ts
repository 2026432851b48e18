// The one list of file types a witness may send as evidence, on the web and in Teams, checked on the bytes
// (web uploads) or the type Teams names (files in a chat). HEIC, an iPhone's usual photo format, is not on
// it: its location data cannot be removed here without a native decoder, so the texts tell iPhone users
// how to send a JPEG instead.

/** The accepted evidence types (MIME). */
export const ACCEPTED_EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type EvidenceType = (typeof ACCEPTED_EVIDENCE_TYPES)[number];

/** The file name extensions of the accepted types, as Teams names a file's type. */
export const EVIDENCE_EXTENSIONS: Readonly<Record<string, EvidenceType>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The photo types among them (an alert's photo is shown in Teams cards and pages, so no PDF). */
export const PHOTO_TYPES: readonly EvidenceType[] = ACCEPTED_EVIDENCE_TYPES.filter((type) =>
  type.startsWith('image/'),
);

/** Types a browser may show in the page (the console previews them): the photos; anything else is only saved. */
export const PREVIEW_TYPES: readonly string[] = PHOTO_TYPES;

/** A size limit as the witness reads it ("10 MB"). */
export function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.floor(bytes / 1024)} KB`;
}
