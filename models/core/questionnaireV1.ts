// The questionnaire as it was when reports stored questionnaireVersion 1 (before answers were stored by
// question id): frozen here, so that the migration archives those reports' own questionnaire even after
// the current one changes. Never edit: its hash is what migrated reports point to.
import type { QuestionnaireSpec } from './questionnaire';

/** Questionnaire version 1, as data. */
export const QUESTIONNAIRE_V1: QuestionnaireSpec = {
  choiceLists: {
    category: ['behaviour', 'item', 'vehicle', 'materials', 'online', 'other'],
    contactMethod: ['phone', 'email', 'chat'],
    sex: ['female', 'male', 'unknown'],
    vehicleType: ['car', 'van', 'truck', 'motorbike', 'bicycle', 'other'],
  },
  entries: [
    { id: 'urgent', kind: { type: 'yesNo' }, required: true },
    { id: 'category', kind: { list: 'category', type: 'choice' }, required: true },
    { id: 'account', kind: { maxLength: 4000, minLength: 3, type: 'text' }, required: true },
    { id: 'when', kind: { type: 'when' }, required: true },
    { id: 'ongoing', kind: { type: 'yesNo' }, required: true },
    { id: 'place', kind: { maxLength: 500, minLength: 2, type: 'text' }, required: true },
    { id: 'placeDetail', kind: { maxLength: 500, type: 'text' }, required: false },
    {
      loop: 'people',
      maxItems: 10,
      questions: [
        { id: 'sex', kind: { list: 'sex', type: 'choice' }, required: false },
        { id: 'age', kind: { maxLength: 50, type: 'text' }, required: false },
        { id: 'height', kind: { maxLength: 50, type: 'text' }, required: false },
        { id: 'build', kind: { maxLength: 200, type: 'text' }, required: false },
        { id: 'hair', kind: { maxLength: 200, type: 'text' }, required: false },
        { id: 'clothing', kind: { maxLength: 1000, type: 'text' }, required: false },
        { id: 'marks', kind: { maxLength: 1000, type: 'text' }, required: false },
        { id: 'actions', kind: { maxLength: 1000, type: 'text' }, required: false },
        { id: 'name', kind: { maxLength: 200, type: 'text' }, required: false },
      ],
    },
    {
      loop: 'vehicles',
      maxItems: 10,
      questions: [
        { id: 'plate', kind: { format: 'plate', maxLength: 15, type: 'text' }, required: false },
        { id: 'plateCountry', kind: { maxLength: 60, type: 'text' }, required: false },
        { id: 'make', kind: { maxLength: 60, type: 'text' }, required: false },
        { id: 'model', kind: { maxLength: 60, type: 'text' }, required: false },
        { id: 'colour', kind: { maxLength: 60, type: 'text' }, required: false },
        { id: 'vehicleType', kind: { list: 'vehicleType', type: 'choice' }, required: false },
        { id: 'direction', kind: { maxLength: 200, type: 'text' }, required: false },
        { id: 'passengers', kind: { maxLength: 200, type: 'text' }, required: false },
      ],
    },
    { id: 'suspicious', kind: { maxLength: 2000, minLength: 3, type: 'text' }, required: true },
    { id: 'evidence', kind: { type: 'evidence' }, required: false },
    { id: 'witnesses', kind: { maxLength: 1000, type: 'text' }, required: false },
    { decision: true, id: 'anonymous', kind: { type: 'yesNo' }, required: true },
    {
      condition: { equals: false, question: 'anonymous' },
      decision: true,
      id: 'contactName',
      kind: { maxLength: 200, minLength: 2, type: 'text' },
      offerProfileName: true,
      required: true,
    },
    {
      condition: { equals: false, question: 'anonymous' },
      decision: true,
      id: 'contactPhone',
      kind: { type: 'phone' },
      required: false,
    },
    {
      condition: { equals: false, question: 'anonymous' },
      decision: true,
      id: 'contactEmail',
      kind: { type: 'email' },
      required: false,
    },
    {
      condition: { equals: false, question: 'anonymous' },
      decision: true,
      id: 'organisation',
      kind: { maxLength: 200, type: 'text' },
      required: false,
    },
    {
      condition: { equals: false, question: 'anonymous' },
      decision: true,
      id: 'preferredContact',
      kind: { list: 'contactMethod', type: 'choice' },
      required: true,
    },
    { decision: true, id: 'consent', kind: { mustBeYes: true, type: 'yesNo' }, required: true },
  ],
};
