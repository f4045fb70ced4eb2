import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Field paths whose values never reach a log line, at the top level and one level down (`err.x`,
 * `config.x`, `req.headers.x`): credentials, the bot's and the trigger's secrets, bearer tokens in
 * HTTP headers (an SDK error may carry its request), the Application Insights connection string.
 */
const SECRET_FIELDS = [
  'key',
  'COSMOS_KEY',
  'secret',
  'REMINDER_TRIGGER_SECRET',
  'password',
  'MicrosoftAppPassword',
  'token',
  'accessToken',
  'authorization',
  'Authorization',
  'connectionString',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];
const HEADER_FIELDS = ['authorization', 'Authorization', 'cookie', 'x-functions-key'];

export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
  ...HEADER_FIELDS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`, `*.*.headers["${h}"]`]),
];

/**
 * Structured JSON logs (pino). Command-line tools log to stderr so that stdout stays their output.
 * Never log secrets or customer data beyond ids: the redaction list is a safety net, not a licence.
 * With Application Insights on (bot/telemetry.ts), lines written inside a request carry its
 * `trace_id` and `span_id`.
 */
export function createLogger(options: {
  level?: string;
  name: string;
  /** Standard output or error; a stream for tests. */
  destination?: 'stdout' | 'stderr' | DestinationStream;
}): Logger {
  const destination =
    typeof options.destination === 'object'
      ? options.destination
      : pino.destination(options.destination === 'stderr' ? 2 : 1);
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
