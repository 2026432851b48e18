/**
 * The error catalogue: every code a client can read in an HTTP error answer, with the status it goes with
 * and a plain default message. Codes are PascalCase, as in the Direct Line and Bot Framework APIs and
 * restify's own answers, and never change once published (clients and tests key on them); a new failure
 * gets a new code. A call site may give a more precise message (never internals, never personal data).
 * Pure TypeScript: no framework, so the core, the dialogs and the HTTP layer all share it.
 */
export interface ErrorDefinition {
  /** The stable code, PascalCase. */
  readonly code: string;
  /** The HTTP status the code is answered with. */
  readonly status: number;
  /** Other statuses this code is answered with where a protocol we implement says so. */
  readonly alsoStatus?: readonly number[];
  /** The default message, safe to show to anyone. */
  readonly message: string;
}

export const ERROR_CATALOGUE = [
  // Any route: the request itself.
  { code: 'InvalidContent', status: 400, message: 'The body is not valid for this operation.' },
  { code: 'PayloadTooLarge', status: 413, message: 'The body is too large.' },
  { code: 'UnsupportedMediaType', status: 415, message: 'This kind of content is not accepted here.' },
  { code: 'ResourceNotFound', status: 404, message: 'There is nothing at this address.' },
  { code: 'MethodNotAllowed', status: 405, message: 'This address does not accept that method.' },
  { code: 'NotFound', status: 404, message: 'No such page or file.' },
  { code: 'InternalError', status: 500, message: 'Something went wrong on our side.' },
  // The Bot Framework endpoint (/api/messages).
  {
    code: 'EmulatorLocalOnly',
    status: 403,
    message: 'Without a MicrosoftAppId the bot only talks to an Emulator on this machine.',
  },
  {
    code: 'ServiceUrlRefused',
    status: 400,
    message:
      'The serviceUrl must be an http(s) address on this machine when the caller is not the Bot Connector.',
  },
  { code: 'Unauthorized', status: 401, message: 'A valid token is required.' },
  {
    code: 'AuthenticationUnavailable',
    status: 503,
    message: 'The request could not be verified now; retry later.',
  },
  // The Direct Line 3.0 channel: Azure's codes, so that any Direct Line client understands them.
  // BadArgument is Direct Line's answer to an unknown conversation too, with 404.
  { code: 'BadArgument', status: 400, alsoStatus: [404], message: 'Invalid request.' },
  { code: 'MissingToken', status: 403, message: 'A token is required.' },
  { code: 'BadToken', status: 403, message: 'The token is not valid.' },
  { code: 'TokenExpired', status: 403, message: 'The token has expired.' },
  { code: 'OriginNotAllowed', status: 403, message: 'This site may not use the reporting channel.' },
  { code: 'TooManyRequests', status: 429, message: 'Too many requests; please try again in a minute.' },
  { code: 'FileTooLarge', status: 413, message: 'The file is too large.' },
  { code: 'TooManyFiles', status: 413, message: 'Too many files at a time.' },
  {
    code: 'ServiceUnavailable',
    status: 503,
    message: 'The chat is unavailable for a moment; please try again.',
  },
  // The case API: officers' logins and roles.
  { code: 'InvalidRequest', status: 400, message: 'The request is not valid.' },
  { code: 'Unauthenticated', status: 401, message: 'Log in first (a missing, expired or invalid token).' },
  { code: 'NoRole', status: 403, message: 'Your account has no role in the case console.' },
  { code: 'Forbidden', status: 403, message: 'Your role does not allow this.' },
  { code: 'LoginFailed', status: 401, message: 'Wrong e-mail address or password.' },
  { code: 'LoginLocked', status: 429, message: 'Too many failed logins; try again later.' },
  { code: 'SessionEnded', status: 401, message: 'Your session has ended; log in again.' },
  // The case API: cases.
  { code: 'CaseNotFound', status: 404, message: 'There is no case with that number.' },
  { code: 'AttachmentNotFound', status: 404, message: 'This case has no such attachment.' },
  {
    code: 'NotAssigned',
    status: 403,
    message: 'Only the assigned officer or a supervisor may work this case.',
  },
  { code: 'SupervisorOnly', status: 403, message: 'Only a supervisor may do this.' },
  { code: 'CaseClosed', status: 409, message: 'The case is closed.' },
  { code: 'ChangedMeanwhile', status: 409, message: 'The case was changed meanwhile; reload it.' },
  { code: 'IllegalTransition', status: 409, message: 'The case cannot take that status now.' },
  { code: 'OutcomeRequired', status: 400, message: 'Closing a case needs an outcome.' },
  { code: 'OutcomeWithoutClose', status: 400, message: 'An outcome is given only when closing the case.' },
  { code: 'UnknownAssignee', status: 400, message: 'There is no officer account with that id.' },
  { code: 'SameCase', status: 400, message: 'A case cannot be linked with itself.' },
  { code: 'NotLinked', status: 409, message: 'The case is not linked to an incident.' },
  { code: 'ExportTooLarge', status: 413, message: 'Too many cases match; narrow the filters.' },
  // The admin API.
  { code: 'OfficerNotFound', status: 404, message: 'There is no account with that id.' },
  { code: 'OfficerExists', status: 409, message: 'An account with that e-mail address exists already.' },
  { code: 'EmailInvalid', status: 400, message: 'That is not an e-mail address.' },
  { code: 'PasswordTooShort', status: 400, message: 'The password is too short.' },
  {
    code: 'SelfLockout',
    status: 409,
    message: 'You cannot disable or demote your own account; ask another administrator.',
  },
  {
    code: 'OrganisationNotFound',
    status: 404,
    message: 'There is no partner organisation for that tenant.',
  },
  // The Shield network (bot/police/alerts).
  { code: 'AlertNotFound', status: 404, message: 'There is no alert with that id.' },
  { code: 'AlertWithdrawn', status: 409, message: 'The alert was withdrawn.' },
  { code: 'AlertPhotoNotFound', status: 404, message: 'This alert has no such photo.' },
  { code: 'PhotoLinkInvalid', status: 403, message: 'The photo link is not one of ours.' },
  { code: 'PhotoLinkExpired', status: 410, message: 'The photo link is no longer valid.' },
  { code: 'BatchNotFound', status: 404, message: 'There is no invitation batch with that id.' },
  // Load shedding.
  { code: 'ServiceBusy', status: 503, message: 'The service is busy; please try again in a moment.' },
  // Proof of work asked of new web chat conversations under pressure (see bot/http/proofOfWork.ts).
  {
    code: 'ProofOfWorkRequired',
    status: 403,
    message: 'The service is busy: solve the attached challenge and send the request again.',
  },
  { code: 'ProofOfWorkMalformed', status: 400, message: 'The proof of work is not in the expected form.' },
  {
    code: 'ProofOfWorkInvalid',
    status: 403,
    message: 'The proof of work does not solve a challenge of ours.',
  },
  { code: 'ProofOfWorkExpired', status: 403, message: 'The challenge has expired: solve the attached one.' },
  { code: 'ProofOfWorkReplayed', status: 409, message: 'This proof of work was used already.' },
  { code: 'OrganisationExists', status: 409, message: 'That tenant is a partner organisation already.' },
] as const satisfies readonly ErrorDefinition[];

