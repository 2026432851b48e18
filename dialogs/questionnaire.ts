// The questionnaire lives in the domain core (models/core/questionnaire.ts): the dialog walks it, storage,
// the case view, search and export read it. Re-exported here for the conversation's own modules.
export * from '../models/core/questionnaire';
