import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';

/** How proactive messages leave the bot: our small interface over the Bot Framework adapter. */
export interface ProactiveConnector {
  /** Sends one message; throws a SendFailure when the channel refuses it. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void>;
}

/** A refused send: the HTTP status (none for a network error) and the Retry-After it asked for. */
export class SendFailure extends Error {
  constructor(
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

export function sendFailureOf(error: unknown, now = Date.now()): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = (error ?? {}) as RestErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const retryAfter = parseRetryAfter(e.response?.headers?.get?.('retry-after'), now);
  return new SendFailure(
    status,
    retryAfter,
    `${status ?? e.code ?? 'network'}: ${e.message ?? String(error)}`,
  );
}

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/**
 * Sends through `adapter.continueConversationAsync` (the bot's own credentials). The connector
 * client's built-in retry policy is removed: it would retry 429s and 5xx behind our back, three
 * times each, ignoring the rate limits and the slow-down every other sender must observe; the
 * sender retries instead and records each outcome.
 */
export function adapterConnector(adapter: CloudAdapter, appId: string): ProactiveConnector {
  return {
    async send(reference, activity) {
      try {
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          const client = context.turnState.get(adapter.ConnectorClientKey) as PipelineOwner | undefined;
          client?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
          await context.sendActivity(activity);
        });
      } catch (error) {
        throw sendFailureOf(error);
      }
    },
  };
}
