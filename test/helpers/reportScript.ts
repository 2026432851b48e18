import assert from 'node:assert/strict';
import type { Report } from '../../models/store/report';
import type { Witness } from './witness';

/** One turn of a transcript: what the witness says and what the bot's reply must contain. */
export type Turn = [say: string, expect: RegExp];

/** A whole report in English, from the first message to the review (the clock at 2026-11-22 noon UTC). */
export const TO_REVIEW: Turn[] = [
  ['hello', /danger/],
  ['no', /about/],
  ['1', /own words/],
  ['Two people photographed the entrance and the guard post for a long time.', /When/],
  ['gisteren rond 17u', /I understood: Saturday, November 21, 2026, around 17:00/],
  ['yes', /still going on/],
  ['no', /Where did it happen/],
  ['Main entrance of the town hall', /Where exactly/],
  ['skip', /people involved/],
  ['no', /vehicle/],
  ['no', /suspicious/],
  ['They hid the camera when the guard looked.', /photos/],
  ['none', /anyone else/],
  ['skip', /anonymous/],
  ['yes', /agree/],
  ['yes', /Please check your report/],
];

/** Plays a transcript turn by turn, failing at the first reply that does not match. */
export async function play(witness: Witness, turns: Turn[]): Promise<string> {
  let last = '';
  for (const [say, expect] of turns) last = await witness.expect(say, expect);
  return last;
}

/** The shape of a receipt code, to check that a reply does not show one. */
export const RECEIPT_CODE = /[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/;

/** The receipt code and case number the bot gave at the end of a report. */
export function codesFrom(text: string): { caseNumber: string; receiptCode: string } {
  const caseNumber = /SR-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(text)?.[0];
  const receiptCode = /[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/.exec(text)?.[0];
  assert.ok(caseNumber, `no case number in: ${text}`);
  assert.ok(receiptCode, `no receipt code in: ${text}`);
  return { caseNumber, receiptCode };
}

/** The stored report without the fields that differ every run, for a whole-document comparison. */
export function comparable(report: Report): Record<string, unknown> {
  const {
    _id,
    draftId,
    caseNumber,
    receiptHash,
    createdAt,
    updatedAt,
    submittedAt,
    conversationId,
    ...rest
  } = report;
  assert.ok(
    _id && draftId && caseNumber && receiptHash && submittedAt && conversationId && createdAt && updatedAt,
  );
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

/** A stored answer about time, as the report keeps it. */
export interface StoredWhen {
  start: Date;
  end?: Date;
  precision: 'minute' | 'day';
  approximate: boolean;
  asSaid?: string;
}

/** The stored "when" answer of a report, if any. */
export function whenOf(report: { answers: Record<string, unknown> }): StoredWhen | undefined {
  return report.answers.when as StoredWhen | undefined;
}

/** The witness's own details as the report stores them: the contact questions' answers, as plain JSON. */
export function contactOf(report: { answers: Record<string, unknown> }): Record<string, unknown> {
  const ids = [
    'anonymous',
    'contactName',
    'contactPhone',
    'contactEmail',
    'organisation',
    'preferredContact',
  ];
  return JSON.parse(
    JSON.stringify(
      Object.fromEntries(ids.filter((id) => id in report.answers).map((id) => [id, report.answers[id]])),
    ),
  ) as Record<string, unknown>;
}

/** The evidence answer of a report: its files and links (none when the witness gave none). */
export function evidenceOf(report: { answers: Record<string, unknown> }): {
  attachments: { name: string; contentType: string; contentUrl: string }[];
  links: string[];
} {
  const evidence = report.answers.evidence as
    { attachments: { name: string; contentType: string; contentUrl: string }[]; links: string[] } | undefined;
  return evidence ?? { attachments: [], links: [] };
}