/** A code of the catalogue. */
export type ErrorCode = (typeof ERROR_CATALOGUE)[number]['code'];

/** A failure the service knows by name but never answers as an HTTP error code. */
export interface FailureDefinition {
  /** The stable code, PascalCase, unique together with the HTTP codes above. */
  readonly code: string;
  /** What happened, for whoever reads a log line or a recorded reason. */
  readonly meaning: string;
}

/**
 * The failures no client reads as an error code: caught where they are understood (a retry, a fallback, a
 * catalogued answer), recorded as the reason of a failed delivery (the case view and the console show it),
 * or a refusal the bot turns into a sentence. One catalogue with the HTTP codes, so that a code names one
 * failure only; a reason recorded before the codes were PascalCase stays as it was stored.
 */
export const FAILURE_CATALOGUE = [
  // Process and storage.
  { code: 'ConfigInvalid', meaning: 'The environment does not configure a service that can start.' },
  { code: 'DatabaseTimeout', meaning: 'The database did not answer in time.' },
  { code: 'TranscriptUnavailable', meaning: 'A conversation transcript cannot be read or kept now.' },
  { code: 'StateWriteConflict', meaning: 'Bot state was written meanwhile by another turn.' },
  { code: 'UnknownConversation', meaning: 'No transcript exists for that conversation.' },
  // Tokens checked before a catalogued answer is chosen.
  { code: 'TokenInvalid', meaning: 'A Direct Line token is not signed by this service (answered BadToken).' },
  {
    code: 'SsoTokenInvalid',
    meaning: 'A Teams single sign-on token was refused (answered Unauthenticated).',
  },
  // Deliveries to Teams (officers' questions, alerts to partners), recorded as the reason of a failure.
  { code: 'ConnectorError', meaning: 'The Bot Connector answered with an error status.' },
  { code: 'ConnectorUnreachable', meaning: 'The Bot Connector could not be reached.' },
  { code: 'NoConversation', meaning: 'The stored conversation reference has no address.' },
  { code: 'NoConversationCreated', meaning: 'Teams did not open the personal chat it was asked for.' },
  { code: 'QuestionNotFound', meaning: 'The question or its report no longer exists.' },
  { code: 'NoTeamsContact', meaning: 'The witness left no Teams contact to write to.' },
  { code: 'PersonalChatNotOpened', meaning: 'Teams refused to open a personal chat with the witness.' },
  { code: 'GaveUp', meaning: 'Retried until the delivery gave up (prefixes the last reason).' },
  { code: 'ReasonNotRecorded', meaning: 'A failed delivery recorded no reason.' },
  // Notices to the assigned officer that a witness answered.
  { code: 'CaseUnassigned', meaning: 'No officer is assigned to the case.' },
  { code: 'NoTeamsIdentity', meaning: 'The assigned officer has no Teams identity.' },
  { code: 'NoTeamsConversation', meaning: 'The assigned officer never talked to the bot in Teams.' },
  // Refusals the bot says in a sentence: files sent in Teams, invitation codes, console sessions.
  { code: 'FileHostNotAllowed', meaning: 'A Teams file is not on a Teams or SharePoint host.' },
  { code: 'FileDownloadFailed', meaning: 'A Teams file could not be downloaded.' },
  { code: 'FileTypeNotAccepted', meaning: 'A file is not of an accepted evidence type.' },
  { code: 'InvitationMalformed', meaning: 'The text is not an invitation code.' },
  { code: 'InvitationForged', meaning: 'An invitation code was not issued by this service.' },
  { code: 'InvitationExpired', meaning: 'An invitation code has expired.' },
  { code: 'InvitationUnknown', meaning: 'An invitation code is not on record.' },
  { code: 'InvitationUsed', meaning: 'An invitation code was used already.' },
  { code: 'AlreadyPartner', meaning: 'The tenant is a partner organisation already.' },
  { code: 'RefreshUnknown', meaning: 'A console refresh token is not on record.' },
  { code: 'RefreshReused', meaning: 'A console refresh token was used twice (the session is ended).' },
] as const satisfies readonly FailureDefinition[];

