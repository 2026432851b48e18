import pino from 'pino';

export type Logger = pino.Logger;

// Defence in depth: the code logs ids, never words, but if an activity or a request ever slips into a
// log call, these paths keep witness text, names, contact details and credentials out of the log.
const REDACTED_PATHS = [
  'text',
  '*.text',
  'activity.text',
  'activity.value',
  'activity.from.name',
  'value',
  'name',
  'email',
  'phone',
  '*.email',
  '*.phone',
  'token',
  '*.token',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'password',
  '*.password',
  'receiptCode',
  '*.receiptCode',
];

/** The service's structured logger (JSON lines on stdout). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'shield-reporter' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
