import { randomUUID } from 'node:crypto';
import type { ReportSubmission } from '../../models/reportRepository';

/** An invented, valid report submission (no real person, place or number), with overrides. */
export function inventedSubmission(overrides: Partial<ReportSubmission> = {}): ReportSubmission {
  const base: ReportSubmission = {
    draftId: randomUUID(),
    questionnaireVersion: 1,
    urgent: false,
    category: 'other',
    channel: 'webchat',
    locale: 'en',
    conversationId: 'conversation-invented',
    account: 'An invented account for a test.',
    when: { start: new Date('2026-11-21T16:00:00Z'), precision: 'minute', approximate: false },
    ongoing: false,
    place: 'An invented place',
    people: [],
    vehicles: [],
    suspicious: 'Invented reasons.',
    attachments: [],
    links: [],
    reporter: { anonymous: true },
    consentAt: new Date('2026-11-22T12:00:00Z'),
  };
  return { ...base, ...overrides };
}
