import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type BotFrameworkAuthentication,
  type ConnectorClient,
} from 'botframework-connector';
import pRetry, { AbortError } from 'p-retry';

/** How proactive messages leave the bot: our small interface over the Bot Framework connector. */
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
 * Sends with the bot's own credentials, as `CloudAdapter.continueConversationAsync` would, but with
 * one connector client per service URL for the whole run instead of a new client, token client and
 * turn pipeline per message (half the CPU per send). The client's built-in retry policy is removed:
 * it would retry 429s and 5xx behind our back, three times each, ignoring the rate limits and the
 * slow-down every other sender must observe; the sender retries instead and records each outcome.
 */
export function botConnector(auth: BotFrameworkAuthentication, appId: string): ProactiveConnector {
  // The identity CloudAdapter uses for proactive messages: the bot's app id as audience and app id.
  const identity = new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
  const factory = auth.createConnectorFactory(identity);
  const clients = new Map<string, Promise<ConnectorClient>>();
  const clientFor = (serviceUrl: string): Promise<ConnectorClient> => {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = factory.create(serviceUrl, undefined).then((created) => {
        (created as unknown as PipelineOwner).client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
        return created;
      });
      // A failure to create is not cached: the next send tries again.
      client.catch(() => clients.delete(serviceUrl));
      clients.set(serviceUrl, client);
    }
    return client;
  };
  return {
    async send(reference, activity) {
      const conversationId = reference.conversation?.id;
      if (!reference.serviceUrl || !conversationId) {
        throw new SendFailure(
          400,
          undefined,
          'the conversation reference has no serviceUrl or conversation id',
        );
      }
      try {
        const client = await clientFor(reference.serviceUrl);
        const message = TurnContext.applyConversationReference({ ...activity }, reference);
        await client.conversations.sendToConversation(conversationId, message as Activity);
      } catch (error) {
        throw sendFailureOf(error);
      }
    },
  };
}

/** Statuses worth another try: throttled, timed out, a precondition race, the service's own errors. */
function transient(failure: SendFailure): boolean {
  const { status } = failure;
  return status === undefined || status === 408 || status === 412 || status === 429 || status >= 500;
}

/**
 * One proactive message outside a reminder run (e.g. the outcome of a file import): a transient
 * refusal is tried again (5 tries, full-jitter backoff from 1 s, waiting at least what Retry-After
 * asks); a refusal for good (403, 404, 400) is thrown at once. Teams takes no idempotency key, so a
 * retry after a 5xx may, rarely, deliver twice; never retrying would drop the message instead.
 */
export async function sendWithRetries(
  connector: ProactiveConnector,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  options: { readonly retries?: number; readonly minTimeoutMs?: number } = {},
): Promise<void> {
  await pRetry(
    async () => {
      try {
        await connector.send(reference, activity);
      } catch (error) {
        const failure = sendFailureOf(error);
        if (!transient(failure)) throw new AbortError(failure);
        if (failure.retryAfterMs) await new Promise((resolve) => setTimeout(resolve, failure.retryAfterMs));
        throw failure;
      }
    },
    { retries: options.retries ?? 4, minTimeout: options.minTimeoutMs ?? 1_000, randomize: true },
  );
}