/** A code of the failure catalogue. */
export type FailureCode = (typeof FAILURE_CATALOGUE)[number]['code'];

/** Any catalogued code, HTTP or not. */
export type CatalogueCode = ErrorCode | FailureCode;

/** Names a set of codes, each of which must be catalogued (`Coded<'FileTooLarge' | ...>`). */
export type Coded<C extends CatalogueCode> = C;

const BY_CODE: ReadonlyMap<string, ErrorDefinition> = new Map(
  ERROR_CATALOGUE.map((entry): [string, ErrorDefinition] => [entry.code, entry]),
);

/** The catalogue entry of a code. */
export function errorDefinition(code: ErrorCode): ErrorDefinition {
  return BY_CODE.get(code) as ErrorDefinition;
}

/** Whether a string is a code of the catalogue. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && BY_CODE.has(code);
}

export interface ServiceErrorOptions {
  /** One of the code's statuses (its `alsoStatus`); the catalogue's status otherwise. */
  readonly status?: number;
  /** Answer headers that go with the refusal (`Retry-After`, `WWW-Authenticate`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An expected failure with a catalogued code: the HTTP layer answers it with its status, code and message
 * in the one error shape. Its message is shown to the client, so it never carries internals.
 */
export class ServiceError extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    options: ServiceErrorOptions = {},
  ) {
    const definition = errorDefinition(code);
    // A refusal (4xx) is an answer, not a fault: no stack trace is taken (most of the cost of making one,
    // paid by every junk request of a flood). A 5xx keeps its stack.
    const limit = Error.stackTraceLimit;
    if ((options.status ?? definition.status) < 500) Error.stackTraceLimit = 0;
    super(message ?? definition.message);
    Error.stackTraceLimit = limit;
    this.name = 'ServiceError';
    const status = options.status ?? definition.status;
    if (status !== definition.status && !definition.alsoStatus?.includes(status)) {
      throw new TypeError(`${code} is not answered with ${status}`);
    }
    this.status = status;
    this.headers = options.headers ?? {};
  }
}
