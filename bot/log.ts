import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Command-line tools log to stderr so that stdout stays their output.
 * Never log secrets or customer data beyond ids: the redaction list is a safety net, not a licence.
 */
export function createLogger(options: {
  level?: string;
  name: string;
  destination?: 'stdout' | 'stderr';
}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: {
        paths: [
          'key',
          '*.key',
          'COSMOS_KEY',
          '*.COSMOS_KEY',
          'secret',
          '*.secret',
          'authorization',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination(options.destination === 'stderr' ? 2 : 1),
  );
}
